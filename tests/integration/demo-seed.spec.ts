import { checkNationalId, syntheticNationalId } from '@stafett/domain';
import { createTestDatabase, queryOnce, TestDatabase } from '@stafett/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { seedDemo } from '../../apps/api/src/database/seed/demo-seed';
import { DEMO_CHILDREN, DEMO_SERVICES } from '../../apps/api/src/database/seed/demo-municipality';

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

describe('demo seed through the register import', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.ownerUrl)).initialize();
    await seedDemo(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('holds exactly the children, guardians, guardianships and enrolments the seed wrote before the import existed', async () => {
    // The old seed's numbering: one individual number after the other, guardians from 100 above.
    let individual = 500;
    const expected = DEMO_CHILDREN.map((c) => ({
      child: `${c.givenName} ${c.familyName} ${c.birthDate} ${syntheticNationalId(c.birthDate, individual++)}`,
      enrolment: `${DEMO_SERVICES.flatMap((s) => s.units).find((u) => u.key === c.unit)?.name} ${c.group} 2024-08-15 -`,
      guardians: c.guardians.map(
        (g) => `${g.displayName} ${syntheticNationalId(g.birthDate, 100 + individual++)} ${g.parentalResponsibility}`,
      ),
    }));
    const rows = await queryOnce<{ child: string; enrolment: string; guardians: string[] }>(
      db.ownerUrl,
      `SELECT c.given_name || ' ' || c.family_name || ' ' || to_char(c.birth_date, 'YYYY-MM-DD') || ' ' || c.national_id AS child,
              (SELECT string_agg(u.name || ' ' || e.group_name || ' ' || to_char(e.valid_from, 'YYYY-MM-DD') || ' ' || COALESCE(to_char(e.valid_to, 'YYYY-MM-DD'), '-'), ', ')
                 FROM enrolment e JOIN unit u ON u.id = e.unit_id WHERE e.child_id = c.id) AS enrolment,
              ARRAY(SELECT a.display_name || ' ' || a.national_id || ' ' || g.has_parental_responsibility
                      FROM guardianship g JOIN app_user a ON a.id = g.guardian_user_id
                     WHERE g.child_id = c.id AND g.ended_at IS NULL AND g.verified_at IS NOT NULL AND g.source = 'register' AND a.kind = 'citizen'
                     ORDER BY g.has_parental_responsibility DESC, a.display_name) AS guardians
         FROM child c ORDER BY c.birth_date DESC`,
    );
    const sorted = expected.map((e) => ({
      ...e,
      guardians: [...e.guardians].sort((a, b) => Number(b.endsWith('true')) - Number(a.endsWith('true')) || a.localeCompare(b)),
    }));
    expect(rows).toEqual(sorted);
    const [{ citizens }] = await queryOnce<{ citizens: string }>(
      db.ownerUrl,
      `SELECT count(*) AS citizens FROM app_user WHERE kind = 'citizen'`,
    );
    expect(Number(citizens)).toBe(DEMO_CHILDREN.flatMap((c) => c.guardians).length);
  });
});
