import type { StaffRole } from '../auth/principal';
import { addDays } from '../concerns/concern';

/** Roles held in a unit; the others are municipality-wide (no unit). */
export const UNIT_ROLES: readonly StaffRole[] = ['staff', 'unit_leader'];

export const isUnitRole = (role: StaffRole): boolean => UNIT_ROLES.includes(role);

/** Why a role cannot be assigned as asked, or null: `staff` and `unit_leader` need a unit, `admin` and `privacy_officer` take none. */
export function roleScopeError(role: StaffRole, unitId: string | null | undefined): string | null {
  if (isUnitRole(role) && !unitId) return `${role} is held in a unit: unitId is required`;
  if (!isUnitRole(role) && unitId) return `${role} is municipality-wide: send no unitId`;
  return null;
}

/** Dates as ISO `YYYY-MM-DD`; they compare as strings. */
export type IsoDate = string;

/** Whether an assignment gives access on `day`: from its first day to its last, both inclusive (as enrolments). */
export function roleValidOn(assignment: { validFrom: IsoDate; validTo: IsoDate | null }, day: IsoDate): boolean {
  return assignment.validFrom <= day && (assignment.validTo === null || assignment.validTo >= day);
}

/**
 * The last day of an assignment that is ended on `today`, when the administrator asks for `requested` (or
 * nothing: it ends now, so yesterday was its last day). An end is never before the assignment began — one that
 * had not begun ends the day before it would have (never held) — and never rewrites the past: what someone could
 * see yesterday stays what the audit trail says they could. An assignment that already ended cannot be ended again.
 */
export function endOfAssignment(
  assignment: { validFrom: IsoDate; validTo: IsoDate | null },
  today: IsoDate,
  requested?: IsoDate | null,
): { validTo: IsoDate } | { error: string } {
  const yesterday = addDays(today, -1);
  if (assignment.validTo !== null && assignment.validTo < today) return { error: 'The role assignment has already ended' };
  const earliest = [yesterday, addDays(assignment.validFrom, -1)].sort().reverse()[0];
  const validTo = requested ?? earliest;
  if (validTo < earliest) return { error: 'validTo cannot be in the past or before the role began' };
  if (assignment.validTo !== null && validTo > assignment.validTo) return { error: 'validTo can only bring the end earlier' };
  return { validTo };
}

/** An e-mail address as stored and matched: trimmed and lower-cased (the local part of e-mail is case-blind in practice). */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** A user principal name (Entra ID `upn`, `preferred_username`) has the shape of an e-mail address; stored lower-cased. */
export const normaliseUpn = normaliseEmail;

/**
 * The identifiers a staff identity provider's token names a person by, lower-cased and without duplicates: `email`
 * (unless the provider says it is not verified), `upn` and `preferred_username`. An invited user is matched by them.
 */
export function staffIdentifiersOf(claims: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const take = (value: unknown) => {
    if (typeof value === 'string' && value.includes('@') && value.length <= 254) out.add(normaliseEmail(value));
  };
  if (claims['email_verified'] !== false) take(claims['email']);
  take(claims['upn']);
  take(claims['preferred_username']);
  return [...out];
}

/**
 * What is wrong with the municipality's settings as a whole (each field is checked on its own by the API's
 * DTO): a reminder must fall within the shortest consent — one of the default length, counting a month as 28
 * days — or it would come before the consent began. Field → message.
 */
export function settingsProblems(settings: { consentDefaultMonths: number; consentReminderDays: number[] }): Record<string, string> {
  const problems: Record<string, string> = {};
  const days = settings.consentDefaultMonths * 28;
  if (settings.consentReminderDays.some((d) => d >= days))
    problems['consentReminderDays'] = `Every reminder must come less than ${days} days (the default consent length) before the to-date`;
  return problems;
}
