import { familyChildrenOf, memberUnitsOf } from '@stafett/domain';
import type { Principal } from '@stafett/domain';

/** An enrolment of `e` valid today (the database's Norwegian day decides). */
export const ENROLLED_NOW = `e.valid_from <= current_date AND (e.valid_to IS NULL OR e.valid_to >= current_date)`;

/**
 * The SQL mirror of the `read Child` rules in libs/domain/src/auth/ability.ts, applied in the
 * query (never load-then-filter). `c` is the child table's alias; parameters start at `from`.
 * Staff reach children through their units' current enrolments (the enrolment index on
 * (municipality_id, unit_id) selects them); guardians and youth through their family's children.
 * A principal is one or the other, so each gets its one branch: an OR of both would read every
 * child of the municipality. Row-level security applies the rule once more. Keep the two in step:
 * the authorization matrix tests both through the API.
 */
export function childReadScope(principal: Principal, from: number): { sql: string; params: unknown[] } {
  if (principal.kind === 'citizen') {
    return {
      sql: `c.municipality_id = $${from} AND c.id = ANY($${from + 1}::uuid[])`,
      params: [principal.municipalityId, familyChildrenOf(principal)],
    };
  }
  return {
    sql: `c.municipality_id = $${from} AND c.id IN (
            SELECT e.child_id FROM enrolment e WHERE e.municipality_id = $${from} AND e.unit_id = ANY($${from + 1}::uuid[]) AND ${ENROLLED_NOW})`,
    params: [principal.municipalityId, memberUnitsOf(principal)],
  };
}

/** Why the principal may read a child, for the audit trail. */
export function childReadBasis(principal: Principal, childId: string): 'guardian' | 'youth' | 'ownership' {
  if (principal.youthOf.includes(childId)) return 'youth';
  if (principal.guardianOf.some((g) => g.childId === childId && g.parentalResponsibility)) return 'guardian';
  return 'ownership';
}
