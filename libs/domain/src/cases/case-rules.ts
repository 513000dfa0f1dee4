import { DomainRuleError } from '../concerns/concern';

/**
 * The coordinated case (levels 1–3) as pure state transitions, used by the API and the client.
 * Invariants (DOMAIN.md): an open case has exactly one coordinator; the baton passes only when the
 * new holder accepts; level 1 involves one service, levels 2 and 3 at least two; every measure has
 * a responsible participant and an evaluation due date; a closed case takes no writes.
 */
export type CaseLevel = 1 | 2 | 3;

export const CLOSURE_REASONS = ['goals_reached', 'consent_withdrawn', 'handed_over', 'moved_away', 'aged_out', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export interface Participant {
  serviceId: string;
  unitId: string;
}

export interface Measure {
  id: string;
  responsibleUnitId: string;
  evaluationDueOn: string;
}

export interface PendingTransfer {
  toUserId: string;
  toServiceId: string;
}

export interface CaseState {
  status: 'open' | 'closed';
  level: CaseLevel;
  coordinatorUserId: string;
  coordinatorServiceId: string;
  participants: Participant[];
  pendingTransfer: PendingTransfer | null;
  measures: Measure[];
}

/** The one place where, later, "every participating service is covered by an active consent" is checked. */
export type ConsentCheck = (serviceIds: string[]) => boolean;
const noConsentCheckYet: ConsentCheck = () => true;

const servicesOf = (participants: Participant[]) => new Set(participants.map((p) => p.serviceId));

function assertOpen(state: CaseState): void {
  if (state.status !== 'open') throw new DomainRuleError('status', 'The case is closed; reopen it first');
}

function assertServiceCount(level: CaseLevel, participants: Participant[]): void {
  const count = servicesOf(participants).size;
  if (level === 1 && count !== 1) throw new DomainRuleError('level', 'Level 1 involves exactly one service');
  if (level > 1 && count < 2) throw new DomainRuleError('level', 'Levels 2 and 3 need at least two services');
}

export function openCase(
  coordinator: { userId: string; serviceId: string; unitId: string },
  level: CaseLevel,
  participants: Participant[] = [],
): CaseState {
  const all = [
    { serviceId: coordinator.serviceId, unitId: coordinator.unitId },
    ...participants.filter((p) => p.unitId !== coordinator.unitId),
  ];
  assertServiceCount(level, all);
  return {
    status: 'open',
    level,
    coordinatorUserId: coordinator.userId,
    coordinatorServiceId: coordinator.serviceId,
    participants: all,
    pendingTransfer: null,
    measures: [],
  };
}

/**
 * A level change is one decision: services joining (escalation) or leaving (de-escalation) are
 * named in the same command, so the team matches the new level at once.
 */
export function changeLevel(
  state: CaseState,
  to: CaseLevel,
  reason: string,
  team: { joining?: Participant[]; leaving?: string[] } = {},
  consent: ConsentCheck = noConsentCheckYet,
): CaseState {
  assertOpen(state);
  if (to === state.level) throw new DomainRuleError('level', 'The case is already at that level');
  if (!reason.trim()) throw new DomainRuleError('reason', 'A level change needs a reason');
  const leaving = new Set(team.leaving ?? []);
  const joining = (team.joining ?? []).filter((p) => !state.participants.some((q) => q.unitId === p.unitId));
  const participants = [...state.participants.filter((p) => !leaving.has(p.unitId)), ...joining];
  if (!participants.some((p) => p.serviceId === state.coordinatorServiceId)) {
    throw new DomainRuleError('leaving', 'The coordinator’s service cannot leave; hand over the baton first');
  }
  if (state.measures.some((m) => leaving.has(m.responsibleUnitId)))
    throw new DomainRuleError('leaving', 'Reassign the leaving units’ measures first');
  if (state.pendingTransfer && !participants.some((p) => p.serviceId === state.pendingTransfer?.toServiceId)) {
    throw new DomainRuleError('leaving', 'A pending transfer goes to a service that would leave; cancel it first');
  }
  assertServiceCount(to, participants);
  if (to > 1 && !consent([...servicesOf(participants)]))
    throw new DomainRuleError('consent', 'Every participating service must be covered by an active consent');
  return { ...state, level: to, participants };
}

export function addParticipant(state: CaseState, participant: Participant, consent: ConsentCheck = noConsentCheckYet): CaseState {
  assertOpen(state);
  if (state.participants.some((p) => p.unitId === participant.unitId)) throw new DomainRuleError('unitId', 'The unit already takes part');
  const participants = [...state.participants, participant];
  // At level 1 the team is one service; bringing in another is an escalation, decided first.
  assertServiceCount(state.level, participants);
  if (!consent([...servicesOf(participants)]))
    throw new DomainRuleError('consent', 'The joining service must be covered by an active consent');
  return { ...state, participants };
}

export function removeParticipant(state: CaseState, unitId: string): CaseState {
  assertOpen(state);
  const leaving = state.participants.find((p) => p.unitId === unitId);
  if (!leaving) throw new DomainRuleError('unitId', 'The unit does not take part');
  const participants = state.participants.filter((p) => p.unitId !== unitId);
  if (!participants.some((p) => p.serviceId === state.coordinatorServiceId))
    throw new DomainRuleError('unitId', 'The coordinator’s service cannot leave; hand over the baton first');
  if (state.measures.some((m) => m.responsibleUnitId === unitId)) throw new DomainRuleError('unitId', 'Reassign the unit’s measures first');
  if (state.pendingTransfer && !participants.some((p) => p.serviceId === state.pendingTransfer?.toServiceId)) {
    throw new DomainRuleError('unitId', 'A pending transfer goes to this service; cancel it first');
  }
  assertServiceCount(state.level, participants);
  return { ...state, participants };
}

export function requestTransfer(state: CaseState, to: PendingTransfer, consent: ConsentCheck = noConsentCheckYet): CaseState {
  assertOpen(state);
  if (state.pendingTransfer) throw new DomainRuleError('transfer', 'A transfer is already waiting for an answer');
  if (to.toUserId === state.coordinatorUserId) throw new DomainRuleError('toUserId', 'That person already holds the baton');
  if (!servicesOf(state.participants).has(to.toServiceId))
    throw new DomainRuleError('toUserId', 'The new coordinator must work in a participating service');
  if (!consent([to.toServiceId]))
    throw new DomainRuleError('consent', 'The new coordinator’s service must be covered by an active consent');
  return { ...state, pendingTransfer: to };
}

/** Only the person asked accepts; until then the old holder stays responsible. */
export function acceptTransfer(state: CaseState, byUserId: string): CaseState {
  assertOpen(state);
  const pending = state.pendingTransfer;
  if (!pending) throw new DomainRuleError('transfer', 'No transfer is waiting');
  if (pending.toUserId !== byUserId) throw new DomainRuleError('transfer', 'Only the person asked can accept the baton');
  return { ...state, coordinatorUserId: pending.toUserId, coordinatorServiceId: pending.toServiceId, pendingTransfer: null };
}

export function declineTransfer(state: CaseState, byUserId: string, reason: string): CaseState {
  assertOpen(state);
  if (!state.pendingTransfer) throw new DomainRuleError('transfer', 'No transfer is waiting');
  if (state.pendingTransfer.toUserId !== byUserId) throw new DomainRuleError('transfer', 'Only the person asked can decline');
  if (!reason.trim()) throw new DomainRuleError('reason', 'Say why you decline');
  return { ...state, pendingTransfer: null };
}

export function cancelTransfer(state: CaseState, byUserId: string): CaseState {
  assertOpen(state);
  if (!state.pendingTransfer) throw new DomainRuleError('transfer', 'No transfer is waiting');
  if (byUserId !== state.coordinatorUserId) throw new DomainRuleError('transfer', 'Only the coordinator can cancel a transfer');
  return { ...state, pendingTransfer: null };
}

export function addMeasure(state: CaseState, measure: Partial<Measure> & { id: string }): CaseState {
  assertOpen(state);
  if (!measure.responsibleUnitId) throw new DomainRuleError('responsibleUnitId', 'A measure needs a responsible participant');
  if (!state.participants.some((p) => p.unitId === measure.responsibleUnitId))
    throw new DomainRuleError('responsibleUnitId', 'The responsible must take part in the case');
  if (!measure.evaluationDueOn || !/^\d{4}-\d{2}-\d{2}$/.test(measure.evaluationDueOn))
    throw new DomainRuleError('evaluationDueOn', 'A measure needs an evaluation due date');
  return {
    ...state,
    measures: [
      ...state.measures,
      { id: measure.id, responsibleUnitId: measure.responsibleUnitId, evaluationDueOn: measure.evaluationDueOn },
    ],
  };
}

export function closeCase(state: CaseState, reason: ClosureReason, otherText?: string): CaseState {
  assertOpen(state);
  if (!(CLOSURE_REASONS as readonly string[]).includes(reason)) throw new DomainRuleError('reason', 'Unknown closure reason');
  if (reason === 'other' && !otherText?.trim()) throw new DomainRuleError('otherText', 'Describe the reason when it is "other"');
  return { ...state, status: 'closed', pendingTransfer: null };
}

export function reopenCase(state: CaseState, reason: string): CaseState {
  if (state.status !== 'closed') throw new DomainRuleError('status', 'The case is open');
  if (!reason.trim()) throw new DomainRuleError('reason', 'Reopening needs a reason');
  return { ...state, status: 'open' };
}

/** The invariants, as one check: an empty list means the state is sound. */
export function caseInvariantViolations(state: CaseState): string[] {
  const problems: string[] = [];
  if (state.status === 'open' && !state.coordinatorUserId) problems.push('an open case without a coordinator');
  if (!state.participants.some((p) => p.serviceId === state.coordinatorServiceId))
    problems.push('the coordinator’s service does not take part');
  const services = servicesOf(state.participants).size;
  if (state.level === 1 && services !== 1) problems.push('level 1 with other than one service');
  if (state.level > 1 && services < 2) problems.push('level 2/3 with fewer than two services');
  for (const m of state.measures) {
    if (!m.responsibleUnitId || !m.evaluationDueOn) problems.push(`measure ${m.id} without responsible or due date`);
  }
  if (state.status === 'closed' && state.pendingTransfer) problems.push('a closed case with a pending transfer');
  return problems;
}
