import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Defence in depth for level 0 (SECURITY.md S9, S10; issue 10, point 5): concerns, reports to child
 * welfare, anonymous discussions and the children, guardianships and enrolments behind them get the
 * second layer the case tables have. With nobody acting, the app role reads no row of them.
 *
 * The policies mirror libs/domain/src/auth/ability.ts and the SQL scopes, from the settings that
 * actAs() writes for the transaction: `stafett.municipality_id`, `user_id`, `unit_ids` (staff or
 * leader), `leader_unit_ids`, `child_ids` (the family's children) and `child_welfare` ('on' for
 * child welfare staff). A child is visible when enrolled now in an acting unit, as family, as the
 * signed-in citizen's own record, or through a case, concern or report the acting user may see —
 * those three are read under their own policies, so no rule is written twice.
 *
 * Where one table's policy would recurse into its own (child → enrolment → child; discussion →
 * invitation → discussion), a SECURITY DEFINER function owned by the schema owner answers the one
 * question. Three more serve the paths that have no full principal: who the signed-in citizen is
 * (their own identity number, never passed by the app), a youth's first sign-in, and an identity
 * number typed into a new concern.
 */
const LEVEL0_TABLES = [
  'concern',
  'child_welfare_report',
  'anonymous_discussion',
  'discussion_invitation',
  'discussion_advice',
  'child',
  'guardianship',
  'enrolment',
];

const FUNCTIONS = [
  'stafett_current_flag(text)',
  'stafett_acting_national_id()',
  'stafett_enrolled_in_acting_unit(uuid, uuid)',
  'stafett_discussion_role(uuid, uuid)',
  'stafett_concern_reported(uuid)',
  'stafett_child_by_national_id(text)',
  'stafett_youth_first_sign_in(text)',
];

const tenant = `municipality_id = stafett_current_uuid('stafett.municipality_id')`;
const user = `stafett_current_uuid('stafett.user_id')`;
const units = `stafett_current_uuids('stafett.unit_ids')`;
const leaderUnits = `stafett_current_uuids('stafett.leader_unit_ids')`;
const familyChildren = `stafett_current_uuids('stafett.child_ids')`;
const childWelfare = `stafett_current_flag('stafett.child_welfare')`;
// Every level-0 rule of staff holds only while they work in a unit (ability.ts), so a session being resolved
// (municipality and user set, no unit) reads nothing a member of staff wrote.
const actingStaff = `cardinality(${units}) > 0`;
const enrolledNow = (e: string) => `${e}.valid_from <= current_date AND (${e}.valid_to IS NULL OR ${e}.valid_to >= current_date)`;

export class EnableLevel0RowLevelSecurity1796190000000 implements MigrationInterface {
  name = 'EnableLevel0RowLevelSecurity1796190000000';

  public async up(q: QueryRunner): Promise<void> {
    // Colleagues read the discussions of their unit: the policy's branch needs its index.
    await q.query(`CREATE INDEX "IDX_6504ea56a11bca660fe56dbe12" ON "anonymous_discussion" ("municipality_id", "author_unit_id")`);

    await q.query(`CREATE FUNCTION stafett_current_flag(p_name text) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT COALESCE(current_setting(p_name, true) = 'on', false) $$`);

    // The acting citizen's own identity number, read here so the application never passes one around.
    await q.query(`CREATE FUNCTION stafett_acting_national_id() RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT u.national_id FROM app_user u
         WHERE u.id = stafett_current_uuid('stafett.user_id') AND u.municipality_id = stafett_current_uuid('stafett.municipality_id')
           AND u.kind = 'citizen' AND u.active
      $$`);

    // Whether the child is enrolled now in a unit the acting user works in. Reads enrolment as the owner, so the
    // child's policy does not recurse through enrolment's (which asks whether the child is visible).
    await q.query(`CREATE FUNCTION stafett_enrolled_in_acting_unit(p_municipality uuid, p_child uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT p_municipality = stafett_current_uuid('stafett.municipality_id') AND EXISTS (
          SELECT 1 FROM enrolment e
           WHERE e.municipality_id = p_municipality AND e.child_id = p_child
             AND e.unit_id = ANY (stafett_current_uuids('stafett.unit_ids')) AND ${enrolledNow('e')})
      $$`);

    // How the acting user takes part in a discussion: 'author', 'invited' (a unit of theirs is invited),
    // 'colleague' (they work in the author's unit), or NULL. For the invitation and advice policies, which
    // would otherwise recurse through the discussion's.
    await q.query(`CREATE FUNCTION stafett_discussion_role(p_municipality uuid, p_discussion uuid) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT CASE
                 WHEN d.author_user_id = stafett_current_uuid('stafett.user_id') THEN 'author'
                 WHEN EXISTS (SELECT 1 FROM discussion_invitation i
                               WHERE i.municipality_id = d.municipality_id AND i.discussion_id = d.id
                                 AND i.unit_id = ANY (stafett_current_uuids('stafett.unit_ids'))) THEN 'invited'
                 WHEN d.author_unit_id = ANY (stafett_current_uuids('stafett.unit_ids')) THEN 'colleague'
               END
          FROM anonymous_discussion d
         WHERE d.municipality_id = p_municipality AND d.id = p_discussion
           AND p_municipality = stafett_current_uuid('stafett.municipality_id') AND cardinality(stafett_current_uuids('stafett.unit_ids')) > 0
      $$`);

    // Whether a report to child welfare was filed from a concern the acting user decides (its author or a
    // leader of its unit). Its author records that decision without reading a report a leader filed.
    await q.query(`CREATE FUNCTION stafett_concern_reported(p_concern uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (
          SELECT 1 FROM concern c JOIN child_welfare_report r ON r.municipality_id = c.municipality_id AND r.concern_id = c.id
           WHERE c.id = p_concern AND c.municipality_id = stafett_current_uuid('stafett.municipality_id')
             AND cardinality(stafett_current_uuids('stafett.unit_ids')) > 0
             AND (c.author_user_id = stafett_current_uuid('stafett.user_id')
                  OR c.unit_id = ANY (stafett_current_uuids('stafett.leader_unit_ids'))))
      $$`);

    // Staff registering a concern about a child by identity number find the register's child of their municipality
    // (which they then enrol in their unit), rather than creating a second record of the same child.
    await q.query(`CREATE FUNCTION stafett_child_by_national_id(p_national_id text) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT c.id FROM child c
         WHERE c.municipality_id = stafett_current_uuid('stafett.municipality_id') AND c.national_id = p_national_id
           AND cardinality(stafett_current_uuids('stafett.unit_ids')) > 0
      $$`);

    // A youth (from 12) signing in through ID-porten for the first time becomes a citizen user of the municipality
    // that knows them. Nobody acts yet; the function returns the new user and nothing about the child.
    await q.query(`CREATE FUNCTION stafett_youth_first_sign_in(p_national_id text) RETURNS TABLE (id uuid, municipality_id uuid)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
        INSERT INTO app_user (municipality_id, kind, display_name, national_id, active)
        SELECT c.municipality_id, 'citizen', c.given_name || ' ' || c.family_name, c.national_id, true
          FROM child c
         WHERE c.national_id = p_national_id AND age(c.birth_date) >= interval '12 years'
           AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.kind = 'citizen' AND u.national_id = p_national_id)
         ORDER BY c.created_at LIMIT 1
        RETURNING app_user.id, app_user.municipality_id
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION ${FUNCTIONS.join(', ')} FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${FUNCTIONS.join(', ')} TO stafett_app`);

    for (const table of LEVEL0_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }

    // Concern: the author, leaders of its unit, and colleagues of its unit once it is shared; the author and
    // leaders work on it; staff register one in a unit they work in, as themselves.
    await q.query(`CREATE POLICY stafett_read ON concern FOR SELECT TO stafett_app USING (${tenant} AND ${actingStaff} AND (
        author_user_id = ${user} OR unit_id = ANY (${leaderUnits}) OR (shared_with_unit AND unit_id = ANY (${units}))))`);
    await q.query(`CREATE POLICY stafett_insert ON concern FOR INSERT TO stafett_app
      WITH CHECK (${tenant} AND author_user_id = ${user} AND unit_id = ANY (${units}))`);
    const worksOnConcern = `${tenant} AND ${actingStaff} AND (author_user_id = ${user} OR unit_id = ANY (${leaderUnits}))`;
    await q.query(`CREATE POLICY stafett_update ON concern FOR UPDATE TO stafett_app USING (${worksOnConcern}) WITH CHECK (${worksOnConcern})`);

    // Report to child welfare: the reporter, leaders of the reporter's unit, and child welfare of the
    // municipality, which alone handles it; anyone on staff files one from a unit they work in.
    await q.query(`CREATE POLICY stafett_read ON child_welfare_report FOR SELECT TO stafett_app USING (${tenant} AND ${actingStaff} AND (
        reporter_user_id = ${user} OR reporter_unit_id = ANY (${leaderUnits}) OR ${childWelfare}))`);
    await q.query(`CREATE POLICY stafett_insert ON child_welfare_report FOR INSERT TO stafett_app
      WITH CHECK (${tenant} AND reporter_user_id = ${user} AND reporter_unit_id = ANY (${units}))`);
    await q.query(`CREATE POLICY stafett_update ON child_welfare_report FOR UPDATE TO stafett_app
      USING (${tenant} AND ${childWelfare}) WITH CHECK (${tenant} AND ${childWelfare})`);

    // Anonymous discussion: the author, colleagues in the author's unit, and staff of an invited unit (inline,
    // so the invitation index drives it); the author and invited units take part.
    const invited = `EXISTS (SELECT 1 FROM discussion_invitation i
        WHERE i.municipality_id = anonymous_discussion.municipality_id AND i.discussion_id = anonymous_discussion.id
          AND i.unit_id = ANY (${units}))`;
    await q.query(`CREATE POLICY stafett_read ON anonymous_discussion FOR SELECT TO stafett_app USING (${tenant} AND ${actingStaff} AND (
        author_user_id = ${user} OR author_unit_id = ANY (${units}) OR ${invited}))`);
    await q.query(`CREATE POLICY stafett_insert ON anonymous_discussion FOR INSERT TO stafett_app
      WITH CHECK (${tenant} AND author_user_id = ${user} AND author_unit_id = ANY (${units}))`);
    const takesPart = `${tenant} AND ${actingStaff} AND (author_user_id = ${user} OR ${invited})`;
    await q.query(`CREATE POLICY stafett_update ON anonymous_discussion FOR UPDATE TO stafett_app USING (${takesPart}) WITH CHECK (${takesPart})`);
    // Its invitations and advice go with it; the author invites, the author and invited units advise.
    const role = `stafett_discussion_role(municipality_id, discussion_id)`;
    await q.query(`CREATE POLICY stafett_read ON discussion_invitation FOR SELECT TO stafett_app
      USING (${tenant} AND (unit_id = ANY (${units}) OR ${role} IS NOT NULL))`);
    await q.query(`CREATE POLICY stafett_insert ON discussion_invitation FOR INSERT TO stafett_app WITH CHECK (${tenant} AND ${role} = 'author')`);
    await q.query(`CREATE POLICY stafett_read ON discussion_advice FOR SELECT TO stafett_app USING (${tenant} AND ${role} IS NOT NULL)`);
    await q.query(`CREATE POLICY stafett_insert ON discussion_advice FOR INSERT TO stafett_app WITH CHECK (${tenant} AND author_user_id = ${user}
        AND CASE ${role} WHEN 'author' THEN true WHEN 'invited' THEN author_unit_id = ANY (${units}) ELSE false END)`);

    // Child: the family's own children, enrolled now in an acting unit, the signed-in citizen's own record, or
    // reached through a case, concern or report the acting user may see (each under its own policy). Staff of a
    // unit register a new child (no RETURNING: it is visible once enrolled).
    const reached = (table: string, alias: string) =>
      `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.municipality_id = child.municipality_id AND ${alias}.child_id = child.id)`;
    await q.query(`CREATE POLICY stafett_read ON child FOR SELECT TO stafett_app USING (${tenant} AND (
        id = ANY (${familyChildren})
        OR stafett_enrolled_in_acting_unit(municipality_id, id)
        OR national_id = (SELECT stafett_acting_national_id())
        OR ${reached('coordinated_case', 'k')} OR ${reached('concern', 'c')} OR ${reached('child_welfare_report', 'r')}))`);
    await q.query(`CREATE POLICY stafett_insert ON child FOR INSERT TO stafett_app WITH CHECK (${tenant} AND ${actingStaff})`);

    // Guardianship: the guardian's own, and those of a child the acting user may see.
    const ofVisibleChild = (table: string) =>
      `EXISTS (SELECT 1 FROM child c WHERE c.municipality_id = ${table}.municipality_id AND c.id = ${table}.child_id)`;
    await q.query(`CREATE POLICY stafett_read ON guardianship FOR SELECT TO stafett_app
      USING (${tenant} AND (guardian_user_id = ${user} OR ${ofVisibleChild('guardianship')}))`);

    // Enrolment: those of a child the acting user may see (an acting unit's current ones without asking the child);
    // staff enrol a child only in a unit they work in.
    await q.query(`CREATE POLICY stafett_read ON enrolment FOR SELECT TO stafett_app
      USING (${tenant} AND ((unit_id = ANY (${units}) AND ${enrolledNow('enrolment')}) OR ${ofVisibleChild('enrolment')}))`);
    await q.query(`CREATE POLICY stafett_insert ON enrolment FOR INSERT TO stafett_app WITH CHECK (${tenant} AND unit_id = ANY (${units}))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of LEVEL0_TABLES) {
      for (const policy of ['stafett_insert', 'stafett_read', 'stafett_update']) await q.query(`DROP POLICY IF EXISTS ${policy} ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const fn of [...FUNCTIONS].reverse()) await q.query(`DROP FUNCTION ${fn}`);
    await q.query(`DROP INDEX "public"."IDX_6504ea56a11bca660fe56dbe12"`);
  }
}
