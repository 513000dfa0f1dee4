import { createEmptyDatabase, createTestDatabase, queryOnce, schemaSnapshot, TestDatabase } from '@stafett/testing';
import { MIGRATIONS } from '@stafett/migrations';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';

describe('migrations', () => {
  it('lists every migration file in migrations/index.ts, in order (the bundled API cannot glob)', () => {
    const dir = join(__dirname, '../../migrations');
    const classes = readdirSync(dir)
      .filter((f) => /^\d{13}-[a-z0-9-]+\.ts$/.test(f))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8').match(/export class (\w+)/)?.[1]);
    expect(MIGRATIONS.map((m) => m.name)).toEqual(classes);
  });

  describe('on a migrated database', () => {
    let db: TestDatabase;
    let dataSource: DataSource;
    beforeAll(async () => {
      db = await createTestDatabase();
      dataSource = await new DataSource(dataSourceOptions(db.ownerUrl)).initialize();
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    it('has no drift between the entities and the migrations', async () => {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });

    it('lets the application role read and write rows but not change the schema', async () => {
      await expect(queryOnce(db.appUrl, 'SELECT count(*) FROM municipality')).resolves.toHaveLength(1);
      await expect(queryOnce(db.appUrl, 'CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
      await expect(queryOnce(db.appUrl, 'ALTER TABLE municipality ADD COLUMN x int')).rejects.toThrow(/must be owner/);
    });
  });

  it('goes up from empty, down to empty, and up again to an identical schema', async () => {
    const db = await createEmptyDatabase();
    const dataSource = await new DataSource(dataSourceOptions(db.ownerUrl)).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const first = await schemaSnapshot(db.ownerUrl);
      expect((first['columns'] as unknown[]).length).toBeGreaterThan(0);
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await queryOnce<{ n: string }>(
        db.ownerUrl,
        `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
      );
      expect(Number(tables[0].n)).toBe(0);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await schemaSnapshot(db.ownerUrl)).toEqual(first);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
