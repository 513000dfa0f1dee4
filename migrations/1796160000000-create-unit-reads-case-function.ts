import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a given unit (and person in it) may read a case now — asked about the coordinator, so
 * that a coordinator whose service lost its consent (withdrawn, expired, superseded without it)
 * counts as not active and the owning unit's leader takes the baton back at once. The grants of
 * other units are hidden from the application by row-level security, so the question is answered
 * by the owner, and only about a case the acting user may see themself.
 */
export class CreateUnitReadsCaseFunction1796160000000 implements MigrationInterface {
  name = 'CreateUnitReadsCaseFunction1796160000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION stafett_unit_reads_case(p_municipality uuid, p_case uuid, p_unit uuid, p_user uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT stafett_case_visible(p_municipality, p_case) AND EXISTS (
          SELECT 1 FROM case_access_grant g
           WHERE g.municipality_id = p_municipality AND g.case_id = p_case AND g.unit_id = p_unit
             AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
             AND NOT (p_user = ANY (g.excluded_user_ids)))
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION stafett_unit_reads_case(uuid, uuid, uuid, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION stafett_unit_reads_case(uuid, uuid, uuid, uuid) TO stafett_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION stafett_unit_reads_case(uuid, uuid, uuid, uuid)`);
  }
}
