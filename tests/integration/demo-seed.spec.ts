import { checkNationalId } from '@stafett/domain';
import { createTestDatabase, queryOnce, TestDatabase } from '@stafett/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { seedDemo } from '../../apps/api/src/database/seed/demo-seed';

const COUNTED = ['municipality', 'service', 'unit', 'app_user', 'role_assignment', 'child', 'enrolment', 'guardianship'];

async function counts(url: string): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of COUNTED) result[table] = Number((await queryOnce<{ n: string }>(url, `SELECT count(*) AS n FROM ${table}`))[0].n);
  return result;
}

describe('demo seed', () => {
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

  it('creates one municipality with units of five services and staff users covering every role', async () => {
    expect(await seedDemo(dataSource)).toEqual({ created: true });
    const kinds = await queryOnce<{ kind: string }>(db.ownerUrl, 'SELECT DISTINCT kind FROM service ORDER BY kind');
    expect(kinds.map((k) => k.kind)).toEqual(['child_welfare', 'health_station', 'kindergarten', 'ppt', 'school']);
    const roles = await queryOnce<{ role: string }>(db.ownerUrl, 'SELECT DISTINCT role FROM role_assignment ORDER BY role');
    expect(roles.map((r) => r.role)).toEqual(['admin', 'privacy_officer', 'staff', 'unit_leader']);
    const guardians = await queryOnce<{ with_responsibility: boolean }>(
      db.ownerUrl,
      'SELECT has_parental_responsibility AS with_responsibility FROM guardianship',
    );
    expect(new Set(guardians.map((g) => g.with_responsibility))).toEqual(new Set([true, false]));
  });

  it('uses only synthetic national identity numbers with valid check digits', async () => {
    const ids = await queryOnce<{ national_id: string }>(
      db.ownerUrl,
      'SELECT national_id FROM child WHERE national_id IS NOT NULL UNION ALL SELECT national_id FROM app_user WHERE national_id IS NOT NULL',
    );
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const { national_id } of ids) expect(checkNationalId(national_id)).toMatchObject({ valid: true, synthetic: true });
  });

  it('changes nothing when run again, even by two starts at once', async () => {
    const before = await counts(db.ownerUrl);
    const again = await Promise.all([seedDemo(dataSource), seedDemo(dataSource)]);
    expect(again).toEqual([{ created: false }, { created: false }]);
    expect(await counts(db.ownerUrl)).toEqual(before);
  });
});
