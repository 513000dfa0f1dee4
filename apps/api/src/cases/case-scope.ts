import type { Principal } from '@stafett/domain';

/** Units the principal works in as staff or leader: the units through which they may see cases. */
export const memberUnitsOf = (principal: Principal): string[] =>
  principal.roles.filter((r) => r.unitId && (r.role === 'staff' || r.role === 'unit_leader')).map((r) => r.unitId as string);

export const leaderUnitsOf = (principal: Principal): string[] =>
  principal.roles.filter((r) => r.unitId && r.role === 'unit_leader').map((r) => r.unitId as string);

/** A grant of `g` valid at the transaction's time (the database's clock decides, never the app's). */
export const GRANT_VALID_NOW = `g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())`;

/**
 * The SQL mirror of the `read Case` rule in libs/domain/src/auth/ability.ts (alias `k` for
 * coordinated_case): a unit of the principal holds an access grant valid now. The grant table is
 * the row selector (one index range scan on (municipality_id, unit_id, case_id, valid_from,
 * valid_to)); nothing is loaded and then filtered.
 */
export function caseReadScope(principal: Principal, from: number): { sql: string; params: unknown[] } {
  return {
    sql: `k.municipality_id = $${from} AND EXISTS (
            SELECT 1 FROM case_access_grant g
             WHERE g.municipality_id = k.municipality_id AND g.unit_id = ANY($${from + 1}::uuid[]) AND g.case_id = k.id AND ${GRANT_VALID_NOW})`,
    params: [principal.municipalityId, memberUnitsOf(principal)],
  };
}

/** Why the principal reads the case, for the audit trail: holding the baton, owning it, or taking part. */
export function caseBasis(
  principal: Principal,
  kase: { coordinatorUserId: string; ownerUnitId: string },
): 'coordinator' | 'ownership' | 'participation' {
  if (kase.coordinatorUserId === principal.userId) return 'coordinator';
  return memberUnitsOf(principal).includes(kase.ownerUnitId) ? 'ownership' : 'participation';
}
