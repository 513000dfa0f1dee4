import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Address protection in the case projection (SECURITY.md S32). `case_view` learns, for the family's
 * rows, whether the reader must not learn the child's whereabouts: the child's address is protected
 * (strengt fortrolig / fortrolig) and the guardian reading does not share the protection. Every read a
 * family member reaches then leaves out units, groups and staff names where `whereabouts_hidden`
 * says so (case-projection.ts, `CASE_FIELDS.whereabouts`). The rule is the one of
 * `sharesAddressProtection` in libs/domain; an integration test holds the two together.
 *
 * The function runs as its owner: the citizen's own row and the child's marking are read whatever
 * the row-level security policies let the caller see, and only a boolean leaves it.
 */
const WHEREABOUTS_HIDDEN = `CREATE FUNCTION stafett_whereabouts_hidden(p_municipality uuid, p_child uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT COALESCE((
      SELECT ch.address_protection IS NOT NULL
             -- the youth reading their own case lives where they live
             AND me.national_id IS DISTINCT FROM ch.national_id
             AND NOT COALESCE(me.address_protection = ch.address_protection OR me.address_protection = 'strengt_fortrolig', false)
        FROM child ch
        JOIN app_user me ON me.municipality_id = ch.municipality_id AND me.id = stafett_current_uuid('stafett.user_id')
       WHERE ch.municipality_id = p_municipality AND ch.id = p_child AND me.kind = 'citizen'), false)
  $$`;

/** The view of migration 1796180000000, with or without the trailing `whereabouts_hidden` column. */
function caseView(withWhereabouts: boolean): string {
  const staff = withWhereabouts ? ', false AS whereabouts_hidden' : '';
  const family = withWhereabouts ? ', stafett_whereabouts_hidden(k.municipality_id, k.child_id)' : '';
  return `CREATE OR REPLACE VIEW case_view WITH (security_invoker = true) AS
      SELECT k.municipality_id, k.id AS case_id, k.child_id,
             CASE WHEN k.coordinator_user_id = stafett_current_uuid('stafett.user_id') THEN 'coordinator'
                  WHEN k.owner_unit_id = ANY (v.unit_ids) THEN 'ownership'
                  WHEN v.consent_id IS NULL THEN 'participation'
                  ELSE 'consent' END AS basis,
             v.consent_id,
             CASE WHEN k.coordinator_user_id = stafett_current_uuid('stafett.user_id') AND k.coordinator_unit_id = ANY (v.unit_ids)
                    THEN k.coordinator_unit_id
                  WHEN k.owner_unit_id = ANY (v.unit_ids) THEN k.owner_unit_id
                  ELSE v.unit_ids[1] END AS acting_unit_id,
             v.unit_ids,
             CASE WHEN v.own_service THEN NULL ELSE COALESCE(v.categories, '{}') END AS categories,
             CASE WHEN v.own_service THEN NULL ELSE COALESCE(v.service_ids, '{}') END AS service_ids,
             false AS family${staff}
        FROM (SELECT g.municipality_id, g.case_id,
                     array_agg(DISTINCT g.unit_id ORDER BY g.unit_id) AS unit_ids,
                     bool_or(g.consent_id IS NULL) AS own_service,
                     (array_agg(g.consent_id ORDER BY g.valid_from DESC, g.consent_id) FILTER (WHERE g.consent_id IS NOT NULL))[1] AS consent_id,
                     stafett_array_cat(g.categories) AS categories,
                     stafett_array_cat(g.service_ids) AS service_ids
                FROM case_access_grant g
               WHERE g.municipality_id = stafett_current_uuid('stafett.municipality_id')
                 AND g.unit_id = ANY (stafett_current_uuids('stafett.unit_ids'))
                 AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
                 AND NOT (stafett_current_uuid('stafett.user_id') = ANY (g.excluded_user_ids))
               GROUP BY g.municipality_id, g.case_id) v
        JOIN coordinated_case k ON k.municipality_id = v.municipality_id AND k.id = v.case_id
      UNION ALL
      SELECT k.municipality_id, k.id, k.child_id,
             CASE WHEN k.child_id = ANY (stafett_current_uuids('stafett.youth_child_ids')) THEN 'youth' ELSE 'guardian' END,
             NULL::uuid, NULL::uuid, '{}'::uuid[], NULL::text[], NULL::uuid[], true${family}
        FROM unnest(stafett_current_uuids('stafett.child_ids')) AS family(child_id)
        -- A join, not a filter: the case policy is applied first, and a filter calling the settings
        -- could not be pushed under it into the (municipality_id, child_id) index.
        JOIN coordinated_case k ON k.municipality_id = stafett_current_uuid('stafett.municipality_id') AND k.child_id = family.child_id`;
}

export class HideWhereaboutsOfProtectedChildren1796601000000 implements MigrationInterface {
  name = 'HideWhereaboutsOfProtectedChildren1796601000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(WHEREABOUTS_HIDDEN);
    await q.query(`REVOKE ALL ON FUNCTION stafett_whereabouts_hidden(uuid, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION stafett_whereabouts_hidden(uuid, uuid) TO stafett_app`);
    await q.query(caseView(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    // A view loses a column only by being made again.
    await q.query(`DROP VIEW case_view`);
    await q.query(caseView(false));
    await q.query(`GRANT SELECT ON case_view TO stafett_app`);
    await q.query(`DROP FUNCTION stafett_whereabouts_hidden(uuid, uuid)`);
  }
}
