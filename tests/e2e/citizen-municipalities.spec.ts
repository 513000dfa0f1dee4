import { syntheticNationalId } from '@stafett/domain';
import { queryOnce } from '@stafett/testing';
import { apiFor } from './support/cases';
import { signIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';
import { guardianInTwoMunicipalities } from './support/two-municipalities';

/**
 * A person registered in two municipalities (issue 12, point 5): ID-porten's pid matches a citizen
 * user in each. The family overview lists the children's cases of both, each read as that
 * municipality's user; opening one acts as that municipality's user after an audited switch; a
 * third municipality where the person is nobody stays out of reach.
 */
describe('a guardian who is a citizen of two municipalities', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let nabodal: { childId: string; userId: string };
  let anneNabodalUser: string;
  let anneFjordvikUser: string;
  let nabodalCaseId: string;
  let fjordvikCaseId: string;
  let third: { childId: string; guardianUserId: string };

  const one = async <T = { id: string }>(sql: string, params: unknown[] = []) => (await queryOnce<T>(t.db.ownerUrl, sql, params))[0];

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    ({ nabodal, anneFjordvikUser, anneNabodalUser, nabodalCaseId, fjordvikCaseId } = await guardianInTwoMunicipalities(
      t.baseUrl,
      t.db.ownerUrl,
    ));
    // A third municipality where Anne is nobody: another guardian's child.
    const tredal = await one(
      `INSERT INTO municipality (code, name, settings) SELECT '9997', 'Tredal kommune', settings FROM municipality WHERE code = '9999' RETURNING id`,
    );
    const child = await one(
      `INSERT INTO child (municipality_id, given_name, family_name, birth_date, national_id) VALUES ($1, 'Tea', 'Tredal', '2016-06-06', $2) RETURNING id`,
      [tredal.id, syntheticNationalId('2016-06-06', 555)],
    );
    const guardian = await one(
      `INSERT INTO app_user (municipality_id, kind, display_name, national_id, active) VALUES ($1, 'citizen', 'Per Tredal', $2, true) RETURNING id`,
      [tredal.id, syntheticNationalId('1985-02-02', 556)],
    );
    await queryOnce(
      t.db.ownerUrl,
      `INSERT INTO guardianship (municipality_id, child_id, guardian_user_id, has_parental_responsibility) VALUES ($1, $2, $3, true)`,
      [tredal.id, child.id, guardian.id],
    );
    third = { childId: child.id, guardianUserId: guardian.id };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists both municipalities, and in the overview the children’s cases of each', async () => {
    const anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    const municipalities = await api(anne, 'GET', '/api/me/municipalities');
    expect(municipalities.status).toBe(200);
    expect(municipalities.body).toEqual([
      { userId: anneFjordvikUser, municipalityId: expect.any(String), municipalityName: 'Fjordvik kommune', current: true },
      { userId: anneNabodalUser, municipalityId: expect.any(String), municipalityName: 'Nabodal kommune', current: false },
    ]);
    const overview = await api(anne, 'GET', '/api/family/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.map((m: { municipalityName: string }) => m.municipalityName)).toEqual(['Fjordvik kommune', 'Nabodal kommune']);
    const [fjordvik, nabodalView] = overview.body;
    expect(fjordvik.cases.map((c: { id: string }) => c.id)).toContain(fjordvikCaseId);
    expect(fjordvik.cases.map((c: { child: { givenName: string } }) => c.child.givenName)).not.toContain('Ida');
    expect(nabodalView).toMatchObject({ userId: anneNabodalUser, current: false, familyRole: 'guardian', more: false });
    expect(nabodalView.cases).toEqual([
      expect.objectContaining({ id: nabodalCaseId, child: { id: nabodal.childId, givenName: 'Ida', familyName: 'Nabo' }, status: 'open' }),
    ]);
    expect(JSON.stringify(overview.body)).not.toContain('Tredal');
    // Each list was read as that municipality's user, and audited in that municipality.
    const reads = await queryOnce<{ actor_user_id: string }>(
      t.db.ownerUrl,
      `SELECT DISTINCT actor_user_id FROM audit_event WHERE actor_user_id = ANY ($1) AND action = 'read' AND record_type = 'case'`,
      [[anneFjordvikUser, anneNabodalUser]],
    );
    expect(reads.map((r) => r.actor_user_id).sort()).toEqual([anneFjordvikUser, anneNabodalUser].sort());
  });

  it('opens the Nabodal case after switching to her Nabodal user, and no longer reads Fjordvik’s as that user', async () => {
    const anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    // Acting as her Fjordvik user, Nabodal's case is not there.
    expect((await api(anne, 'GET', `/api/cases/${nabodalCaseId}`)).status).toBe(404);
    const switched = await api(anne, 'POST', '/api/me/municipality', { userId: anneNabodalUser });
    expect(switched.status).toBe(204);
    const me = await api(anne, 'GET', '/api/me');
    expect(me.body.user).toMatchObject({ id: anneNabodalUser, familyRole: 'guardian' });
    const opened = await api(anne, 'GET', `/api/cases/${nabodalCaseId}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: nabodalCaseId, child: expect.objectContaining({ givenName: 'Ida' }) });
    expect((await api(anne, 'GET', `/api/cases/${fjordvikCaseId}`)).status).toBe(404);
    const audited = await queryOnce<{ actor_user_id: string; category: string }>(
      t.db.ownerUrl,
      `SELECT actor_user_id, category FROM audit_event WHERE action = 'switch_municipality' ORDER BY category`,
    );
    expect(audited).toEqual([
      { actor_user_id: anneNabodalUser, category: 'entered' },
      { actor_user_id: anneFjordvikUser, category: 'left' },
    ]);
    // And back.
    expect((await api(anne, 'POST', '/api/me/municipality', { userId: anneFjordvikUser })).status).toBe(204);
    expect((await api(anne, 'GET', `/api/cases/${fjordvikCaseId}`)).status).toBe(200);
  });

  it('cannot reach a third municipality: no switch to its users, none of its children', async () => {
    const anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    const refused = await api(anne, 'POST', '/api/me/municipality', { userId: third.guardianUserId });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ status: 404 });
    expect((await api(anne, 'GET', '/api/me')).body.user.id).toBe(anneFjordvikUser);
    expect((await api(anne, 'GET', `/api/children/${third.childId}`)).status).toBe(404);
    const overview = await api(anne, 'GET', '/api/family/overview');
    expect(overview.body).toHaveLength(2);
    // Staff cannot switch at all.
    const kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    expect((await api(kari, 'POST', '/api/me/municipality', { userId: anneNabodalUser })).status).toBe(403);
  });

  it('makes a youth registered in two municipalities a citizen user of both at the first sign-in', async () => {
    const sofie = await one<{ national_id: string; birth_date: string }>(
      `SELECT national_id, birth_date::text FROM child WHERE given_name = 'Sofie'`,
    );
    const nabodalId = (await one<{ municipality_id: string }>(`SELECT municipality_id FROM child WHERE id = $1`, [nabodal.childId]))
      .municipality_id;
    await queryOnce(
      t.db.ownerUrl,
      `INSERT INTO child (municipality_id, given_name, family_name, birth_date, national_id) VALUES ($1, 'Sofie', 'Johansen', $2, $3)`,
      [nabodalId, sofie.birth_date, sofie.national_id],
    );
    const youth = await signIn(t.baseUrl, 'citizen', 'Sofie Johansen');
    const municipalities = await api(youth, 'GET', '/api/me/municipalities');
    expect(municipalities.body.map((m: { municipalityName: string }) => m.municipalityName).sort()).toEqual([
      'Fjordvik kommune',
      'Nabodal kommune',
    ]);
    const users = await queryOnce<{ n: number }>(
      t.db.ownerUrl,
      `SELECT count(*)::int AS n FROM app_user WHERE kind = 'citizen' AND national_id = $1`,
      [sofie.national_id],
    );
    expect(users).toEqual([{ n: 2 }]);
    const overview = await api(youth, 'GET', '/api/family/overview');
    expect(overview.body.map((m: { familyRole: string }) => m.familyRole)).toEqual(['youth', 'youth']);
  });
});
