import { isChildWelfareStaff, leaderUnitsOf } from '@stafett/domain';
import type { Principal } from '@stafett/domain';

export { isChildWelfareStaff };

/**
 * SQL mirror of the ChildWelfareReport rules in libs/domain/src/auth/ability.ts (alias `r`):
 * the reporter, leaders of the reporter's unit, and child welfare of the municipality — nobody else,
 * in any list or count.
 */
export function reportReadScope(principal: Principal, from: number): { sql: string; params: unknown[] } {
  const leaderUnits = leaderUnitsOf(principal);
  return {
    sql: `r.municipality_id = $${from} AND (r.reporter_user_id = $${from + 1} OR r.reporter_unit_id = ANY($${from + 2}::uuid[]) OR $${from + 3}::boolean)`,
    params: [principal.municipalityId, principal.userId, leaderUnits, isChildWelfareStaff(principal)],
  };
}

export function reportBasis(principal: Principal, reporterUserId: string): 'ownership' | 'report' | 'unit_leader' {
  if (reporterUserId === principal.userId) return 'ownership';
  return isChildWelfareStaff(principal) ? 'report' : 'unit_leader';
}
