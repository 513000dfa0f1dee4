import type { INestApplication } from '@nestjs/common';
import { queryOnce } from '@stafett/testing';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditCheckpoint, checkpointKey, readCheckpoints } from '../../apps/api/src/audit/audit-checkpoint';
import { AuditSealer } from '../../apps/api/src/audit/audit-sealer';
import { verifyAuditTrail } from '../../apps/api/src/audit/audit-verifier';
import { createApp } from '../../apps/api/src/create-app';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { startTestApp, TEST_AUDIT_KEY, TestApp } from './support/test-app';

const KEY = checkpointKey(TEST_AUDIT_KEY);

/** The authentic checkpoints in a file, in order (none while it does not exist). */
function checkpointsIn(file: string): AuditCheckpoint[] {
  if (!existsSync(file)) return [];
  // Complete lines only: the sealer may be appending one right now.
  const text = readFileSync(file, 'utf8');
  const report = readCheckpoints(text.slice(0, text.lastIndexOf('\n') + 1), KEY);
  expect(report.problems).toEqual([]);
  return report.authentic.map((c) => c.checkpoint);
}

/** The newest event: an audited request's. */
async function head(t: TestApp): Promise<{ chain: string; seq: string; hash: string }> {
  const [row] = await queryOnce<{ chain: string; seq: string; hash: string }>(
    t.db.ownerUrl,
    `SELECT chain, seq::text AS seq, hash FROM audit_event ORDER BY occurred_at DESC, seq DESC LIMIT 1`,
  );
  return row;
}
const seals = (checkpoints: AuditCheckpoint[], h: { chain: string; seq: string; hash: string }) =>
  checkpoints.some((c) => c.chains.some((s) => s.chain === h.chain && s.seq === h.seq && s.hash === h.hash));

/** An audited request that needs no demo data: a sign-in callback that fails is recorded as such. */
const failedSignIn = (baseUrl: string) => fetch(`${baseUrl}/api/auth/callback?code=x&state=y`).then((r) => r.arrayBuffer());

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function verifyWith(t: TestApp, file: string) {
  const ds = await new DataSource(dataSourceOptions(t.db.ownerUrl, { extra: { max: 1 } })).initialize();
  try {
    return await verifyAuditTrail(ds, TEST_AUDIT_KEY, { checkpoints: [{ source: file, lines: readFileSync(file, 'utf8').split('\n') }] });
  } finally {
    await ds.destroy();
  }
}

describe('the audit sealer in the running API (SECURITY.md S28)', () => {
  it('seals an audited request within its interval, while the app runs', async () => {
    const t = await startTestApp({ env: { AUDIT_SEAL_SECONDS: '1' } });
    try {
      await failedSignIn(t.baseUrl);
      const event = await head(t);
      const recorded = await queryOnce(t.db.ownerUrl, 'SELECT chain, action, outcome FROM audit_event WHERE seq = $1 AND chain = $2', [
        event.seq,
        event.chain,
      ]);
      expect(recorded).toEqual([{ chain: 'system', action: 'login', outcome: 'failure' }]);
      const started = Date.now();
      const checkpoints = await until('a checkpoint of the request', () => {
        const all = checkpointsIn(t.checkpointFile);
        return seals(all, event) ? all : undefined;
      });
      // One interval, and a generous margin for a loaded machine.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(checkpoints.at(-1)).toEqual({
        v: 1,
        n: checkpoints.length,
        sealer: t.app.get(AuditSealer).id,
        sealedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        chains: [event],
        prev: checkpoints.length > 1 ? checkpoints.at(-2)?.hmac : null,
        hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(await verifyWith(t, t.checkpointFile)).toMatchObject({ breaks: [], problems: [], warnings: [] });
    } finally {
      await t.close();
    }
  });

  it('seals once more at shutdown: the last request before it is sealed though no interval has passed', async () => {
    const t = await startTestApp({ env: { AUDIT_SEAL_SECONDS: '3600' } });
    const sealer = t.app.get(AuditSealer);
    // The seal at start-up has run (nothing to seal yet), and the next is an hour away.
    expect(await sealer.sealOnce()).toBe('unchanged');
    await failedSignIn(t.baseUrl);
    const event = await head(t);
    expect(seals(checkpointsIn(t.checkpointFile), event)).toBe(false);
    await t.app.close();
    try {
      const checkpoints = checkpointsIn(t.checkpointFile);
      expect(checkpoints).toHaveLength(1);
      expect(checkpoints[0].chains).toEqual([event]);
      expect(await verifyWith(t, t.checkpointFile)).toMatchObject({ breaks: [], problems: [] });
    } finally {
      await t.db.drop();
      rmSync(dirname(t.checkpointFile), { recursive: true, force: true });
    }
  });

  it('lets one replica seal at a time: another takes over when it stops, and the file stays one chain', async () => {
    const first = await startTestApp({ env: { AUDIT_SEAL_SECONDS: '1' } });
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    // A second replica on the same database, sealing into the same file.
    const second = await createApp({ ...first.config, port });
    await second.listen(port, '127.0.0.1');
    const replicas = [
      { id: first.app.get(AuditSealer).id, app: first.app as INestApplication, baseUrl: first.baseUrl, running: true },
      { id: second.get(AuditSealer).id, app: second as INestApplication, baseUrl: `http://localhost:${port}`, running: true },
    ];
    const file = first.checkpointFile;
    try {
      await failedSignIn(first.baseUrl);
      const before = await head(first);
      await until('a checkpoint', () => (seals(checkpointsIn(file), before) ? true : undefined));
      const sealers = new Set(checkpointsIn(file).map((c) => c.sealer));
      expect(sealers.size).toBe(1);
      const leader = replicas.find((r) => sealers.has(r.id));
      const other = replicas.find((r) => r !== leader);
      if (!leader || !other) throw new Error(`the checkpoints name neither replica: ${[...sealers]}`);

      // The leader goes; the other replica takes the lock and continues the same chain of checkpoints.
      leader.running = false;
      await leader.app.close();
      await failedSignIn(other.baseUrl);
      const after = await head(first);
      const checkpoints = await until('a checkpoint by the other replica', () => {
        const all = checkpointsIn(file);
        return all.some((c) => c.sealer === other.id) && seals(all, after) ? all : undefined;
      });
      expect(readCheckpoints(readFileSync(file, 'utf8'), KEY)).toMatchObject({ problems: [], segments: 1 });
      expect(checkpoints.map((c) => c.n)).toEqual(checkpoints.map((_, i) => i + 1));
      // Each replica sealed a run of its own, never interleaved.
      const runs = checkpoints.map((c) => c.sealer).filter((s, i, all) => i === 0 || all[i - 1] !== s);
      expect(runs).toEqual([leader.id, other.id]);
      expect(await verifyWith(first, file)).toMatchObject({ breaks: [], problems: [] });
    } finally {
      for (const r of replicas) if (r.running) await r.app.close();
      await first.db.drop();
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });
});
