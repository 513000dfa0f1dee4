import type {
  CaseParticipantResponse,
  CaseResponse,
  CaseSummaryResponse,
  GoalResponse,
  MeasureResponse,
  MeetingResponse,
} from '@stafett/domain';
import { daysFromToday, instantDaysFromNow } from './dates';

// Parts of the plan carry the category of information they are about (the consent work adds it);
// the builders give one without depending on which categories there are.
type WithoutCategory<T> = Omit<T, 'category'>;

/** Sentrum barnehage (Kari's unit) as a participant of the case. */
export function participant(overrides: Partial<CaseParticipantResponse> = {}): CaseParticipantResponse {
  return {
    id: 'p-kg',
    unitId: 'unit-kg',
    unitName: 'Sentrum barnehage',
    serviceId: 'service-kg',
    serviceName: 'Barnehagetjenesten',
    role: 'coordinating',
    staff: [],
    fromOn: daysFromToday(-2),
    toOn: null,
    active: true,
    leftAt: null,
    ...overrides,
  };
}

/** Fjordvik helsestasjon as a participant. */
export const healthParticipant = (overrides: Partial<CaseParticipantResponse> = {}) =>
  participant({
    id: 'p-health',
    unitId: 'unit-health',
    unitName: 'Fjordvik helsestasjon',
    serviceId: 'service-health',
    serviceName: 'Helsestasjon',
    role: 'health_follow_up',
    staff: [{ userId: 'user-hanne', displayName: 'Hanne Moe' }],
    ...overrides,
  });

export function goal(overrides: Partial<GoalResponse> = {}): GoalResponse {
  const base: WithoutCategory<GoalResponse> = { id: 'goal-1', text: 'Emma sover godt', achieved: false, version: 1 };
  return { category: 'wellbeing', ...base, ...overrides } as GoalResponse;
}

export function measure(overrides: Partial<MeasureResponse> = {}): MeasureResponse {
  const base: WithoutCategory<MeasureResponse> = {
    id: 'measure-1',
    goalId: null,
    description: 'Samtaler om søvn',
    responsibleParticipantId: 'p-kg',
    responsibleUnitName: 'Sentrum barnehage',
    evaluationDueOn: daysFromToday(42),
    evaluationOverdue: false,
    status: 'active',
    evaluations: [],
    version: 3,
  };
  return { category: 'wellbeing', ...base, ...overrides } as MeasureResponse;
}

export function meeting(overrides: Partial<MeetingResponse> = {}): MeetingResponse {
  const base: WithoutCategory<MeetingResponse> = {
    id: 'meeting-1',
    meetingAt: instantDaysFromNow(7, 10),
    attendeeParticipantIds: ['p-kg'],
    otherAttendees: 'mor, far',
    agenda: 'Status og videre plan',
    decisions: null,
    nextMeetingOn: null,
    minutesStatus: 'draft',
    version: 2,
  };
  return { category: 'wellbeing', ...base, ...overrides } as MeetingResponse;
}

/** A level-1 case about Emma, opened two days ago and coordinated by Kari (Sentrum barnehage), as she sees it; override what the test is about. */
export function caseResponse(overrides: Partial<CaseResponse> = {}): CaseResponse {
  return {
    id: 'case-1',
    child: { id: 'child-emma', givenName: 'Emma', familyName: 'Nordmann', birthDate: '2021-04-12', addressProtection: null },
    concernId: 'concern-1',
    status: 'open',
    level: 1,
    openedAt: instantDaysFromNow(-2, 10),
    ownerUnit: { unitId: 'unit-kg', unitName: 'Sentrum barnehage', serviceId: 'service-kg' },
    coordinator: {
      userId: 'user-kari',
      displayName: 'Kari Larsen',
      unitId: 'unit-kg',
      unitName: 'Sentrum barnehage',
      serviceId: 'service-kg',
      active: true,
      inactiveReason: null,
      since: instantDaysFromNow(-2, 10),
    },
    pendingTransfer: null,
    levelHistory: [
      {
        id: 'decision-1',
        kind: 'opened',
        fromLevel: null,
        toLevel: 1,
        reason: 'Tiltak i egen enhet',
        childView: null,
        meetingId: null,
        decidedBy: { userId: 'user-kari', displayName: 'Kari Larsen' },
        decidedAt: instantDaysFromNow(-2, 10),
      },
    ],
    participants: [participant()],
    goals: [],
    measures: [],
    meetings: [],
    log: [],
    privateNotes: [],
    coordinatorWishes: [],
    closure: null,
    whereaboutsHidden: false,
    permissions: {
      isCoordinator: true,
      canCoordinate: true,
      canContribute: true,
      canAnswerTransfer: false,
      canReassign: false,
      ownParticipantUnitIds: ['unit-kg'],
      writesUnderHealthRegime: false,
    },
    version: 4,
    ...overrides,
  };
}

/** The same case at level 2 with the health station taking part. */
export const level2Case = (overrides: Partial<CaseResponse> = {}) =>
  caseResponse({ level: 2, participants: [participant(), healthParticipant()], ...overrides });

/** The case as Hanne (health station, not the coordinator) sees it. */
export const asHanne = (record: CaseResponse): CaseResponse => ({
  ...record,
  permissions: {
    isCoordinator: false,
    canCoordinate: false,
    canContribute: true,
    canAnswerTransfer: false,
    canReassign: false,
    ownParticipantUnitIds: ['unit-health'],
    writesUnderHealthRegime: true,
  },
});

export function caseSummary(overrides: Partial<CaseSummaryResponse> = {}): CaseSummaryResponse {
  return {
    id: 'case-1',
    child: { id: 'child-emma', givenName: 'Emma', familyName: 'Nordmann' },
    status: 'open',
    level: 1,
    coordinator: { userId: 'user-kari', displayName: 'Kari Larsen', unitName: 'Sentrum barnehage', active: true },
    participantUnitNames: ['Sentrum barnehage'],
    activeMeasures: 0,
    overdueEvaluations: 0,
    privateNotes: 0,
    nextMeetingAt: null,
    isCoordinator: true,
    whereaboutsHidden: false,
    version: 4,
    ...overrides,
  };
}
