import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production sign-in (issue 12, point 6) and citizens in more than one municipality (point 5).
 *
 * - `last_seen_at`: the idle timeout next to the absolute one. Written at most once a minute by the
 *   session lookup, so the hot path stays a read.
 * - `id_token_hint`: the identity provider's ID token, kept only for RP-initiated logout (its
 *   end-session endpoint wants it back) and cleared when the session ends. It holds the national
 *   identity number, which app_user holds already; it is never logged or sent to the browser.
 * - The youth's first sign-in makes them a citizen user of every municipality whose register knows
 *   them, not only of the first one, so that a youth registered in two municipalities sees both.
 */
export class AddSessionActivityAndCitizenUsers1796630000000 implements MigrationInterface {
  name = 'AddSessionActivityAndCitizenUsers1796630000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user_session" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE "user_session" ADD "id_token_hint" text`);
    await q.query(`CREATE OR REPLACE FUNCTION stafett_youth_first_sign_in(p_national_id text) RETURNS TABLE (id uuid, municipality_id uuid)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
        INSERT INTO app_user (municipality_id, kind, display_name, national_id, active)
        SELECT DISTINCT ON (c.municipality_id) c.municipality_id, 'citizen', c.given_name || ' ' || c.family_name, c.national_id, true
          FROM child c
         WHERE c.national_id = p_national_id AND age(c.birth_date) >= interval '12 years'
           AND NOT EXISTS (SELECT 1 FROM app_user u
                            WHERE u.municipality_id = c.municipality_id AND u.kind = 'citizen' AND u.national_id = p_national_id)
         ORDER BY c.municipality_id, c.created_at
        RETURNING app_user.id, app_user.municipality_id
      $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION stafett_youth_first_sign_in(p_national_id text) RETURNS TABLE (id uuid, municipality_id uuid)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
        INSERT INTO app_user (municipality_id, kind, display_name, national_id, active)
        SELECT c.municipality_id, 'citizen', c.given_name || ' ' || c.family_name, c.national_id, true
          FROM child c
         WHERE c.national_id = p_national_id AND age(c.birth_date) >= interval '12 years'
           AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.kind = 'citizen' AND u.national_id = p_national_id)
         ORDER BY c.created_at LIMIT 1
        RETURNING app_user.id, app_user.municipality_id
      $$`);
    await q.query(`ALTER TABLE "user_session" DROP COLUMN "id_token_hint"`);
    await q.query(`ALTER TABLE "user_session" DROP COLUMN "last_seen_at"`);
  }
}
