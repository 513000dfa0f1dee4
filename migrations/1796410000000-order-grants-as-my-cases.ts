import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My cases" a page at a time from an index (issue 11). The list is every case the caller's units
 * hold a grant for, open first and newest first. Ordered by the case's columns, PostgreSQL had to
 * collect every such case, build the caller's view of each and sort them before it could return
 * the first 50: 10 000 cases for a large unit at 200 000, ~0.9 s. The grants now carry the two
 * columns of the list's order (the case's status and when it was opened), kept by triggers, and an
 * index walks one unit's grants in the list's order: a page costs the same however many cases the
 * unit or the municipality has.
 *
 * The triggers run as the owner (SECURITY DEFINER): a grant is stored by the rebuild, which runs as
 * the owner already, and a status change by the app must reach grants the app may not write.
 */
export class OrderGrantsAsMyCases1796410000000 implements MigrationInterface {
  name = 'OrderGrantsAsMyCases1796410000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_access_grant ADD COLUMN case_status text, ADD COLUMN case_opened_at timestamptz`);
    await q.query(`UPDATE case_access_grant g SET case_status = k.status, case_opened_at = k.opened_at
                     FROM coordinated_case k WHERE k.id = g.case_id AND k.municipality_id = g.municipality_id`);
    await q.query(`ALTER TABLE case_access_grant ALTER COLUMN case_status SET NOT NULL, ALTER COLUMN case_opened_at SET NOT NULL`);

    await q.query(`CREATE FUNCTION stafett_grant_takes_case_order() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        SELECT k.status, k.opened_at INTO NEW.case_status, NEW.case_opened_at
          FROM coordinated_case k WHERE k.id = NEW.case_id AND k.municipality_id = NEW.municipality_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER stafett_grant_case_order BEFORE INSERT ON case_access_grant
      FOR EACH ROW EXECUTE FUNCTION stafett_grant_takes_case_order()`);

    await q.query(`CREATE FUNCTION stafett_case_order_to_grants() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE case_access_grant SET case_status = NEW.status, case_opened_at = NEW.opened_at
         WHERE case_id = NEW.id AND municipality_id = NEW.municipality_id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER stafett_case_order_to_grants AFTER UPDATE OF status, opened_at ON coordinated_case
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.opened_at IS DISTINCT FROM NEW.opened_at)
      EXECUTE FUNCTION stafett_case_order_to_grants()`);
    await q.query(`REVOKE ALL ON FUNCTION stafett_grant_takes_case_order(), stafett_case_order_to_grants() FROM PUBLIC`);

    // One unit's grants in the list's order, walked backwards ("open" sorts after "closed": open first, newest first).
    await q.query(`CREATE INDEX case_access_grant_my_cases ON case_access_grant
      (municipality_id, unit_id, case_status, case_opened_at, case_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_access_grant_my_cases`);
    await q.query(`DROP TRIGGER stafett_case_order_to_grants ON coordinated_case`);
    await q.query(`DROP TRIGGER stafett_grant_case_order ON case_access_grant`);
    await q.query(`DROP FUNCTION stafett_case_order_to_grants()`);
    await q.query(`DROP FUNCTION stafett_grant_takes_case_order()`);
    await q.query(`ALTER TABLE case_access_grant DROP COLUMN case_status, DROP COLUMN case_opened_at`);
  }
}
