import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Defence in depth (SECURITY.md S9, S10): PostgreSQL itself refuses case content to anyone the
 * access grants do not admit, even if an application query forgot its scope. Each request's
 * transaction sets who is acting with set_config(..., true) — municipality, user, units, and the
 * children of their family — and with nothing set, no row is visible. The policies look up
 * `case_access_grant` by index, as the application's scopes do.
 *
 * `stafett_refresh_case_access()` recomputes a case's grants from the live rule
 * (`stafett_case_access_rule()`): units of the owning service while they take part; units of other
 * services only while they take part *and* an active consent names their service, for the
 * consent's period, categories and exclusions. It runs as the schema owner, which must bypass
 * row-level security (as it must for pg_dump); the application's role never does. Dates are Norwegian
 * days: a period begins and ends at midnight in Europe/Oslo, whatever the server's time zone.
 */
const CASE_TABLES = [
  'case_level_decision',
  'case_participant',
  'case_log_entry',
  'baton_transfer',
  'coordinator_wish',
  'case_goal',
  'case_measure',
  'measure_evaluation',
  'case_meeting',
  'consent',
];
const ALL_TABLES = ['coordinated_case', 'case_access_grant', 'case_private_note', 'consent_answer', ...CASE_TABLES];

export class EnableCaseRowLevelSecurity1796152000000 implements MigrationInterface {
  name = 'EnableCaseRowLevelSecurity1796152000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'the migration role % must bypass row-level security: ALTER ROLE % BYPASSRLS (as a superuser)', current_user, current_user;
      END IF;
    END $$`);
    await q.query(`CREATE FUNCTION stafett_current_uuid(p_name text) RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting(p_name, true), '')::uuid $$`);
    await q.query(`CREATE FUNCTION stafett_current_uuids(p_name text) RETURNS uuid[] LANGUAGE sql STABLE
      AS $$ SELECT COALESCE(NULLIF(current_setting(p_name, true), ''), '{}')::uuid[] $$`);

    // Whether the acting user may see a case: a grant of one of their units valid now that does not
    // exclude them, or the case is about a child of their family. Runs as the owner, so it reads the
    // grants and cases without recursing into their own policies.
    await q.query(`CREATE FUNCTION stafett_case_visible(p_municipality uuid, p_case uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT p_municipality = stafett_current_uuid('stafett.municipality_id') AND (
          EXISTS (SELECT 1 FROM case_access_grant g
                   WHERE g.municipality_id = p_municipality AND g.unit_id = ANY (stafett_current_uuids('stafett.unit_ids'))
                     AND g.case_id = p_case AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
                     AND NOT (stafett_current_uuid('stafett.user_id') = ANY (g.excluded_user_ids)))
          OR EXISTS (SELECT 1 FROM coordinated_case k
                      WHERE k.municipality_id = p_municipality AND k.id = p_case
                        AND k.child_id = ANY (stafett_current_uuids('stafett.child_ids'))))
      $$`);

    await q.query(`CREATE FUNCTION stafett_case_access_rule(p_case uuid)
      RETURNS TABLE (municipality_id uuid, case_id uuid, unit_id uuid, participant_id uuid, basis text, consent_id uuid,
                     valid_from timestamptz, valid_to timestamptz, categories text[], excluded_user_ids uuid[])
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
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
          FROM rows WHERE from_at < to_at
      $$`);

    await q.query(`CREATE FUNCTION stafett_refresh_case_access(p_case uuid) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM coordinated_case WHERE id = p_case AND municipality_id = stafett_current_uuid('stafett.municipality_id')) THEN
          RAISE EXCEPTION 'no such case in the acting municipality';
        END IF;
        DELETE FROM case_access_grant WHERE case_id = p_case;
        INSERT INTO case_access_grant (municipality_id, case_id, unit_id, participant_id, basis, consent_id, valid_from, valid_to, categories, excluded_user_ids)
        SELECT * FROM stafett_case_access_rule(p_case);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION stafett_case_visible(uuid, uuid), stafett_case_access_rule(uuid), stafett_refresh_case_access(uuid) FROM PUBLIC`);
    // The app calls the rebuild (which checks the acting municipality) and its policies call the visibility check; the
    // rule itself reads past every policy, so only the owner (and the rebuild, running as the owner) may call it.
    await q.query(`GRANT EXECUTE ON FUNCTION stafett_case_visible(uuid, uuid), stafett_refresh_case_access(uuid) TO stafett_app`);

    const tenant = `municipality_id = stafett_current_uuid('stafett.municipality_id')`;
    for (const table of ALL_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      // Writes stay inside the acting municipality; no DELETE policy: nothing is deleted (grants are rebuilt by the owner's function).
      await q.query(`CREATE POLICY stafett_insert ON ${table} FOR INSERT TO stafett_app WITH CHECK (${tenant})`);
    }
    // The case itself: inline, so the planner drives it from the grant index like the application's scope.
    await q.query(`CREATE POLICY stafett_read ON coordinated_case FOR SELECT TO stafett_app USING (${tenant} AND (
        EXISTS (SELECT 1 FROM case_access_grant g
                 WHERE g.municipality_id = coordinated_case.municipality_id AND g.unit_id = ANY (stafett_current_uuids('stafett.unit_ids'))
                   AND g.case_id = coordinated_case.id AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
                   AND NOT (stafett_current_uuid('stafett.user_id') = ANY (g.excluded_user_ids)))
        OR child_id = ANY (stafett_current_uuids('stafett.child_ids'))))`);
    await q.query(`CREATE POLICY stafett_update ON coordinated_case FOR UPDATE TO stafett_app
      USING (stafett_case_visible(municipality_id, id)) WITH CHECK (${tenant})`);
    // A unit sees its own grants only.
    await q.query(`CREATE POLICY stafett_read ON case_access_grant FOR SELECT TO stafett_app
      USING (${tenant} AND unit_id = ANY (stafett_current_uuids('stafett.unit_ids')))`);
    for (const table of CASE_TABLES) {
      await q.query(`CREATE POLICY stafett_read ON ${table} FOR SELECT TO stafett_app USING (stafett_case_visible(municipality_id, case_id))`);
      await q.query(`CREATE POLICY stafett_update ON ${table} FOR UPDATE TO stafett_app
        USING (stafett_case_visible(municipality_id, case_id)) WITH CHECK (${tenant})`);
    }
    // Private notes never leave their unit, whatever a query asks.
    await q.query(`CREATE POLICY stafett_read ON case_private_note FOR SELECT TO stafett_app
      USING (unit_id = ANY (stafett_current_uuids('stafett.unit_ids')) AND stafett_case_visible(municipality_id, case_id))`);
    await q.query(`CREATE POLICY stafett_read ON consent_answer FOR SELECT TO stafett_app
      USING (EXISTS (SELECT 1 FROM consent c WHERE c.id = consent_answer.consent_id AND c.municipality_id = consent_answer.municipality_id))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ALL_TABLES) {
      for (const policy of ['stafett_insert', 'stafett_read', 'stafett_update']) await q.query(`DROP POLICY IF EXISTS ${policy} ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION stafett_refresh_case_access(uuid)`);
    await q.query(`DROP FUNCTION stafett_case_access_rule(uuid)`);
    await q.query(`DROP FUNCTION stafett_case_visible(uuid, uuid)`);
    await q.query(`DROP FUNCTION stafett_current_uuids(text)`);
    await q.query(`DROP FUNCTION stafett_current_uuid(text)`);
  }
}
