import { createTestDatabase, TestDatabase } from '@stafett/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions, DEFAULT_DATABASE_LIMITS } from '../../apps/api/src/database/data-source-options';
import { statementName } from '../../apps/api/src/database/prepared-statements';

const LOOKUP = 'SELECT $1::int + 1 AS n';

/** The named statements of the connection a query runner holds, as the server sees them. */
async function preparedOn(
  ds: DataSource,
  work: (run: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>,
): Promise<string[]> {
  const runner = ds.createQueryRunner();
  try {
    await work((sql, params) => runner.query(sql, params));
    const rows: Array<{ name: string }> = await runner.query('SELECT name FROM pg_prepared_statements ORDER BY name');
    return rows.map((r) => r.name);
  } finally {
    await runner.release();
  }
}

describe('prepared statements on the app pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('plans a parameterised statement once per connection and reuses it, with the same answers', async () => {
    const ds = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 1 } })).initialize();
    try {
      const answers: unknown[] = [];
      const names = await preparedOn(ds, async (run) => {
        for (const n of [1, 2, 3, 4, 5, 6, 7]) answers.push(await run(LOOKUP, [n]));
        // Text without parameters goes as before (simple protocol), unnamed.
        answers.push(await run('SELECT 40 + 2 AS n'));
      });
      expect(answers).toEqual([[{ n: 2 }], [{ n: 3 }], [{ n: 4 }], [{ n: 5 }], [{ n: 6 }], [{ n: 7 }], [{ n: 8 }], [{ n: 42 }]]);
      expect(names).toEqual([statementName(LOOKUP)]);
      // The server's plan cache has it: seven runs of one statement, the later ones on a cached (generic) plan.
      const [stats]: Array<{ generic_plans: string; custom_plans: string }> = await ds.query(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1',
        [statementName(LOOKUP)],
      );
      expect(Number(stats.generic_plans) + Number(stats.custom_plans)).toBeGreaterThanOrEqual(7);
      expect(Number(stats.generic_plans)).toBeGreaterThan(0);
    } finally {
      await ds.destroy();
    }
  });

  it('keeps working after a failed statement on the same connection and in the same transaction', async () => {
    const ds = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 1 } })).initialize();
    try {
      await expect(ds.query('SELECT $1::int AS n FROM no_such_table', [1])).rejects.toThrow(/no_such_table/);
      await expect(ds.query('SELECT $1::int / $2::int AS n', [1, 0])).rejects.toThrow(/division by zero/);
      await expect(ds.query('SELECT $1::int / $2::int AS n', [6, 3])).resolves.toEqual([{ n: 2 }]);
      await expect(
        ds.transaction(async (em) => {
          await em.query(LOOKUP, [1]);
          await em.query('SELECT $1::int / $2::int AS n', [1, 0]);
        }),
      ).rejects.toThrow(/division by zero/);
      // A statement first sent inside an aborted transaction is refused there, and prepared on its next use.
      const fresh = 'SELECT $1::text AS said';
      await expect(
        ds.transaction(async (em) => {
          await em.query('SELECT $1::int / $2::int AS n', [1, 0]).catch(() => undefined);
          await em.query(fresh, ['inside']);
        }),
      ).rejects.toThrow(/current transaction is aborted/);
      await expect(ds.query(fresh, ['after'])).resolves.toEqual([{ said: 'after' }]);
      await expect(ds.query(LOOKUP, [41])).resolves.toEqual([{ n: 42 }]);
    } finally {
      await ds.destroy();
    }
  });

  it('sends everything unnamed when DATABASE_PREPARED_STATEMENTS is off (a pooler in transaction mode)', async () => {
    const limits = { ...DEFAULT_DATABASE_LIMITS, preparedStatements: false };
    const ds = await new DataSource(dataSourceOptions(db.appUrl, { limits, extra: { max: 1 } })).initialize();
    try {
      const names = await preparedOn(ds, async (run) => {
        await run(LOOKUP, [1]);
        await run(LOOKUP, [2]);
      });
      expect(names).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
