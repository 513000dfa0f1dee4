import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One round trip to start appending to an audit chain (issue 11): take the chain's lock, then
 * read its last seq and hash and the time of the append. A PL/pgSQL function gives each statement
 * its own snapshot, so the read after the lock sees the row the lock's previous holder committed
 * (a single SELECT would read with a snapshot taken before it waited). The API calls it as the
 * last statements of a transaction, so the lock is held for the insert and the commit only.
 *
 * SECURITY INVOKER: it reads audit_event with the caller's rights (the app role may read and
 * append, never change or delete); EXECUTE only for the app role.
 */
export class CreateAuditHeadFunction1796400000000 implements MigrationInterface {
  name = 'CreateAuditHeadFunction1796400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION stafett_audit_head(p_chain text, OUT last_seq bigint, OUT last_hash text, OUT appended_at text)
      LANGUAGE plpgsql VOLATILE SET search_path = public AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_chain, 0));
        SELECT e.seq, e.hash INTO last_seq, last_hash FROM audit_event e WHERE e.chain = p_chain ORDER BY e.seq DESC LIMIT 1;
        appended_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
      END $$`);
    await q.query('REVOKE ALL ON FUNCTION stafett_audit_head(text) FROM PUBLIC');
    await q.query('GRANT EXECUTE ON FUNCTION stafett_audit_head(text) TO stafett_app');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION stafett_audit_head(text)');
  }
}
