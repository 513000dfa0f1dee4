import type { MunicipalitySettings } from '../organisation/organisation';

/** Categories of worry a concern names; information categories later follow the same words. */
export const CONCERN_CATEGORIES = [
  'wellbeing',
  'behaviour',
  'development',
  'language',
  'health',
  'family_situation',
  'absence',
  'violence_or_abuse',
  'substance_use',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

/**
 * What a concern can end in (DOMAIN.md, level 0): close it; act within the own service (a
 * level-1 case); collaborate with other services (level 2 or 3); report to child welfare.
 */
export const CONCERN_DECISIONS = ['close', 'own_service', 'collaboration', 'report_to_child_welfare'] as const;
export type ConcernDecision = (typeof CONCERN_DECISIONS)[number];

export type ConcernStatus = 'open' | 'decided';

export interface ConcernState {
  status: ConcernStatus;
  decision: ConcernDecision | null;
}

export interface DecisionInput {
  decision: ConcernDecision;
  reason: string | null;
  /** For `collaboration`: the level asked for (2 or 3). */
  level?: number | null;
}

export class DomainRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainRuleError';
  }
}

/** The level a decision opens a case at, or null when it opens none. */
export function caseLevelFor(input: DecisionInput): 1 | 2 | 3 | null {
  if (input.decision === 'own_service') return 1;
  if (input.decision === 'collaboration') return input.level === 3 ? 3 : 2;
  return null;
}

/**
 * The one transition of a concern: open → decided. A decided concern is final (a new worry is a
 * new concern); closing needs a reason; collaboration names level 2 or 3.
 */
export function decideConcern(state: ConcernState, input: DecisionInput): ConcernState {
  if (state.status !== 'open') throw new DomainRuleError('decision', 'The concern has already been decided');
  if (input.decision === 'close' && !input.reason?.trim()) {
    throw new DomainRuleError('reason', 'A reason is required to close a concern');
  }
  if (input.decision === 'collaboration' && input.level !== 2 && input.level !== 3) {
    throw new DomainRuleError('level', 'Collaboration with other services is level 2 or 3');
  }
  if (input.decision !== 'collaboration' && input.level !== undefined && input.level !== null) {
    throw new DomainRuleError('level', 'A level is only chosen for collaboration');
  }
  return { status: 'decided', decision: input.decision };
}

/** ISO date plus days, in UTC (dates, not times: no daylight-saving surprises). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A decision is due a set number of days after the concern arose (14 by default). */
export function decisionDueOn(aroseOn: string, settings: Pick<MunicipalitySettings, 'concernDecisionDays'>): string {
  return addDays(aroseOn, settings.concernDecisionDays);
}

export function isOverdue(dueOn: string, today: string): boolean {
  return today > dueOn;
}

/** Guardians are talked with, or the reason why not is written down — one of the two. */
export function checkGuardianStep(talkedOn: string | null, whyNot: string | null): void {
  if (talkedOn && whyNot?.trim())
    throw new DomainRuleError('guardiansNotTalkedReason', 'Give either the date you talked with the guardians or why not');
}

/**
 * The fields of a concern that tell how it was decided. That a concern ended in a report to child
 * welfare is itself confidential (DOMAIN.md), so a colleague who reads a shared concern learns only
 * that it was decided — the same for all four outcomes, or the one hidden would stand out.
 */
export const CONCERN_OUTCOME_FIELDS = ['decision', 'decisionReason', 'requestedCaseLevel', 'caseId'] as const;

/** Who sees how a concern was decided: its author, a leader of its unit, and child welfare staff. */
export function seesConcernOutcome(
  principal: { userId: string; roles: Array<{ role: string; unitId: string | null; serviceKind: string | null }> },
  concern: { authorUserId: string; unitId: string },
): boolean {
  if (concern.authorUserId === principal.userId) return true;
  return principal.roles.some(
    (r) =>
      (r.role === 'unit_leader' && r.unitId === concern.unitId) ||
      (r.unitId !== null && r.serviceKind === 'child_welfare' && (r.role === 'staff' || r.role === 'unit_leader')),
  );
}

/** A concern as its reader may see it: the outcome fields blanked for those who may not know them. */
export function concernForReader<T extends Record<(typeof CONCERN_OUTCOME_FIELDS)[number], unknown>>(concern: T, seesOutcome: boolean): T {
  if (seesOutcome) return concern;
  const blanked = { ...concern };
  for (const field of CONCERN_OUTCOME_FIELDS) (blanked as Record<string, unknown>)[field] = null;
  return blanked;
}
