import { daysFromToday, queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { apiFor, caseWorld, CaseWorld, openLevel1Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 10, point 3: snooping by id leaves a trace. A staff member who asks for another unit's
 * case, log, consent, report, concern or child by id gets the same 404 as for an id that does not
 * exist — and the privacy officer finds a `denied` audit event naming who asked, what and on which
 * route.
 */
describe('refusals by scope are audited', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let nina: SignedIn;
  let tor: SignedIn;
  let ninaId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    nina = await signIn(t.baseUrl, 'staff', 'Nina Dahl');
    tor = await signIn(t.baseUrl, 'staff', 'Tor Holm');
    ninaId = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM app_user WHERE subject = 'nina.dahl'`))[0].id;
    const kase = await openLevel1Case(api, kari, world);
    ids['case'] = kase.id;
    const noted = await api(kari, 'POST', `/api/cases/${kase.id}/log-entries`, { text: 'Samtale med mor', category: 'wellbeing' });
    ids['case_log_entry'] = noted.body.log.find((l: { kind: string }) => l.kind === 'note').id;
    const consent = await api(kari, 'POST', `/api/cases/${kase.id}/consents`, {
      purpose: 'Samarbeid med helsestasjonen',
      categories: ['wellbeing'],
      serviceIds: [world.healthService],
    });
    ids['consent'] = consent.body.id;
    const concern = await api(kari, 'POST', '/api/concerns', {
      unitId: world.sentrum,
      childId: world.emma,
      aroseOn: daysFromToday(-2),
      observedBy: 'pedagogisk leder',
      description: 'Sliten om morgenen.',
      categories: ['wellbeing'],
    });
    ids['concern'] = concern.body.id;
    const report = await api(kari, 'POST', '/api/child-welfare-reports', {
      reporterUnitId: world.sentrum,
      childId: world.emma,
      content: 'Meldt fra barnehagen.',
    });
    ids['child_welfare_report'] = report.body.id;
    ids['child'] = world.emma;
  }, 90000);
  afterAll(() => t?.close());

  const requests = () => [
    { recordType: 'case', method: 'GET', path: `/api/cases/${ids['case']}`, route: 'GET /api/cases/:id', id: ids['case'] },
    {
      recordType: 'case_log_entry',
      method: 'GET',
      path: `/api/cases/${ids['case']}/log/${ids['case_log_entry']}`,
      route: 'GET /api/cases/:caseId/log/:entryId',
      id: ids['case_log_entry'],
    },
    { recordType: 'consent', method: 'GET', path: `/api/consents/${ids['consent']}`, route: 'GET /api/consents/:id', id: ids['consent'] },
    {
      recordType: 'child_welfare_report',
      method: 'GET',
      path: `/api/child-welfare-reports/${ids['child_welfare_report']}`,
      route: 'GET /api/child-welfare-reports/:id',
      id: ids['child_welfare_report'],
    },
    { recordType: 'concern', method: 'GET', path: `/api/concerns/${ids['concern']}`, route: 'GET /api/concerns/:id', id: ids['concern'] },
    { recordType: 'child', method: 'GET', path: `/api/children/${ids['child']}`, route: 'GET /api/children/:id', id: ids['child'] },
    {
      recordType: 'case',
      method: 'POST',
      path: `/api/cases/${ids['case']}/log-entries`,
      route: 'POST /api/cases/:caseId/log-entries',
      id: ids['case'],
      body: { text: 'Innbrudd' },
    },
  ];

  it('answers another unit’s records exactly like ones that do not exist', async () => {
    for (const r of requests()) {
      const real = await api(nina, r.method, r.path, r.body);
      const missing = await api(nina, r.method, r.path.replace(r.id, randomUUID()), r.body);
      expect([r.route, real.status]).toEqual([r.route, 404]);
      expect({ ...real.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
    }
  });

  it('writes one denied event per refused request, naming the actor, the record asked for and the route', async () => {
    const before = await queryOnce<{ n: string }>(t.db.ownerUrl, `SELECT count(*) AS n FROM audit_event WHERE outcome = 'denied'`);
    for (const r of requests()) await api(nina, r.method, r.path, r.body);
    const rows = await queryOnce<{
      actor: string;
      record_type: string;
      record_id: string;
      category: string;
      basis: string;
      action: string;
    }>(
      t.db.ownerUrl,
      `SELECT actor_user_id AS actor, record_type, record_id, category, basis, action FROM audit_event
        WHERE outcome = 'denied' ORDER BY seq DESC LIMIT $1`,
      [requests().length],
    );
    expect(rows.reverse()).toEqual(
      requests().map((r) => ({
        actor: ninaId,
        record_type: r.recordType,
        record_id: r.id,
        category: r.route,
        basis: 'out_of_scope',
        action: r.method === 'GET' ? 'read' : 'write',
      })),
    );
    const after = await queryOnce<{ n: string }>(t.db.ownerUrl, `SELECT count(*) AS n FROM audit_event WHERE outcome = 'denied'`);
    expect(Number(after[0].n) - Number(before[0].n)).toBe(requests().length);
    // Nothing was written by the refused write.
    expect(await queryOnce(t.db.ownerUrl, `SELECT 1 FROM case_log_entry WHERE text = 'Innbrudd'`)).toEqual([]);
  });

  it('lets the privacy officer filter the log for refusals, and for one person', async () => {
    const denied = await api<Array<Record<string, unknown>>>(
      tor,
      'GET',
      `/api/audit-events?outcome=denied&actorUserId=${ninaId}&limit=500`,
    );
    expect(denied.status).toBe(200);
    expect(denied.body.length).toBeGreaterThanOrEqual(requests().length);
    expect(denied.body.every((e) => e['outcome'] === 'denied' && String(e['actorDisplayName']).includes('Nina'))).toBe(true);
    expect(denied.body.map((e) => e['recordId'])).toEqual(expect.arrayContaining(requests().map((r) => r.id)));
    // The log names records, never their content.
    expect(JSON.stringify(denied.body)).not.toMatch(/Samtale med mor|Meldt fra barnehagen|Sliten/);
    const all = await api<Array<Record<string, unknown>>>(tor, 'GET', '/api/audit-events?limit=500');
    expect(all.body.some((e) => e['outcome'] === 'success')).toBe(true);
    const bad = await api(tor, 'GET', '/api/audit-events?outcome=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome']);
  });

  it('records nothing as refused for what the caller may see', async () => {
    const before = await queryOnce<{ n: string }>(t.db.ownerUrl, `SELECT count(*) AS n FROM audit_event WHERE outcome = 'denied'`);
    expect((await api(kari, 'GET', `/api/cases/${ids['case']}`)).status).toBe(200);
    expect((await api(kari, 'GET', `/api/concerns/${ids['concern']}`)).status).toBe(200);
    const after = await queryOnce<{ n: string }>(t.db.ownerUrl, `SELECT count(*) AS n FROM audit_event WHERE outcome = 'denied'`);
    expect(after[0].n).toBe(before[0].n);
  });
});
