import { createTestDatabase, TestDatabase } from '@stafett/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseLimits } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { classifyDatabaseError } from '../../apps/api/src/database/database-unavailable';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/**
 * The limits as PostgreSQL applies them to the data source the API builds (SECURITY.md S30): each
 * pooled connection carries them from its first query; what they end is classified as "the
 * database cannot serve now" (a 503), and the pool serves again afterwards.
 */
describe('database limits on the pooled connections', () => {
  const limits = databaseLimits({
    DATABASE_POOL_SIZE: '2',
    DATABASE_CONNECT_TIMEOUT_MS: '300',
    DATABASE_STATEMENT_TIMEOUT_MS: '1000',
    DATABASE_LOCK_TIMEOUT_MS: '500',
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '700',
  });
  let db: TestDatabase;
  let app: DataSource;

  const setting = async (ds: DataSource, name: string) =>
    ((await ds.query(`SELECT current_setting($1) AS value`, [name])) as [{ value: string }])[0].value;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await new DataSource(dataSourceOptions(db.appUrl, { limits })).initialize();
  });
  afterAll(async () => {
    await app?.destroy();
    await db?.drop();
  });

  it('sets every timeout on the application’s connections, and keeps the time zone', async () => {
    expect(await setting(app, 'statement_timeout')).toBe('1s');
    expect(await setting(app, 'lock_timeout')).toBe('500ms');
    expect(await setting(app, 'idle_in_transaction_session_timeout')).toBe('700ms');
    expect(await setting(app, 'TimeZone')).toBe('Europe/Oslo');
    expect(await setting(app, 'application_name')).toBe('stafett-api');
  });

  it('keeps the server’s statement timeout for the schema owner’s work, and the lock timeout', async () => {
    const owner = await new DataSource(dataSourceOptions(db.ownerUrl, { limits, use: 'owner', extra: { max: 1 } })).initialize();
    try {
      expect(await setting(owner, 'statement_timeout')).toBe('0');
      expect(await setting(owner, 'lock_timeout')).toBe('500ms');
    } finally {
      await owner.destroy();
    }
  });

  it('ends a statement after the statement timeout', async () => {
    const error = await failure(app.query('SELECT pg_sleep(5)'));
    expect(classifyDatabaseError(error)).toMatchObject({ reason: 'statement_timeout', code: '57014', retryAfterSeconds: 2 });
    expect(await app.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('waits for a lock no longer than the lock timeout', async () => {
    const holder = new Client({ connectionString: db.ownerUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE municipality IN ACCESS EXCLUSIVE MODE');
      const started = performance.now();
      const error = await failure(app.query('SELECT count(*) FROM municipality'));
      expect(classifyDatabaseError(error)).toMatchObject({ reason: 'lock_timeout', code: '55P03' });
      // Wide margin for a loaded machine; without the limit it would wait as long as the holder.
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await app.query('SELECT count(*)::int AS n FROM municipality')).toEqual([{ n: expect.any(Number) }]);
  });

  it('gives up waiting for a pooled connection after the connect timeout', async () => {
    const held = [app.createQueryRunner(), app.createQueryRunner()];
    try {
      for (const runner of held) await runner.connect();
      const started = performance.now();
      const error = await failure(app.query('SELECT 1'));
      expect(classifyDatabaseError(error)).toMatchObject({ reason: 'pool_exhausted', retryAfterSeconds: 2 });
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      for (const runner of held) await runner.release();
    }
    expect(await app.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('ends a transaction left idle, and the command fails as "unavailable", not as a bug; the pool goes on', async () => {
    const error = await failure(
      app.transaction(async (em) => {
        await em.query('SELECT 1');
        await sleep(2000);
        await em.query('SELECT 1');
      }),
    );
    expect(classifyDatabaseError(error)).toMatchObject({ reason: 'connection' });
    expect(await app.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await app.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
