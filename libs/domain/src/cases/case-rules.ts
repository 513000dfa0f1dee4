import type { CoordinatorStanding } from '../auth/ability';
import { DomainRuleError } from '../concerns/concern';
import type { ConfidentialityRegime } from '../organisation/organisation';

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
  toUnitId: string;
  toServiceId: string;
}

export interface CaseState {
  status: 'open' | 'closed';
  level: CaseLevel;
  coordinatorUserId: string;
  coordinatorUnitId: string;
  coordinatorServiceId: string;
  participants: Participant[];
  pendingTransfer: PendingTransfer | null;
  measures: Measure[];
}

/** The one place where, later, "every participating service is covered by an active consent" is checked. */
export type ConsentCheck = (serviceIds: string[]) => boolean;
const noConsentCheckYet: ConsentCheck = () => true;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const servicesOf = (participants: Participant[]) => new Set(participants.map((p) => p.serviceId));

/** A closed case is read-only: every write but reopening is refused. */
export function assertCaseOpen(state: Pick<CaseState, 'status'>): void {
  if (state.status !== 'open') throw new DomainRuleError('status', 'The case is closed; reopen it first');
}
const assertOpen = assertCaseOpen;

function assertServiceCount(level: CaseLevel, participants: Participant[]): void {
  const count = servicesOf(participants).size;
  if (level === 1 && count !== 1) throw new DomainRuleError('level', 'Level 1 involves exactly one service');
  if (level > 1 && count < 2) throw new DomainRuleError('level', 'Levels 2 and 3 need at least two services');
}

export function openCase(
  coordinator: { userId: string; serviceId: string; unitId: string },
  level: CaseLevel,
  participants: Participant[] = [],
  consent: ConsentCheck = noConsentCheckYet,
): CaseState {
  const all = [
    { serviceId: coordinator.serviceId, unitId: coordinator.unitId },
    ...participants.filter((p) => p.unitId !== coordinator.unitId),
  ];
  assertServiceCount(level, all);
  if (level > 1 && !consent([...servicesOf(all)]))
    throw new DomainRuleError('consent', 'Every participating service must be covered by an active consent');
  return {
    status: 'open',
    level,
    coordinatorUserId: coordinator.userId,
    coordinatorUnitId: coordinator.unitId,
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
  if (!participants.some((p) => p.unitId === state.coordinatorUnitId)) {
    throw new DomainRuleError('leaving', 'The coordinator’s unit cannot leave; hand over the baton first');
  }
  if (state.measures.some((m) => leaving.has(m.responsibleUnitId)))
    throw new DomainRuleError('leaving', 'Reassign the leaving units’ measures first');
  if (state.pendingTransfer && !participants.some((p) => p.unitId === state.pendingTransfer?.toUnitId)) {
    throw new DomainRuleError('leaving', 'A pending transfer goes to a unit that would leave; cancel it first');
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
  if (unitId === state.coordinatorUnitId)
    throw new DomainRuleError('unitId', 'The coordinator’s unit cannot leave; hand over the baton first');
  if (state.measures.some((m) => m.responsibleUnitId === unitId)) throw new DomainRuleError('unitId', 'Reassign the unit’s measures first');
  if (state.pendingTransfer?.toUnitId === unitId)
    throw new DomainRuleError('unitId', 'A pending transfer goes to this unit; cancel it first');
  assertServiceCount(state.level, participants);
  return { ...state, participants };
}

export function requestTransfer(state: CaseState, to: PendingTransfer, consent: ConsentCheck = noConsentCheckYet): CaseState {
  assertOpen(state);
  if (state.pendingTransfer) throw new DomainRuleError('transfer', 'A transfer is already waiting for an answer');
  if (to.toUserId === state.coordinatorUserId) throw new DomainRuleError('toUserId', 'That person already holds the baton');
  if (!state.participants.some((p) => p.unitId === to.toUnitId && p.serviceId === to.toServiceId))
    throw new DomainRuleError('toUserId', 'The new coordinator must work in a participating unit');
  if (!consent([to.toServiceId]))
    throw new DomainRuleError('consent', 'The new coordinator’s service must be covered by an active consent');
  return { ...state, pendingTransfer: to };
}

/**
 * Only the person asked accepts; until then the old holder stays responsible. The consent is
 * checked again: it may have ended while the transfer waited.
 */
export function acceptTransfer(state: CaseState, byUserId: string, consent: ConsentCheck = noConsentCheckYet): CaseState {
  assertOpen(state);
  const pending = state.pendingTransfer;
  if (!pending) throw new DomainRuleError('transfer', 'No transfer is waiting');
  if (pending.toUserId !== byUserId) throw new DomainRuleError('transfer', 'Only the person asked can accept the baton');
  if (!consent([pending.toServiceId]))
    throw new DomainRuleError('consent', 'The new coordinator’s service must be covered by an active consent');
  return {
    ...state,
    coordinatorUserId: pending.toUserId,
    coordinatorUnitId: pending.toUnitId,
    coordinatorServiceId: pending.toServiceId,
    pendingTransfer: null,
  };
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
  if (!measure.evaluationDueOn || !ISO_DATE.test(measure.evaluationDueOn))
    throw new DomainRuleError('evaluationDueOn', 'A measure needs an evaluation due date');
  return {
    ...state,
    measures: [
      ...state.measures,
      { id: measure.id, responsibleUnitId: measure.responsibleUnitId, evaluationDueOn: measure.evaluationDueOn },
    ],
  };
}

/** A measure keeps a responsible participant and an evaluation due date through every edit. */
export function updateMeasure(
  state: CaseState,
  measureId: string,
  change: { responsibleUnitId?: string; evaluationDueOn?: string },
): CaseState {
  assertOpen(state);
  const current = state.measures.find((m) => m.id === measureId);
  if (!current) throw new DomainRuleError('measureId', 'The measure is not active on this case');
  const next = {
    ...current,
    responsibleUnitId: change.responsibleUnitId ?? current.responsibleUnitId,
    evaluationDueOn: change.evaluationDueOn ?? current.evaluationDueOn,
  };
  if (!state.participants.some((p) => p.unitId === next.responsibleUnitId))
    throw new DomainRuleError('responsibleParticipantId', 'The responsible must take part in the case');
  if (!next.evaluationDueOn || !ISO_DATE.test(next.evaluationDueOn))
    throw new DomainRuleError('evaluationDueOn', 'A measure needs an evaluation due date');
  return { ...state, measures: state.measures.map((m) => (m.id === measureId ? next : m)) };
}

export type EvaluationOutcome = { decision: 'continue' | 'change' | 'stop'; nextEvaluationDueOn?: string | null; evaluatedOn: string };

/**
 * An evaluation ends a measure (stop) or sets its next evaluation date (continue, change): an
 * active measure never goes without one. The next date lies after the evaluation.
 */
export function evaluateMeasure(state: CaseState, measureId: string, outcome: EvaluationOutcome): CaseState {
  assertOpen(state);
  const current = state.measures.find((m) => m.id === measureId);
  if (!current) throw new DomainRuleError('measureId', 'The measure is not active on this case');
  if (outcome.decision === 'stop') {
    if (outcome.nextEvaluationDueOn) throw new DomainRuleError('nextEvaluationDueOn', 'A stopped measure has no next evaluation');
    return { ...state, measures: state.measures.filter((m) => m.id !== measureId) };
  }
  const next = outcome.nextEvaluationDueOn;
  if (!next || !ISO_DATE.test(next)) throw new DomainRuleError('nextEvaluationDueOn', 'Give the date of the next evaluation');
  if (next <= outcome.evaluatedOn) throw new DomainRuleError('nextEvaluationDueOn', 'The next evaluation comes after this one');
  return { ...state, measures: state.measures.map((m) => (m.id === measureId ? { ...m, evaluationDueOn: next } : m)) };
}

/**
 * When the coordinator can no longer hold the baton, someone takes it at once (nobody else is
 * responsible meanwhile) and may then hand it on like any holder: a leader of the coordinator's
 * unit when the coordinator is disabled or has left it; a leader of the unit that owns the case
 * when the coordinator's service lost its consent — the owning service takes part without one.
 */
export function takeOverBaton(
  state: CaseState,
  leader: { userId: string; unitId: string; serviceId: string },
  coordinator: { standing: CoordinatorStanding; ownerUnitId: string },
): CaseState {
  assertOpen(state);
  if (coordinator.standing === 'active')
    throw new DomainRuleError('coordinator', 'The coordinator is active; ask them to hand over the baton');
  const from = coordinator.standing === 'no_access' ? coordinator.ownerUnitId : state.coordinatorUnitId;
  if (leader.unitId !== from)
    throw new DomainRuleError(
      'coordinator',
      coordinator.standing === 'no_access'
        ? 'The coordinator’s service no longer takes part: a leader of the unit that owns the case takes the baton back'
        : 'Only a leader of the coordinator’s unit re-assigns',
    );
  return {
    ...state,
    coordinatorUserId: leader.userId,
    coordinatorUnitId: leader.unitId,
    coordinatorServiceId: leader.serviceId,
    pendingTransfer: null,
  };
}

/**
 * Health personnel keep their duty of confidentiality inside a team (helsepersonelloven § 21): even
 * with consent, a note from a health-regime unit enters the shared log only when its author chooses
 * to share it there. Anything else they write for their own unit is a private note.
 */
export function writesUnderHealthRegime(authorUnitRegimes: ConfidentialityRegime[]): boolean {
  return authorUnitRegimes.includes('health');
}

export function assertNoteSharedDeliberately(
  authorUnitRegimes: ConfidentialityRegime[],
  shareHealthInformation: boolean | undefined,
): void {
  if (writesUnderHealthRegime(authorUnitRegimes) && shareHealthInformation !== true)
    throw new DomainRuleError(
      'shareHealthInformation',
      'You write as health personnel: the note is shared with the team only when you choose to share it (or write a private note for your unit)',
    );
}

/** Meeting minutes are edited as a draft and then made final; final minutes are never changed. */
export function assertMinutesEditable(status: 'draft' | 'final'): void {
  if (status === 'final') throw new DomainRuleError('minutesStatus', 'The minutes are final and can no longer be changed');
}

export function finalizeMinutes(meeting: { minutesStatus: 'draft' | 'final'; decisions: string | null }): 'final' {
  assertMinutesEditable(meeting.minutesStatus);
  if (!meeting.decisions?.trim())
    throw new DomainRuleError('decisions', 'Write down what the meeting decided before making the minutes final');
  return 'final';
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
  if (!state.participants.some((p) => p.unitId === state.coordinatorUnitId && p.serviceId === state.coordinatorServiceId))
    problems.push('the coordinator’s unit does not take part');
  if (state.pendingTransfer && !state.participants.some((p) => p.unitId === state.pendingTransfer?.toUnitId))
    problems.push('a pending transfer to a unit that does not take part');
  const services = servicesOf(state.participants).size;
  if (state.level === 1 && services !== 1) problems.push('level 1 with other than one service');
  if (state.level > 1 && services < 2) problems.push('level 2/3 with fewer than two services');
  for (const m of state.measures) {
    if (!m.responsibleUnitId || !m.evaluationDueOn) problems.push(`measure ${m.id} without responsible or due date`);
  }
  if (state.status === 'closed' && state.pendingTransfer) problems.push('a closed case with a pending transfer');
  return problems;
}
