import { queryOnce } from '@stafett/testing';
import { caseView, caseViewOf, myCasesPage } from '../../apps/api/src/cases/case-projection';
import { addLogNote, apiFor, CaseWorld, caseWorld, grantsAgainstRule, ifMatch, openLevel1Case, openLevel2Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 6, "with the application-level checks bypassed in a test build, reads still return only
 * permitted rows" (SECURITY.md S9): the application's projection of a case (`case_view`) is replaced
 * by one that admits every case of every municipality with every category, service and field, and
 * the real application runs on it. What stands between a reader and a case is then PostgreSQL's
 * row-level security alone.
 */
jest.mock('../../apps/api/src/cases/case-projection', () => {
  const actual = jest.requireActual('../../apps/api/src/cases/case-projection');
  // Admits every case with all categories and services, as if every acting unit took part (or as family).
  const everything = `(SELECT CASE WHEN f.family THEN 'guardian' ELSE 'ownership' END AS basis, NULL::uuid AS consent_id,
                              u.ids[1] AS acting_unit_id, u.ids AS unit_ids, NULL::text[] AS categories,
                              NULL::uuid[] AS service_ids, f.family, false AS whereabouts_hidden
                         FROM (SELECT stafett_current_uuids('stafett.unit_ids') AS ids) u,
                              (SELECT cardinality(stafett_current_uuids('stafett.child_ids')) > 0 AS family) f) v`;
  return {
    ...actual,
    caseView: jest.fn(() => `CROSS JOIN LATERAL ${everything}`),
    caseViewOf: jest.fn(() => `CROSS JOIN LATERAL ${everything}`),
    // "My cases" from every case there is, not from the caller's grants.
    myCasesPage: jest.fn(
      (keyset: { whereOn(c: string[]): string; orderByOn(c: string[]): string }) =>
        `SELECT k.id AS case_id FROM coordinated_case k WHERE ${keyset.whereOn(['k.status', 'k.opened_at', 'k.id'])}
          ${keyset.orderByOn(['k.status', 'k.opened_at', 'k.id'])}`,
    ),
  };
});

describe('row-level security holds with the application’s case scope bypassed (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let hanne: SignedIn;
  let nina: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;
  const scope = caseView as jest.MockedFunction<typeof caseView>;
  const listScope = [caseViewOf, myCasesPage] as unknown as Array<jest.Mock>;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    hanne = await signIn(t.baseUrl, 'staff', 'Hanne Moe');
    nina = await signIn(t.baseUrl, 'staff', 'Nina Dahl');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
  }, 60000);
  afterAll(() => t?.close());

  /** The reads of a case outside one's access; each answers 404 and the case is in no list. */
  async function expectRefused(who: SignedIn, caseId: string, entryId: string) {
    const calls = scope.mock.calls.length;
    for (const path of [
      `/api/cases/${caseId}`,
      `/api/cases/${caseId}/log`,
      `/api/cases/${caseId}/log/${entryId}`,
      `/api/cases/${caseId}/consents`,
    ]) {
      const res = await api(who, 'GET', path);
      expect([path, res.status, Array.isArray(res.body)]).toEqual([path, 404, false]);
    }
    const listed = listScope.map((f) => f.mock.calls.length);
    const list = await api(who, 'GET', '/api/cases');
    expect(list.status).toBe(200);
    // The list too went through the permissive projection: its page and each case's view.
    expect(listScope.map((f, i) => f.mock.calls.length > listed[i])).toEqual([true, true]);
    expect(list.body.map((c: { id: string }) => c.id)).not.toContain(caseId);
    const tasks = await api(who, 'GET', '/api/tasks');
    expect(JSON.stringify(tasks.body)).not.toContain(caseId);
    // Every one of those reads went through the permissive projection.
    expect(scope.mock.calls.length).toBeGreaterThanOrEqual(calls + 5);
  }

  it('runs the application on the permissive projection, which alone would hand out every case', async () => {
    expect(jest.isMockFunction(caseView)).toBe(true);
    const kase = await openLevel1Case(api, kari, world);
    const before = scope.mock.calls.length;
    expect((await api(kari, 'GET', `/api/cases/${kase.id}`)).status).toBe(200);
    expect(scope.mock.calls.length).toBeGreaterThan(before);
    // What the app now asks, run without row-level security (as the owner) and with nobody acting, returns the case.
    const permissive = scope('k');
    expect(permissive).not.toContain('case_view');
    const leaked = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT k.id FROM coordinated_case k ${permissive}`);
    expect(leaked.map((r) => r.id)).toContain(kase.id);
  });

  it('still refuses a unit without a grant (Nina, school): no case listed, every read 404', async () => {
    const kase = await openLevel2Case(api, kari, world, [anne, erik]);
    const entry = await addLogNote(api, kari, kase.id, 'Notat som skolen ikke skal se', 'wellbeing');
    await expectRefused(nina, kase.id, entry);
    expect((await api(nina, 'GET', '/api/cases')).body).toEqual([]);
  });

  it('still refuses the health nurse without consent: not a participant, after withdrawal, and excluded by person', async () => {
    const level1 = await openLevel1Case(api, kari, world);
    await expectRefused(hanne, level1.id, await addLogNote(api, kari, level1.id, 'Før helsestasjonen er med', 'wellbeing'));

    const withdrawn = await openLevel2Case(api, kari, world, [anne, erik]);
    const entry = await addLogNote(api, kari, withdrawn.id, 'Delt med helsestasjonen', 'wellbeing');
    // With the consent active she reads it: the policies refuse only what they must.
    expect((await api(hanne, 'GET', `/api/cases/${withdrawn.id}/log/${entry}`)).status).toBe(200);
    const [consent] = (await api(kari, 'GET', `/api/cases/${withdrawn.id}/consents`)).body;
    expect(
      (await api(anne, 'POST', `/api/consents/${consent.id}/withdraw`, { reason: 'Trekker samtykket' }, ifMatch(consent.version))).status,
    ).toBe(200);
    await expectRefused(hanne, withdrawn.id, entry);
    // The coordinator keeps what was recorded.
    expect((await api(kari, 'GET', `/api/cases/${withdrawn.id}/log/${entry}`)).status).toBe(200);

    const excluded = await openLevel2Case(api, kari, world, [anne, erik], { excludedUserIds: [world.hanne] });
    await expectRefused(hanne, excluded.id, await addLogNote(api, kari, excluded.id, 'Ikke for Hanne', 'wellbeing'));
  });

  it('leaves the grant table equal to the live rule for every case built here (SECURITY.md S10)', async () => {
    expect(await grantsAgainstRule(t.db.ownerUrl)).toEqual([]);
  });
});
