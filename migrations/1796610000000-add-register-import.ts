import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children, guardians and enrolments from the registers (issue 12, points 2 and 4).
 *
 * - `unit.code`: a stable key an enrolment file names a unit by (organisation number or the
 *   administration system's id), unique within a municipality.
 * - `guardianship.source`, `relation`, `verified_at`, `ended_at`: a guardian typed in by hand is
 *   unverified until a register import confirms it; one the register no longer lists is ended,
 *   not deleted (consents were given under it). Existing rows came from the demo register.
 * - Row-level security: a register import runs as a municipal administrator with the transaction's
 *   `stafett.register_import` flag on; the database checks the admin role itself. Staff insert a
 *   hand-registered guardianship of a child enrolled in a unit they work in.
 * - The signed-in principal no longer counts ended guardianships.
 * - `stafett_guardian_stops_signing`: when the register takes parental responsibility from a
 *   guardian, pending consents of the child stop waiting for them (DOMAIN.md "Consent"). It runs as
 *   the owner because an administrator may not read case content; it touches only the signer list
 *   and the status, and only for a guardian who has no responsibility now.
 */
const tenant = `municipality_id = stafett_current_uuid('stafett.municipality_id')`;
const importing = `(SELECT stafett_register_import())`;
const units = `stafett_current_uuids('stafett.unit_ids')`;

const principal = (guardianFilter: string) => `
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
           WHERE r.user_id = p_user AND r.municipality_id = p_municipality
           ORDER BY r.role, un.name) x;
        SELECT COALESCE(json_agg(x), '[]'::json) INTO guardian_of FROM (
          SELECT g.child_id AS "childId", g.has_parental_responsibility AS "parentalResponsibility"
            FROM guardianship g WHERE g.guardian_user_id = p_user AND g.municipality_id = p_municipality${guardianFilter}) x;
        youth_of := ARRAY(SELECT c.id::text FROM child c
                           WHERE p_citizen AND c.municipality_id = p_municipality AND c.national_id = stafett_acting_national_id()
                             AND age(c.birth_date) >= make_interval(years => p_youth_age));
      END $$`;

export class AddRegisterImport1796610000000 implements MigrationInterface {
  name = 'AddRegisterImport1796610000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "unit" ADD "code" text`);
    await q.query(`CREATE UNIQUE INDEX "UQ_unit_municipality_code" ON "unit" ("municipality_id", "code") WHERE code IS NOT NULL`);
    await q.query(`ALTER TABLE "guardianship" ADD "source" text NOT NULL DEFAULT 'register'`);
    await q.query(`ALTER TABLE "guardianship" ADD "relation" text`);
    await q.query(`ALTER TABLE "guardianship" ADD "verified_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "guardianship" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "guardianship" ADD CONSTRAINT "CHK_guardianship_source" CHECK ("source" IN ('register', 'manual'))`);
    // Every guardianship so far was written by the demo seed, i.e. from the (demo) register.
    await q.query(`UPDATE "guardianship" SET "verified_at" = now()`);

    await q.query(`CREATE FUNCTION stafett_register_import() RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT stafett_current_flag('stafett.register_import') AND EXISTS (
          SELECT 1 FROM role_assignment r JOIN app_user u ON u.id = r.user_id AND u.municipality_id = r.municipality_id
           WHERE r.user_id = stafett_current_uuid('stafett.user_id') AND r.municipality_id = stafett_current_uuid('stafett.municipality_id')
             AND r.role = 'admin' AND u.active)
      $$`);
    await q.query(`CREATE FUNCTION stafett_guardian_stops_signing(p_child uuid, p_user uuid) RETURNS int
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        m uuid := stafett_current_uuid('stafett.municipality_id');
        c record;
        remaining jsonb;
        signed int;
        changed int := 0;
      BEGIN
        IF m IS NULL THEN RAISE EXCEPTION 'no acting municipality'; END IF;
        IF EXISTS (SELECT 1 FROM guardianship g WHERE g.municipality_id = m AND g.child_id = p_child AND g.guardian_user_id = p_user
                     AND g.has_parental_responsibility AND g.ended_at IS NULL) THEN
          RETURN 0;
        END IF;
        FOR c IN SELECT k.id, k.case_id, k.required_signers, k.single_signature_reason FROM consent k
                  WHERE k.municipality_id = m AND k.child_id = p_child AND k.status = 'pending_signatures'
                    AND k.required_signers @> jsonb_build_array(jsonb_build_object('role', 'guardian', 'userId', p_user::text))
                  ORDER BY k.id FOR UPDATE
        LOOP
          remaining := COALESCE((SELECT jsonb_agg(s) FROM jsonb_array_elements(c.required_signers) s
                                  WHERE NOT (s->>'role' = 'guardian' AND s->>'userId' = p_user::text)), '[]'::jsonb);
          SELECT count(*) INTO signed FROM consent_answer a
           WHERE a.consent_id = c.id AND a.decision = 'signed'
             AND a.signer_key IN (SELECT CASE WHEN s->>'role' = 'youth' THEN 'youth' ELSE s->>'userId' END FROM jsonb_array_elements(remaining) s);
          -- As consent-rules.ts sign(): complete when everyone still required has signed, or one has with a documented exception.
          IF jsonb_array_length(remaining) > 0 AND (signed = jsonb_array_length(remaining) OR (c.single_signature_reason IS NOT NULL AND signed >= 1)) THEN
            UPDATE consent SET required_signers = remaining, status = 'active', activated_at = now(), version = version + 1 WHERE id = c.id;
            UPDATE consent SET status = 'superseded', superseded_at = now(), version = version + 1
             WHERE case_id = c.case_id AND municipality_id = m AND status = 'active' AND id <> c.id;
            PERFORM stafett_refresh_case_access(c.case_id);
          ELSE
            UPDATE consent SET required_signers = remaining, version = version + 1 WHERE id = c.id;
          END IF;
          changed := changed + 1;
        END LOOP;
        RETURN changed;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION stafett_register_import(), stafett_guardian_stops_signing(uuid, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION stafett_register_import(), stafett_guardian_stops_signing(uuid, uuid) TO stafett_app`);

    for (const table of ['child', 'guardianship', 'enrolment']) {
      await q.query(`CREATE POLICY stafett_register_import ON ${table} FOR ALL TO stafett_app
        USING (${tenant} AND ${importing}) WITH CHECK (${tenant} AND ${importing})`);
    }
    await q.query(`CREATE POLICY stafett_insert ON guardianship FOR INSERT TO stafett_app WITH CHECK (${tenant} AND cardinality(${units}) > 0
        AND source = 'manual' AND verified_at IS NULL AND stafett_enrolled_in_acting_unit(municipality_id, child_id))`);

    await q.query(principal(' AND g.ended_at IS NULL'));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(principal(''));
    await q.query(`DROP POLICY stafett_insert ON guardianship`);
    for (const table of ['enrolment', 'guardianship', 'child']) await q.query(`DROP POLICY stafett_register_import ON ${table}`);
    await q.query(`DROP FUNCTION stafett_guardian_stops_signing(uuid, uuid)`);
    await q.query(`DROP FUNCTION stafett_register_import()`);
    await q.query(`ALTER TABLE "guardianship" DROP CONSTRAINT "CHK_guardianship_source"`);
    await q.query(`ALTER TABLE "guardianship" DROP COLUMN "ended_at"`);
    await q.query(`ALTER TABLE "guardianship" DROP COLUMN "verified_at"`);
    await q.query(`ALTER TABLE "guardianship" DROP COLUMN "relation"`);
    await q.query(`ALTER TABLE "guardianship" DROP COLUMN "source"`);
    await q.query(`DROP INDEX "public"."UQ_unit_municipality_code"`);
    await q.query(`ALTER TABLE "unit" DROP COLUMN "code"`);
  }
}
