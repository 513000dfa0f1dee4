import { MIGRATIONS } from '@stafett/migrations';
import { createEmptyDatabase, queryOnce, superuserUrl, TestDatabase } from '@stafett/testing';
import { Client } from 'pg';
import { DEMO_CHILDREN, DEMO_STAFF } from '../../apps/api/src/database/seed/demo-municipality';
import { ApiProcess, spawnApi } from './support/api-process';

const count = async (db: TestDatabase, from: string) =>
  Number((await queryOnce<{ n: string }>(db.ownerUrl, `SELECT count(*) AS n FROM ${from}`))[0].n);

async function waitForBothAtTheGate(db: TestDatabase): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const [{ n }] = await queryOnce<{ n: number }>(
      superuserUrl(db.name),
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'stafett-api' AND wait_event_type = 'Lock'`,
    );
    if (n >= 2) return;
    if (Date.now() > until) throw new Error(`${n} of the two replicas reached the gate within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Two replicas of the built API started at the same moment on an empty database, each told to
 * migrate and seed: one migrates under the advisory lock, the other waits and finds nothing to do.
 */
describe('two replicas starting together on an empty database', () => {
  let db: TestDatabase;
  let replicas: ApiProcess[] = [];

  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await Promise.all(
      replicas.map(async (api) => {
        if (api.child.exitCode !== null) return;
        api.child.kill('SIGTERM');
        const gaveUp = setTimeout(() => void api.kill(), 10_000);
        await api.exited;
        clearTimeout(gaveUp);
      }),
    );
    await db?.drop();
  });

  it('both become ready; the migrations are applied once and the demo municipality seeded once', async () => {
    // A starting gate, so that both reach their migrations at the same moment however fast each
    // boots: TypeORM installs pgcrypto when it connects, and waits while this transaction holds it.
    const gate = new Client({ connectionString: db.ownerUrl });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('CREATE EXTENSION pgcrypto');
      const env = { RUN_MIGRATIONS: 'true', SEED_DEMO: 'true', AUDIT_CHECKPOINT_SINK: 'off', SHUTDOWN_DRAIN_SECONDS: '0' };
      replicas = await Promise.all([spawnApi(db, env), spawnApi(db, env)]);
      await waitForBothAtTheGate(db);
      await gate.query('ROLLBACK');
    } finally {
      await gate.end();
    }
    await Promise.all(replicas.map((api) => api.waitFor(/Stafett listening/, 40_000)));
    for (const api of replicas) {
      const ready = await fetch(`http://127.0.0.1:${api.port}/api/health/ready`);
      expect(ready.status).toBe(200);
    }

    expect(await count(db, 'typeorm_migrations')).toBe(MIGRATIONS.length);
    expect(await count(db, 'municipality')).toBe(1);
    expect(await count(db, 'child')).toBe(DEMO_CHILDREN.length);
    expect(await count(db, 'guardianship')).toBe(DEMO_CHILDREN.reduce((n, c) => n + c.guardians.length, 0));
    expect(await count(db, `app_user WHERE kind = 'staff'`)).toBe(DEMO_STAFF.length);

    // One replica did the work; the other waited for its lock and then had nothing left to do.
    const applied = replicas.map((api) => api.output().match(/"msg":"(\d+) migration\(s\) applied"/)?.[1]).sort();
    expect(applied).toEqual(['0', String(MIGRATIONS.length)]);
    const seeded = replicas.map((api) => api.output().match(/"msg":"demo municipality (created|already present)"/)?.[1]).sort();
    expect(seeded).toEqual(['already present', 'created']);
    for (const api of replicas) expect(api.output()).not.toMatch(/already exists|stafett: /);
  }, 55_000);
});
