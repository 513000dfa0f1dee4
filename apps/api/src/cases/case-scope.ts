import type { Principal } from '@stafett/domain';
import { familyChildrenOf, memberUnitsOf } from '../authorization/principal-units';

/** A grant of `g` valid at the transaction's time (the database's clock decides, never the app's). */
export const GRANT_VALID_NOW = `g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())`;

/**
 * The SQL mirror of the `read Case` rules in libs/domain/src/auth/ability.ts (alias `k` for
 * coordinated_case): for staff, a unit of theirs holds an access grant valid now that does not
 * exclude them; for a guardian or youth, the case is about a child of their family. The grant
 * table is the row selector (one index range scan on (municipality_id, unit_id, case_id,
 * valid_from, valid_to)); nothing is loaded and then filtered. A principal is either staff or a
 * citizen, so each gets one branch only: an OR of both would make PostgreSQL scan every case of
 * the municipality. Row-level security applies the same rule once more.
 */
export function caseReadScope(principal: Principal, from: number): { sql: string; params: unknown[] } {
  if (principal.kind === 'citizen') {
    return {
      sql: `k.municipality_id = $${from} AND k.child_id = ANY($${from + 1}::uuid[])`,
      params: [principal.municipalityId, familyChildrenOf(principal)],
    };
  }
  return {
    sql: `k.municipality_id = $${from} AND EXISTS (
            SELECT 1 FROM case_access_grant g
             WHERE g.municipality_id = k.municipality_id AND g.unit_id = ANY($${from + 1}::uuid[]) AND g.case_id = k.id AND ${GRANT_VALID_NOW}
               AND NOT ($${from + 2}::uuid = ANY(g.excluded_user_ids)))`,
    params: [principal.municipalityId, memberUnitsOf(principal), principal.userId],
  };
}

export type CaseBasis = 'coordinator' | 'ownership' | 'consent' | 'participation' | 'guardian' | 'youth';

/** Why the principal reads the case, for the audit trail: holding the baton, owning it, a consent, or family. */
export function caseBasis(principal: Principal, kase: { coordinatorUserId: string; ownerUnitId: string; childId: string }): CaseBasis {
  if (principal.kind === 'citizen') return principal.youthOf.includes(kase.childId) ? 'youth' : 'guardian';
  if (kase.coordinatorUserId === principal.userId) return 'coordinator';
  return memberUnitsOf(principal).includes(kase.ownerUnitId) ? 'ownership' : 'participation';
}

/**
 * Why the coordinator of case `k` (their user row joined as `cu`) cannot do the work, or NULL when
 * they can: `no_access` when their unit no longer reads the case (their service's consent was
 * withdrawn, expired or superseded without it, or it excludes them), `left` when they are disabled
 * or no longer work in the coordinator's unit. Mirrors `CoordinatorStanding` in libs/domain.
 */
export const COORDINATOR_INACTIVE_REASON = `(CASE
    WHEN NOT stafett_unit_reads_case(k.municipality_id, k.id, k.coordinator_unit_id, k.coordinator_user_id) THEN 'no_access'
    WHEN NOT (cu.active AND EXISTS (SELECT 1 FROM role_assignment ra
                                     WHERE ra.municipality_id = k.municipality_id AND ra.user_id = k.coordinator_user_id
                                       AND ra.unit_id = k.coordinator_unit_id AND ra.role IN ('staff', 'unit_leader'))) THEN 'left'
  END)`;
