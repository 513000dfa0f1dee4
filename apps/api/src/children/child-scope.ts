import type { Principal } from '@stafett/domain';
import { familyChildrenOf, memberUnitsOf } from '../authorization/principal-units';

/**
 * The SQL mirror of the `read Child` rules in libs/domain/src/auth/ability.ts, applied in the
 * query (never load-then-filter). `c` is the child table's alias; parameters start at `from`.
 * Keep the two in step: the authorization matrix tests both through the API.
 */
export function childReadScope(principal: Principal, from: number): { sql: string; params: unknown[] } {
  const unitIds = memberUnitsOf(principal);
  const ownChildren = familyChildrenOf(principal);
  return {
    sql: `c.municipality_id = $${from} AND (
            EXISTS (SELECT 1 FROM enrolment e
                     WHERE e.child_id = c.id AND e.municipality_id = c.municipality_id AND e.unit_id = ANY($${from + 1}::uuid[])
                       AND e.valid_from <= current_date AND (e.valid_to IS NULL OR e.valid_to >= current_date))
            OR c.id = ANY($${from + 2}::uuid[]))`,
    params: [principal.municipalityId, unitIds, ownChildren],
  };
}

/** Why the principal may read a child, for the audit trail. */
export function childReadBasis(principal: Principal, childId: string): 'guardian' | 'youth' | 'ownership' {
  if (principal.youthOf.includes(childId)) return 'youth';
  if (principal.guardianOf.some((g) => g.childId === childId && g.parentalResponsibility)) return 'guardian';
  return 'ownership';
}
