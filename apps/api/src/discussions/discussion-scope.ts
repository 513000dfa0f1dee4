import { memberUnitsOf } from '@stafett/domain';
import type { Principal } from '@stafett/domain';

/**
 * SQL mirror of the AnonymousDiscussion rules in libs/domain/src/auth/ability.ts (alias `d`): the
 * author and staff of an invited unit read it and add advice; colleagues in the author's unit
 * read it too (mode 'read').
 */
export function discussionScope(
  principal: Principal,
  from: number,
  mode: 'read' | 'update' = 'update',
): { sql: string; params: unknown[] } {
  const ownUnit = mode === 'read' ? ` OR d.author_unit_id = ANY($${from + 2}::uuid[])` : '';
  return {
    sql: `d.municipality_id = $${from} AND (d.author_user_id = $${from + 1}${ownUnit} OR EXISTS (
            SELECT 1 FROM discussion_invitation i
             WHERE i.municipality_id = d.municipality_id AND i.discussion_id = d.id AND i.unit_id = ANY($${from + 2}::uuid[])))`,
    params: [principal.municipalityId, principal.userId, memberUnitsOf(principal)],
  };
}

export interface DiscussionAccess {
  basis: 'ownership' | 'invited' | 'shared_in_unit';
  /** The unit the caller acts for: the author's unit, or the invited unit they work in. */
  unitId: string | null;
}

/** Why the caller reaches a discussion that is in their scope, for the audit trail and for advice. */
export function discussionAccess(
  principal: Principal,
  discussion: { authorUserId: string; authorUnitId: string; invitedUnitIds: string[] },
): DiscussionAccess {
  if (discussion.authorUserId === principal.userId) return { basis: 'ownership', unitId: discussion.authorUnitId };
  const units = memberUnitsOf(principal);
  const invitedUnit = discussion.invitedUnitIds.find((id) => units.includes(id));
  if (invitedUnit) return { basis: 'invited', unitId: invitedUnit };
  return { basis: 'shared_in_unit', unitId: units.includes(discussion.authorUnitId) ? discussion.authorUnitId : null };
}
