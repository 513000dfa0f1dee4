import { createTestDatabase, queryOnce, superuserUrl, TestDatabase } from '@stafett/testing';
import { auditHash } from '../../apps/api/src/audit/audit-chain';
import { DataSource } from 'typeorm';
import { verifyAuditTrail } from '../../apps/api/src/audit/audit-verifier';
import { AuditEntry, AuditService, AuditUnavailableException } from '../../apps/api/src/audit/audit.service';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';

const KEY = 'integration-audit-key-'.padEnd(48, 'k');
const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';

function entry(municipalityId: string, n: number): AuditEntry {
  return {
    municipalityId,
    actorUserId: '33333333-3333-4333-8333-333333333333',
    actorRole: 'staff',
    action: 'read',
    recordType: 'concern',
    recordId: `r-${n}`,
    category: 'concern',
    basis: 'ownership',
    outcome: 'success',
    requestId: `req-${n}`,
  };
}

describe('audit trail on PostgreSQL', () => {
  let db: TestDatabase;
  let app: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The application's own role, as in production: it may append and read, nothing else.
    app = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 10 } })).initialize();
    audit = new AuditService({ auditHmacKey: KEY } as AppConfig);
  });
  afterAll(async () => {
    await app?.destroy();
    await db?.drop();
  });

  const append = (e: AuditEntry) => app.transaction((em) => audit.record(em, e));

  it('appends events that verify as one intact chain per municipality', async () => {
    for (let i = 0; i < 3; i++) await append(entry(M1, i));
    await append(entry(M2, 0));
    const report = await verifyAuditTrail(app, KEY);
    expect(report).toMatchObject({ chains: 2, rows: 4, firstBreak: null, breaks: [], problems: [] });
  });

  it('refuses to append outside a transaction, where the chain lock would not hold', async () => {
    await expect(audit.record(app.manager, entry(M1, 99))).rejects.toThrow(/inside the command transaction/);
  });

  it('keeps one unbroken chain with 8 concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 10; i++) await append(entry(M1, 1000 + w * 10 + i));
        })(),
      ),
    );
    const seqs = await queryOnce<{ seq: string }>(db.appUrl, `SELECT seq FROM audit_event WHERE chain = $1 ORDER BY seq`, [M1]);
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 83 }, (_, i) => i + 1));
    expect((await verifyAuditTrail(app, KEY)).firstBreak).toBeNull();
  });

  it('spreads a municipality over AUDIT_CHAIN_LANES chains, each whole, one lane per transaction', async () => {
    const M3 = '44444444-4444-4444-8444-444444444444';
    const laned = new AuditService({ auditHmacKey: KEY, auditChainLanes: 3 } as AppConfig);
    const before = (await verifyAuditTrail(app, KEY)).chains;
    // 8 writers at once, each transaction with two events: they land together in one lane.
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        app.transaction(async (em) => {
          laned.defer(em);
          await laned.record(em, entry(M3, 2 * w));
          await laned.record(em, entry(M3, 2 * w + 1));
          await laned.flush(em);
        }),
      ),
    );
    const rows = await queryOnce<{ chain: string; seq: string; recordId: string; request: string }>(
      db.appUrl,
      `SELECT chain, seq::text AS seq, record_id AS "recordId", request_id AS request FROM audit_event WHERE municipality_id = $1 ORDER BY chain, seq`,
      [M3],
    );
    expect([...new Set(rows.map((r) => r.chain))]).toEqual([M3, `${M3}:1`, `${M3}:2`]);
    for (const chain of [M3, `${M3}:1`, `${M3}:2`]) {
      const seqs = rows.filter((r) => r.chain === chain).map((r) => Number(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    // A transaction's two events are consecutive in one chain.
    for (let w = 0; w < 8; w++) {
      const [a, b] = [rows.find((r) => r.recordId === `r-${2 * w}`), rows.find((r) => r.recordId === `r-${2 * w + 1}`)];
      expect(a?.chain).toBe(b?.chain);
      expect(Number(b?.seq)).toBe(Number(a?.seq) + 1);
    }
    const report = await verifyAuditTrail(app, KEY);
    expect(report).toMatchObject({ chains: before + 3, firstBreak: null, breaks: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
    await expect(queryOnce(db.appUrl, `UPDATE audit_event SET basis = 'emergency'`)).rejects.toThrow(/permission denied/);
    await expect(queryOnce(db.appUrl, `DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
    await expect(queryOnce(db.appUrl, `TRUNCATE audit_event`)).rejects.toThrow(/permission denied/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE by trigger even to a role with every privilege on the table', async () => {
    // The owner is stafett_audit, which nobody logs in as (audit-ownership.spec.ts); the superuser
    // has every privilege and still meets the triggers unless it disables them.
    const all = superuserUrl(db.name);
    await expect(queryOnce(all, `UPDATE audit_event SET basis = 'emergency'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(queryOnce(all, `DELETE FROM audit_event`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(queryOnce(all, `TRUNCATE audit_event`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('abandons the read (503, no data) when its audit event cannot be written', async () => {
    let returned: unknown = undefined;
    const readWithAudit = () =>
      app.transaction(async (em) => {
        const rows = await em.query('SELECT id FROM municipality');
        // Make the audit insert fail, as a full disk or a lost grant would.
        await em.query('SET LOCAL transaction_read_only = on');
        await audit.record(em, entry(M1, 5000));
        returned = rows;
        return rows;
      });
    await expect(readWithAudit()).rejects.toBeInstanceOf(AuditUnavailableException);
    expect(returned).toBeUndefined();
    const written = await queryOnce(db.appUrl, `SELECT 1 FROM audit_event WHERE record_id = 'r-5000'`);
    expect(written).toEqual([]);
  });

  describe('one append per request (ActingTransactions defers, then flushes as the last statement)', () => {
    const countOf = (requestId: string) =>
      queryOnce<{ n: number }>(db.appUrl, 'SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1', [requestId]).then(
        ([r]) => r.n,
      );

    it('writes nothing until flush, then every event of the request in consecutive seqs of its chain', async () => {
      const requestId = `req-batch-${Date.now()}`;
      let seenBeforeFlush = -1;
      await app.transaction(async (em) => {
        audit.defer(em);
        for (let i = 0; i < 40; i++) await audit.record(em, { ...entry(M1, 6000 + i), requestId });
        await audit.record(em, { ...entry(M2, 6100), requestId });
        const [row]: Array<{ n: number }> = await em.query('SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1', [requestId]);
        seenBeforeFlush = row.n;
        await audit.flush(em);
      });
      expect(seenBeforeFlush).toBe(0);
      const rows = await queryOnce<{ chain: string; seq: string; recordId: string; at: string }>(
        db.appUrl,
        `SELECT chain, seq, record_id AS "recordId", occurred_at::text AS at FROM audit_event WHERE request_id = $1 ORDER BY chain, seq`,
        [requestId],
      );
      const m1 = rows.filter((r) => r.chain === M1);
      expect(m1.map((r) => r.recordId)).toEqual(Array.from({ length: 40 }, (_, i) => `r-${6000 + i}`));
      const seqs = m1.map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => seqs[0] + i));
      expect(new Set(m1.map((r) => r.at)).size).toBe(1);
      expect(rows.filter((r) => r.chain === M2).map((r) => r.recordId)).toEqual(['r-6100']);
      expect((await verifyAuditTrail(app, KEY)).firstBreak).toBeNull();
    });

    it('keeps one unbroken chain when 8 requests of 25 events each append at once', async () => {
      const [{ before }] = await queryOnce<{ before: string }>(db.appUrl, 'SELECT max(seq) AS before FROM audit_event WHERE chain = $1', [
        M1,
      ]);
      await Promise.all(
        Array.from({ length: 8 }, (_, w) =>
          app.transaction(async (em) => {
            audit.defer(em);
            for (let i = 0; i < 25; i++) await audit.record(em, entry(M1, 7000 + w * 25 + i));
            await audit.flush(em);
          }),
        ),
      );
      const seqs = await queryOnce<{ seq: string }>(db.appUrl, 'SELECT seq FROM audit_event WHERE chain = $1 AND seq > $2 ORDER BY seq', [
        M1,
        before,
      ]);
      expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 200 }, (_, i) => Number(before) + 1 + i));
      expect((await verifyAuditTrail(app, KEY)).firstBreak).toBeNull();
    });

    it('fails the whole request closed when the deferred append cannot be written, and drops its events', async () => {
      const requestId = `req-closed-${Date.now()}`;
      const work = app.transaction(async (em) => {
        audit.defer(em);
        await audit.record(em, { ...entry(M1, 8000), requestId });
        await em.query('SET LOCAL transaction_read_only = on');
        await audit.flush(em);
        return 'data';
      });
      await expect(work).rejects.toBeInstanceOf(AuditUnavailableException);
      expect(await countOf(requestId)).toBe(0);
    });
  });

  describe('tampering, seen by the verifier', () => {
    // Tampering needs the triggers out of the way: an attacker with superuser rights could do that.
    async function asAttacker(sql: string, params: unknown[] = []) {
      const url = superuserUrl(db.name);
      await queryOnce(url, 'ALTER TABLE audit_event DISABLE TRIGGER USER');
      try {
        await queryOnce(url, sql, params);
      } finally {
        await queryOnce(url, 'ALTER TABLE audit_event ENABLE TRIGGER USER');
      }
    }

    it('finds an edited row, a deleted row, and a row re-hashed without the key', async () => {
      const victim = (
        await queryOnce<{ id: string; seq: string }>(db.appUrl, `SELECT id, seq FROM audit_event WHERE chain = $1 AND seq = 2`, [M1])
      )[0];
      await asAttacker(`UPDATE audit_event SET basis = 'emergency' WHERE id = $1`, [victim.id]);
      expect((await verifyAuditTrail(app, KEY)).firstBreak).toEqual({ chain: M1, seq: '2', id: victim.id, problem: 'hash' });

      // Re-hashing with a guessed key does not help without the real one.
      const [row] = await queryOnce<Record<string, string>>(
        db.appUrl,
        `SELECT chain, seq::text AS seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
                municipality_id AS "municipalityId", actor_user_id AS "actorUserId", actor_role AS "actorRole", actor_unit_id AS "actorUnitId",
                subject_child_id AS "subjectChildId", action, record_type AS "recordType", record_id AS "recordId", category, basis,
                basis_ref AS "basisRef", outcome, request_id AS "requestId", prev_hash AS "prevHash"
           FROM audit_event WHERE id = $1`,
        [victim.id],
      );
      const forged = auditHash(row as never, 'a guessed key, not the one in the environment');
      await asAttacker(`UPDATE audit_event SET hash = $2 WHERE id = $1`, [victim.id, forged]);
      expect((await verifyAuditTrail(app, KEY)).firstBreak).toMatchObject({ seq: '2', problem: 'hash' });

      const third = (await queryOnce<{ id: string }>(db.appUrl, `SELECT id FROM audit_event WHERE chain = $1 AND seq = 3`, [M1]))[0];
      await asAttacker(`DELETE FROM audit_event WHERE chain = $1 AND seq = 1`, [M1]);
      expect((await verifyAuditTrail(app, KEY)).firstBreak).toMatchObject({ seq: '2', problem: 'gap' });
      expect(third.id).toBeDefined();
    });
  });
});
