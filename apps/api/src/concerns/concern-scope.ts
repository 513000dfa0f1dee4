import { leaderUnitsOf, memberUnitsOf } from '@stafett/domain';
import type { Principal } from '@stafett/domain';

/**
 * SQL mirrors of the Concern rules in libs/domain/src/auth/ability.ts (alias `c`): read by the
 * author, the unit's leaders, and colleagues of the unit when shared; work on by author and leaders.
 */
export function concernScope(principal: Principal, mode: 'read' | 'update', from: number): { sql: string; params: unknown[] } {
  const leaderUnits = leaderUnitsOf(principal);
  const memberUnits = memberUnitsOf(principal);
  const shared = mode === 'read' ? ` OR (c.shared_with_unit AND c.unit_id = ANY($${from + 3}::uuid[]))` : '';
  return {
    sql: `c.municipality_id = $${from} AND (c.author_user_id = $${from + 1} OR c.unit_id = ANY($${from + 2}::uuid[])${shared})`,
    params:
      mode === 'read'
        ? [principal.municipalityId, principal.userId, leaderUnits, memberUnits]
        : [principal.municipalityId, principal.userId, leaderUnits],
  };
}

export function concernBasis(principal: Principal, authorUserId: string): 'ownership' | 'unit_leader' | 'shared_in_unit' {
  if (authorUserId === principal.userId) return 'ownership';
  return principal.roles.some((r) => r.role === 'unit_leader') ? 'unit_leader' : 'shared_in_unit';
}
