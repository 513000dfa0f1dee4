import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The session's principal from both rules at once. Migrations 1796610000000 (register import: an
 * ended guardianship gives nothing) and 1796620000000 (staff administration: only a role assignment
 * valid today counts) each replaced `stafett_signed_in_principal` from the same starting point, so
 * the later one dropped the earlier one's filter. This version has both; down goes back to the
 * staff-administration version.
 */
const valid = (r: string) => `${r}.valid_from <= current_date AND (${r}.valid_to IS NULL OR ${r}.valid_to >= current_date)`;

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
           WHERE r.user_id = p_user AND r.municipality_id = p_municipality AND ${valid('r')}
           ORDER BY r.role, un.name) x;
        SELECT COALESCE(json_agg(x), '[]'::json) INTO guardian_of FROM (
          SELECT g.child_id AS "childId", g.has_parental_responsibility AS "parentalResponsibility"
            FROM guardianship g WHERE g.guardian_user_id = p_user AND g.municipality_id = p_municipality${guardianFilter}) x;
        youth_of := ARRAY(SELECT c.id::text FROM child c
                           WHERE p_citizen AND c.municipality_id = p_municipality AND c.national_id = stafett_acting_national_id()
                             AND age(c.birth_date) >= make_interval(years => p_youth_age));
      END $$`;

export class PrincipalWithDatedRolesAndEndedGuardianships1796640000000 implements MigrationInterface {
  name = 'PrincipalWithDatedRolesAndEndedGuardianships1796640000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(principal(' AND g.ended_at IS NULL'));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(principal(''));
  }
}
