import { createTestDatabase, queryOnce, TestDatabase } from '@stafett/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { PostgresThrottlerStorage } from '../../apps/api/src/rate-limits/postgres-throttler.storage';

const SECRET = 'integration-rate-limit-secret-'.padEnd(48, 'r');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rate-limit storage on PostgreSQL, as the application's own role uses it. */
describe('rate-limit storage on PostgreSQL', () => {
  let db: TestDatabase;
  let app: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 10 } })).initialize();
  });
  afterAll(async () => {
    await app?.destroy();
    await db?.drop();
  });

  it('counts 50 concurrent hits exactly: 20 pass, 30 are blocked until the block ends', async () => {
    const storage = new PostgresThrottlerStorage(app, SECRET);
    const records = await Promise.all(Array.from({ length: 50 }, () => storage.increment('burst', 60_000, 20, 60_000)));
    expect(
      records
        .filter((r) => !r.isBlocked)
        .map((r) => r.totalHits)
        .sort((x, y) => x - y),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const blocked = records.filter((r) => r.isBlocked);
    expect(blocked).toHaveLength(30);
    for (const r of blocked) {
      expect(r.timeToBlockExpire).toBeGreaterThanOrEqual(1);
      expect(r.timeToBlockExpire).toBeLessThanOrEqual(60);
    }
  });

  it('starts a new window when the block and the window have ended', async () => {
    const storage = new PostgresThrottlerStorage(app, SECRET);
    const hit = () => storage.increment('short', 1000, 2, 1000);
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(false);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    await sleep(1100);
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('stores an HMAC of the key, the same for every replica with the same secret', async () => {
    const one = new PostgresThrottlerStorage(app, SECRET);
    const other = new PostgresThrottlerStorage(app, SECRET);
    await one.increment('signIn:AuthController.login:ip:203.0.113.7', 60_000, 5, 60_000);
    expect(await other.increment('signIn:AuthController.login:ip:203.0.113.7', 60_000, 5, 60_000)).toMatchObject({
      totalHits: 2,
    });
    const rows = await queryOnce<{ key: string }>(db.ownerUrl, 'SELECT key FROM rate_limit_counter');
    expect(rows.map((r) => r.key)).toContain(one.storedKey('signIn:AuthController.login:ip:203.0.113.7'));
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
    expect(new PostgresThrottlerStorage(app, 'another-secret-'.padEnd(48, 'x')).storedKey('x')).not.toBe(one.storedKey('x'));
  });

  it('deletes ended windows, keeps running ones and blocks that have not ended', async () => {
    await queryOnce(
      db.ownerUrl,
      `INSERT INTO rate_limit_counter (key, hits, window_ends_at, blocked_until) VALUES
         ('ended', 3, now() - interval '2 minutes', NULL),
         ('ended-block', 9, now() - interval '2 minutes', now() - interval '1 minute'),
         ('still-blocked', 9, now() - interval '2 minutes', now() + interval '5 minutes'),
         ('running', 1, now() + interval '1 minute', NULL)`,
    );
    // A fresh instance sweeps on its first hit.
    await new PostgresThrottlerStorage(app, SECRET).increment('sweeper', 60_000, 5, 60_000);
    const keys = (
      await queryOnce<{ key: string }>(
        db.ownerUrl,
        `SELECT key FROM rate_limit_counter WHERE key IN ('ended', 'ended-block', 'still-blocked', 'running') ORDER BY key`,
      )
    ).map((r) => r.key);
    expect(keys).toEqual(['running', 'still-blocked']);
  });
});
