import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff and organisation administration (issue 12, point 1).
 *
 * - `service.version`: a service is renamed and its regime changed with If-Match, as units are.
 * - `unit.closed_on`: a closed unit takes no new concerns or enrolments (a trigger refuses them, whatever path
 *   writes them) and its role assignments end when it closes; its existing records stay as they are.
 * - `app_user.email` / `upn`: an invited staff user is matched by them at first sign-in (then issuer and subject
 *   are stored). Stored lower-cased by the API; unique within a municipality only, as the identity number is.
 * - `role_assignment.valid_from` / `valid_to` (inclusive, like enrolments) and `version`. Rows that exist get the
 *   day of the migration as their start. A role ended the day it began has `valid_to = valid_from - 1`: never held.
 *
 * Everything that reads role_assignment to decide access counts only the assignments valid today. In SQL that is
 * stafett_signed_in_principal (the session's roles, which row-level security reads back through the settings
 * ActingTransactions writes), replaced here; no policy reads role_assignment directly.
 */
const valid = (r: string) => `${r}.valid_from <= current_date AND (${r}.valid_to IS NULL OR ${r}.valid_to >= current_date)`;

const principal = (onlyValid: boolean) => `
      CREATE OR REPLACE FUNCTION stafett_signed_in_principal(p_municipality uuid, p_user uuid, p_citizen boolean, p_youth_age int,
                                                  OUT roles json, OUT guardian_of json, OUT youth_of text[])
      LANGUAGE plpgsql VOLATILE SET search_path = public AS $$
      BEGIN
        PERFORM set_config('stafett.municipality_id', p_municipality::text, true), set_config('stafett.user_id', p_user::text, true);
        SELECT COALESCE(json_agg(x), '[]'::json) INTO roles FROM (
          SELECT r.role, r.unit_id AS "unitId", un.service_id AS "serviceId", sv.kind AS "serviceKind"
            FROM role_assignment r
            LEFT JOIN unit un ON un.id = r.unit_id AND un.municipality_id = r.municipality_id
            LEFT JOIN service sv ON sv.id = un.service_id AND sv.municipality_id = un.municipality_id
           WHERE r.user_id = p_user AND r.municipality_id = p_municipality${onlyValid ? ` AND ${valid('r')}` : ''}
           ORDER BY r.role, un.name) x;
        SELECT COALESCE(json_agg(x), '[]'::json) INTO guardian_of FROM (
          SELECT g.child_id AS "childId", g.has_parental_responsibility AS "parentalResponsibility"
            FROM guardianship g WHERE g.guardian_user_id = p_user AND g.municipality_id = p_municipality) x;
        youth_of := ARRAY(SELECT c.id::text FROM child c
                           WHERE p_citizen AND c.municipality_id = p_municipality AND c.national_id = stafett_acting_national_id()
                             AND age(c.birth_date) >= make_interval(years => p_youth_age));
      END $$`;

export class AddStaffAdministration1796620000000 implements MigrationInterface {
  name = 'AddStaffAdministration1796620000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service" ADD "version" integer NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE "unit" ADD "closed_on" date`);
    await q.query(`ALTER TABLE "app_user" ADD "email" text`);
    await q.query(`ALTER TABLE "app_user" ADD "upn" text`);
    await q.query(`CREATE UNIQUE INDEX "UQ_app_user_municipality_email" ON "app_user" ("municipality_id", "email") WHERE email IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_app_user_municipality_upn" ON "app_user" ("municipality_id", "upn") WHERE upn IS NOT NULL`);
    await q.query(`ALTER TABLE "role_assignment" ADD "valid_from" date NOT NULL DEFAULT ('now'::text)::date`);
    // ('now'::text)::date is CURRENT_DATE as TypeORM writes it; PostgreSQL 16 would spell CURRENT_DATE back and the drift check differ.
    await q.query(`ALTER TABLE "role_assignment" ADD "valid_to" date`);
    await q.query(`ALTER TABLE "role_assignment" ADD "version" integer NOT NULL DEFAULT '1'`);
    await q.query(
      `ALTER TABLE "role_assignment" ADD CONSTRAINT "CHK_role_assignment_dates" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from" - 1)`,
    );
    await q.query(principal(true));

    // Whether a service's units hold anything written under its regime: concerns, reports, discussions, cases, notes.
    // The administrator reads none of those tables (row-level security hides them), so the owner answers the one question.
    await q.query(`CREATE FUNCTION stafett_service_in_use(p_municipality uuid, p_service uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM unit u WHERE u.municipality_id = p_municipality AND u.service_id = p_service AND (
                 EXISTS (SELECT 1 FROM concern c WHERE c.municipality_id = u.municipality_id AND c.unit_id = u.id)
              OR EXISTS (SELECT 1 FROM child_welfare_report r WHERE r.municipality_id = u.municipality_id AND r.reporter_unit_id = u.id)
              OR EXISTS (SELECT 1 FROM anonymous_discussion d WHERE d.municipality_id = u.municipality_id AND d.author_unit_id = u.id)
              OR EXISTS (SELECT 1 FROM case_participant p WHERE p.municipality_id = u.municipality_id AND p.unit_id = u.id)
              OR EXISTS (SELECT 1 FROM coordinated_case k WHERE k.municipality_id = u.municipality_id AND k.owner_unit_id = u.id)))
      $$`);
    await q.query('REVOKE ALL ON FUNCTION stafett_service_in_use(uuid, uuid) FROM PUBLIC');
    await q.query('GRANT EXECUTE ON FUNCTION stafett_service_in_use(uuid, uuid) TO stafett_app');

    // A closed unit takes nothing new, whichever path writes (the API, an import, a script under the app role).
    await q.query(`CREATE FUNCTION stafett_refuse_closed_unit() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM unit u WHERE u.id = NEW.unit_id AND u.municipality_id = NEW.municipality_id
                      AND u.closed_on IS NOT NULL AND u.closed_on <= current_date) THEN
          RAISE EXCEPTION 'unit % is closed', NEW.unit_id USING ERRCODE = 'check_violation', CONSTRAINT = 'unit_closed';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['concern', 'enrolment', 'role_assignment']) {
      await q.query(
        `CREATE TRIGGER stafett_refuse_closed_unit BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION stafett_refuse_closed_unit()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['role_assignment', 'enrolment', 'concern']) {
      await q.query(`DROP TRIGGER stafett_refuse_closed_unit ON "${table}"`);
    }
    await q.query('DROP FUNCTION stafett_refuse_closed_unit()');
    await q.query('DROP FUNCTION stafett_service_in_use(uuid, uuid)');
    await q.query(principal(false));
    await q.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "CHK_role_assignment_dates"`);
    await q.query(`ALTER TABLE "role_assignment" DROP COLUMN "version"`);
    await q.query(`ALTER TABLE "role_assignment" DROP COLUMN "valid_to"`);
    await q.query(`ALTER TABLE "role_assignment" DROP COLUMN "valid_from"`);
    await q.query(`DROP INDEX "UQ_app_user_municipality_upn"`);
    await q.query(`DROP INDEX "UQ_app_user_municipality_email"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "upn"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "email"`);
    await q.query(`ALTER TABLE "unit" DROP COLUMN "closed_on"`);
    await q.query(`ALTER TABLE "service" DROP COLUMN "version"`);
  }
}
