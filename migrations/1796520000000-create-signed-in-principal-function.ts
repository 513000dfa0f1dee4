import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a session's principal is made of — the user's roles, guardianships, and for a citizen
 * their own child record if they are a youth of consent age — in one statement (issue 11). Every
 * request resolves its session, and this took a transaction of four round trips (begin, who is
 * acting, the lookups, commit); a round trip cost more than the lookups.
 *
 * SECURITY INVOKER: it reads with the app's rights under row-level security, after telling the
 * policies who is signed in (the settings are local to the statement's own transaction, as in
 * actAsSignedInUser), so it sees the user's own guardianships and child record and nothing else.
 */
export class CreateSignedInPrincipalFunction1796520000000 implements MigrationInterface {
  name = 'CreateSignedInPrincipalFunction1796520000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION stafett_signed_in_principal(p_municipality uuid, p_user uuid, p_citizen boolean, p_youth_age int,
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
            FROM guardianship g WHERE g.guardian_user_id = p_user AND g.municipality_id = p_municipality) x;
        youth_of := ARRAY(SELECT c.id::text FROM child c
                           WHERE p_citizen AND c.municipality_id = p_municipality AND c.national_id = stafett_acting_national_id()
                             AND age(c.birth_date) >= make_interval(years => p_youth_age));
      END $$`);
    await q.query('REVOKE ALL ON FUNCTION stafett_signed_in_principal(uuid, uuid, boolean, int) FROM PUBLIC');
    await q.query('GRANT EXECUTE ON FUNCTION stafett_signed_in_principal(uuid, uuid, boolean, int) TO stafett_app');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION stafett_signed_in_principal(uuid, uuid, boolean, int)');
  }
}
