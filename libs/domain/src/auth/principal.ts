import type { CaseSummaryResponse } from '../cases/case-contracts';
import type { ServiceKind } from '../organisation/organisation';

export const STAFF_ROLES = ['staff', 'unit_leader', 'admin', 'privacy_officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A role held by a staff member: `staff` and `unit_leader` in a unit, the others municipality-wide. */
export interface RoleGrant {
  role: StaffRole;
  unitId: string | null;
  serviceId: string | null;
  serviceKind: ServiceKind | null;
}

/**
 * Who is asking, as the server resolved it for this request from the session: fresh from the
 * database each time, so a disabled user or a removed role takes effect on the next request.
 */
export interface Principal {
  userId: string;
  municipalityId: string;
  kind: 'staff' | 'citizen';
  displayName: string;
  roles: RoleGrant[];
  /** Children this citizen is a guardian of. */
  guardianOf: Array<{ childId: string; parentalResponsibility: boolean }>;
  /** The child record of this citizen when they are a youth at or above the consent age. */
  youthOf: string[];
}

/** What the client receives about the signed-in user: no identity numbers. */
export interface SessionInfo {
  user: {
    id: string;
    displayName: string;
    kind: 'staff' | 'citizen';
    municipalityId: string;
    /** For citizens: a guardian, or a youth reading their own case (the family pages speak to each as such); null for staff. */
    familyRole: FamilyRole | null;
  };
  roles: RoleGrant[];
  /** CASL rules for this user, packed; the client builds the same ability the server uses. */
  rules: unknown[];
  /** Echo of the CSRF token the client must send as X-XSRF-TOKEN on state-changing requests. */
  csrfToken: string;
}

export type FamilyRole = 'guardian' | 'youth';

/**
 * A municipality where the signed-in person is a citizen user. A person registered in two
 * municipalities has a user in each; the session acts as one of them at a time.
 */
export interface CitizenMunicipality {
  userId: string;
  municipalityId: string;
  municipalityName: string;
  current: boolean;
}

/** One municipality of the family overview: the cases the person's user there may read. */
export interface FamilyMunicipalityOverview extends CitizenMunicipality {
  /** How the family pages speak to them there: a youth in one municipality may be a guardian in another. */
  familyRole: FamilyRole;
  cases: CaseSummaryResponse[];
  /** More cases than the overview lists: switch to the municipality to page through them all. */
  more: boolean;
}

/** A citizen who is a youth at or above the consent age and guardian of no child reads their own case; anyone else reads their children's. */
export function familyRoleOf(principal: Pick<Principal, 'kind' | 'guardianOf' | 'youthOf'>): FamilyRole | null {
  if (principal.kind !== 'citizen') return null;
  return principal.youthOf.length > 0 && principal.guardianOf.length === 0 ? 'youth' : 'guardian';
}

export type SignInAudience = 'staff' | 'citizen';

// What a principal's roles and family ties come to, derived once here for the ability, the
// database session (ActingTransactions sets them for row-level security) and the read queries.

/** Units the principal works in as staff or leader: the units through which they may see cases. */
export const memberUnitsOf = (principal: Pick<Principal, 'roles'>): string[] =>
  principal.roles.filter((r) => r.unitId && (r.role === 'staff' || r.role === 'unit_leader')).map((r) => r.unitId as string);

/** Units the principal leads. */
export const leaderUnitsOf = (principal: Pick<Principal, 'roles'>): string[] =>
  principal.roles.filter((r) => r.unitId && r.role === 'unit_leader').map((r) => r.unitId as string);

/** Staff of a child welfare unit: they read and handle every report to child welfare of their municipality. */
export const isChildWelfareStaff = (principal: Pick<Principal, 'roles'>): boolean =>
  principal.roles.some((r) => r.unitId && r.serviceKind === 'child_welfare' && (r.role === 'staff' || r.role === 'unit_leader'));

/** Children whose cases the principal reads as family: with parental responsibility, or themself from the consent age. */
export const familyChildrenOf = (principal: Pick<Principal, 'guardianOf' | 'youthOf'>): string[] => [
  ...principal.guardianOf.filter((g) => g.parentalResponsibility).map((g) => g.childId),
  ...principal.youthOf,
];
