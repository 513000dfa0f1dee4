import { ROLE_VALID_NOW } from '../users/users.queries';

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
                                       AND ra.unit_id = k.coordinator_unit_id AND ra.role IN ('staff', 'unit_leader') AND ${ROLE_VALID_NOW('ra')})) THEN 'left'
  END)`;
