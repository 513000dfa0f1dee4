import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One projection of a case for the acting person (issue 10): `case_view` answers, for every case
 * the person may see now, on which basis (coordinator, ownership, participation, consent, guardian,
 * youth), through which consent and unit, which categories of content and which services they may
 * know of (NULL: all), which of their units keep private notes on it, and whether they read it as
 * family. It reads who is acting from the transaction's settings, like the row-level security
 * policies, so every read path — case page, lists, counts, tasks, family view — joins the same
 * rows instead of re-deriving the rule. It runs with the caller's rights (security_invoker), so
 * row-level security still applies underneath.
 *
 * The grants learn which services a consent lets a unit know of (`service_ids`: the consent's
 * services and the owning service; NULL for the owning service itself), so the projection stays an
 * index lookup on the grant table. The policies on categorised content (goals, measures, meetings,
 * log entries) now also check the category and the service against the grants: content outside
 * a consent's categories is invisible to the database's own fence too, whatever a query asks.
 */
const RULE_V1 = `
        WITH kase AS (
          SELECT k.id, k.municipality_id, ou.service_id AS owner_service
            FROM coordinated_case k JOIN unit ou ON ou.id = k.owner_unit_id AND ou.municipality_id = k.municipality_id
           WHERE k.id = p_case),
        taking_part AS (
          SELECT p.id, p.municipality_id, p.case_id, p.unit_id, u.service_id,
                 GREATEST((p.from_on::timestamp AT TIME ZONE 'Europe/Oslo'), p.joined_at) AS from_at,
                 LEAST(COALESCE(p.left_at, 'infinity'), COALESCE(((p.to_on + 1)::timestamp AT TIME ZONE 'Europe/Oslo'), 'infinity')) AS to_at
            FROM case_participant p JOIN unit u ON u.id = p.unit_id AND u.municipality_id = p.municipality_id
           WHERE p.case_id = p_case),
        rows AS (
          SELECT t.municipality_id, t.case_id, t.unit_id, t.id AS participant_id, 'ownership' AS basis, NULL::uuid AS consent_id,
                 t.from_at, t.to_at, NULL::text[] AS categories, '{}'::uuid[] AS excluded_user_ids
            FROM taking_part t JOIN kase k ON k.owner_service = t.service_id
          UNION ALL
          SELECT t.municipality_id, t.case_id, t.unit_id, t.id, 'consent', c.id,
                 GREATEST(t.from_at, (c.valid_from::timestamp AT TIME ZONE 'Europe/Oslo'), c.activated_at),
                 LEAST(t.to_at, ((c.valid_to + 1)::timestamp AT TIME ZONE 'Europe/Oslo'), COALESCE(c.withdrawn_at, 'infinity'), COALESCE(c.superseded_at, 'infinity')),
                 ARRAY(SELECT x FROM unnest(c.categories) x WHERE x <> ALL (c.excluded_categories) ORDER BY x),
                 c.excluded_user_ids
            FROM taking_part t
            JOIN kase k ON k.owner_service <> t.service_id
            JOIN consent c ON c.case_id = t.case_id AND c.municipality_id = t.municipality_id AND c.activated_at IS NOT NULL
                          AND t.service_id = ANY (c.service_ids))
        SELECT municipality_id, case_id, unit_id, participant_id, basis, consent_id, from_at,
               NULLIF(to_at, 'infinity'::timestamptz), categories, excluded_user_ids
          FROM rows WHERE from_at < to_at`;

const RULE_V2 = `
        WITH kase AS (
          SELECT k.id, k.municipality_id, ou.service_id AS owner_service
            FROM coordinated_case k JOIN unit ou ON ou.id = k.owner_unit_id AND ou.municipality_id = k.municipality_id
           WHERE k.id = p_case),
        taking_part AS (
          SELECT p.id, p.municipality_id, p.case_id, p.unit_id, u.service_id,
                 GREATEST((p.from_on::timestamp AT TIME ZONE 'Europe/Oslo'), p.joined_at) AS from_at,
                 LEAST(COALESCE(p.left_at, 'infinity'), COALESCE(((p.to_on + 1)::timestamp AT TIME ZONE 'Europe/Oslo'), 'infinity')) AS to_at
            FROM case_participant p JOIN unit u ON u.id = p.unit_id AND u.municipality_id = p.municipality_id
           WHERE p.case_id = p_case),
        rows AS (
          SELECT t.municipality_id, t.case_id, t.unit_id, t.id AS participant_id, 'ownership' AS basis, NULL::uuid AS consent_id,
                 t.from_at, t.to_at, NULL::text[] AS categories, '{}'::uuid[] AS excluded_user_ids, NULL::uuid[] AS service_ids
            FROM taking_part t JOIN kase k ON k.owner_service = t.service_id
          UNION ALL
          SELECT t.municipality_id, t.case_id, t.unit_id, t.id, 'consent', c.id,
                 GREATEST(t.from_at, (c.valid_from::timestamp AT TIME ZONE 'Europe/Oslo'), c.activated_at),
                 LEAST(t.to_at, ((c.valid_to + 1)::timestamp AT TIME ZONE 'Europe/Oslo'), COALESCE(c.withdrawn_at, 'infinity'), COALESCE(c.superseded_at, 'infinity')),
                 ARRAY(SELECT x FROM unnest(c.categories) x WHERE x <> ALL (c.excluded_categories) ORDER BY x),
                 c.excluded_user_ids,
                 ARRAY(SELECT DISTINCT s FROM unnest(c.service_ids || k.owner_service) s ORDER BY s)
            FROM taking_part t
            JOIN kase k ON k.owner_service <> t.service_id
            JOIN consent c ON c.case_id = t.case_id AND c.municipality_id = t.municipality_id AND c.activated_at IS NOT NULL
                          AND t.service_id = ANY (c.service_ids))
        SELECT municipality_id, case_id, unit_id, participant_id, basis, consent_id, from_at,
               NULLIF(to_at, 'infinity'::timestamptz), categories, excluded_user_ids, service_ids
          FROM rows WHERE from_at < to_at`;

const COLUMNS_V1 = 'municipality_id, case_id, unit_id, participant_id, basis, consent_id, valid_from, valid_to, categories, excluded_user_ids';
const COLUMNS_V2 = `${COLUMNS_V1}, service_ids`;

const RETURNS_V1 = `municipality_id uuid, case_id uuid, unit_id uuid, participant_id uuid, basis text, consent_id uuid,
                     valid_from timestamptz, valid_to timestamptz, categories text[], excluded_user_ids uuid[]`;
const RETURNS_V2 = `${RETURNS_V1}, service_ids uuid[]`;

/** Tables whose rows carry a category (and, for the log, the service an entry is about). */
const CATEGORISED = ['case_goal', 'case_measure', 'case_meeting'];

async function defineRule(q: QueryRunner, returns: string, body: string, columns: string): Promise<void> {
  await q.query(`DROP FUNCTION stafett_refresh_case_access(uuid)`);
  await q.query(`DROP FUNCTION stafett_case_access_rule(uuid)`);
  await q.query(`CREATE FUNCTION stafett_case_access_rule(p_case uuid) RETURNS TABLE (${returns})
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ ${body} $$`);
  await q.query(`CREATE FUNCTION stafett_refresh_case_access(p_case uuid) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM coordinated_case WHERE id = p_case AND municipality_id = stafett_current_uuid('stafett.municipality_id')) THEN
          RAISE EXCEPTION 'no such case in the acting municipality';
        END IF;
        DELETE FROM case_access_grant WHERE case_id = p_case;
        INSERT INTO case_access_grant (${columns}) SELECT * FROM stafett_case_access_rule(p_case);
      END $$`);
  await q.query(`REVOKE ALL ON FUNCTION stafett_case_access_rule(uuid), stafett_refresh_case_access(uuid) FROM PUBLIC`);
  await q.query(`GRANT EXECUTE ON FUNCTION stafett_refresh_case_access(uuid) TO stafett_app`);
  // Every stored grant rebuilt from the rule as it now stands (the owner bypasses row-level security).
  await q.query(`DELETE FROM case_access_grant`);
  await q.query(`INSERT INTO case_access_grant (${columns}) SELECT r.* FROM coordinated_case k CROSS JOIN LATERAL stafett_case_access_rule(k.id) r`);
}

export class CreateCaseView1796180000000 implements MigrationInterface {
  name = 'CreateCaseView1796180000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_access_grant ADD COLUMN service_ids uuid[]`);
    await defineRule(q, RETURNS_V2, RULE_V2, COLUMNS_V2);

    // Concatenates arrays across rows: the categories and services of several grants, unioned.
    await q.query(`CREATE AGGREGATE stafett_array_cat(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray)`);

    await q.query(`CREATE VIEW case_view WITH (security_invoker = true) AS
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
             false AS family
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
             NULL::uuid, NULL::uuid, '{}'::uuid[], NULL::text[], NULL::uuid[], true
        FROM unnest(stafett_current_uuids('stafett.child_ids')) AS family(child_id)
        -- A join, not a filter: the case policy is applied first, and a filter calling the settings
        -- could not be pushed under it into the (municipality_id, child_id) index.
        JOIN coordinated_case k ON k.municipality_id = stafett_current_uuid('stafett.municipality_id') AND k.child_id = family.child_id`);
    await q.query(`GRANT SELECT ON case_view TO stafett_app`);

    // The database's fence for categorised content: visible only through a grant that covers the
    // row's category (and, for a log entry about a unit, its service), or to the family.
    await q.query(`CREATE FUNCTION stafett_case_covers(p_municipality uuid, p_case uuid, p_category text, p_service uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT p_municipality = stafett_current_uuid('stafett.municipality_id') AND (
          EXISTS (SELECT 1 FROM case_access_grant g
                   WHERE g.municipality_id = p_municipality AND g.unit_id = ANY (stafett_current_uuids('stafett.unit_ids'))
                     AND g.case_id = p_case AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
                     AND NOT (stafett_current_uuid('stafett.user_id') = ANY (g.excluded_user_ids))
                     AND (p_category IS NULL OR g.categories IS NULL OR p_category = ANY (g.categories))
                     AND (p_service IS NULL OR g.service_ids IS NULL OR p_service = ANY (g.service_ids)))
          OR EXISTS (SELECT 1 FROM coordinated_case k
                      WHERE k.municipality_id = p_municipality AND k.id = p_case
                        AND k.child_id = ANY (stafett_current_uuids('stafett.child_ids'))))
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION stafett_case_covers(uuid, uuid, text, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION stafett_case_covers(uuid, uuid, text, uuid) TO stafett_app`);
    for (const table of CATEGORISED) {
      await q.query(`DROP POLICY stafett_read ON ${table}`);
      await q.query(`CREATE POLICY stafett_read ON ${table} FOR SELECT TO stafett_app
        USING (stafett_case_covers(municipality_id, case_id, category, NULL))`);
    }
    await q.query(`DROP POLICY stafett_read ON case_log_entry`);
    await q.query(`CREATE POLICY stafett_read ON case_log_entry FOR SELECT TO stafett_app
      USING (stafett_case_covers(municipality_id, case_id, category, service_id))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [...CATEGORISED, 'case_log_entry']) {
      await q.query(`DROP POLICY stafett_read ON ${table}`);
      await q.query(`CREATE POLICY stafett_read ON ${table} FOR SELECT TO stafett_app USING (stafett_case_visible(municipality_id, case_id))`);
    }
    await q.query(`DROP FUNCTION stafett_case_covers(uuid, uuid, text, uuid)`);
    await q.query(`DROP VIEW case_view`);
    await q.query(`DROP AGGREGATE stafett_array_cat(anycompatiblearray)`);
    await defineRule(q, RETURNS_V1, RULE_V1, COLUMNS_V1);
    await q.query(`ALTER TABLE case_access_grant DROP COLUMN service_ids`);
  }
}
