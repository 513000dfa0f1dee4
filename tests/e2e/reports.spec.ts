import { randomUUID } from 'node:crypto';
import { daysFromToday, osloToday, queryOnce } from '@stafett/testing';
import { seedSecondMunicipality } from './support/second-municipality';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

describe('reports to child welfare over HTTP', () => {
  let t: TestApp;
  const as: Record<string, SignedIn> = {};
  let unitId: string;
  let emmaId: string;

  const api = async (who: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        cookie: as[who].cookie,
        'x-xsrf-token': as[who].csrfToken,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...extra,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      etag: res.headers.get('etag'),
      body: text ? JSON.parse(text) : null,
      text,
    };
  };
  const report = () => ({ reporterUnitId: unitId, childId: emmaId, content: 'Barnet forteller om vold hjemme.', urgent: true });

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    await seedSecondMunicipality(t.db.ownerUrl);
    for (const [key, who] of Object.entries({
      kari: 'Kari Larsen',
      siri: 'Siri Nilsen',
      ola: 'Ola Berg',
      jon: 'Jon Vik',
      hanne: 'Hanne Moe',
      nina: 'Nina Dahl',
      anne: 'Anne Nordmann',
      nils: 'Nils Nabo',
    })) {
      as[key] = await signIn(t.baseUrl, key === 'anne' ? 'citizen' : 'staff', who);
    }
    unitId = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM unit WHERE name = 'Sentrum barnehage'`))[0].id;
    emmaId = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`))[0].id;
  });
  afterAll(() => t?.close());

  it('files a report with review due in one week and receipt in three, and child welfare sees it in its list and tasks', async () => {
    const filed = await api('kari', 'POST', '/api/child-welfare-reports', report());
    expect(filed.status).toBe(201);
    // The dates are the application's (Europe/Oslo): this failed between 23:00 and 01:00 UTC when the test asked in UTC.
    expect((await queryOnce<{ TimeZone: string }>(t.db.ownerUrl, 'SHOW TimeZone'))[0].TimeZone).toBe('Europe/Oslo');
    const { today } = (await queryOnce<{ today: string }>(t.db.ownerUrl, `SELECT to_char(current_date, 'YYYY-MM-DD') AS today`))[0];
    // The tests' own dates (daysFromToday and friends) count from this same day.
    expect(osloToday()).toBe(today);
    const plus = async (days: number) =>
      (await queryOnce<{ d: string }>(t.db.ownerUrl, `SELECT to_char(current_date + $1::int, 'YYYY-MM-DD') AS d`, [days]))[0].d;
    expect(filed.body).toMatchObject({
      submittedOn: today,
      reviewDueOn: await plus(7),
      receiptDueOn: await plus(21),
      reviewOverdue: false,
      urgent: true,
    });
    const list = await api('jon', 'GET', '/api/child-welfare-reports');
    expect(list.body.map((r: { id: string }) => r.id)).toContain(filed.body.id);
    const tasks = await api('jon', 'GET', '/api/tasks');
    expect(tasks.body.reportsAwaitingReview.map((r: { id: string }) => r.id)).toContain(filed.body.id);
    expect((await api('kari', 'GET', '/api/tasks')).body.reportsAwaitingReview).toEqual([]);
  });

  it('is absent for everyone but reporter, leader and child welfare: in detail, lists and counts', async () => {
    const filed = await api('kari', 'POST', '/api/child-welfare-reports', report());
    for (const outsider of ['siri', 'hanne', 'nina']) {
      expect((await api(outsider, 'GET', `/api/child-welfare-reports/${filed.body.id}`)).status).toBe(404);
      const list = await api(outsider, 'GET', '/api/child-welfare-reports');
      expect(list.body.map((r: { id: string }) => r.id)).not.toContain(filed.body.id);
      const tasks = await api(outsider, 'GET', '/api/tasks');
      expect({ outsider, status: tasks.status, reports: tasks.body.reportsAwaitingReview }).toEqual({ outsider, status: 200, reports: [] });
      expect(tasks.text).not.toContain(filed.body.id);
    }
    expect((await api('ola', 'GET', `/api/child-welfare-reports/${filed.body.id}`)).status).toBe(200);
    expect((await api('anne', 'GET', '/api/child-welfare-reports')).status).toBe(403);
  });

  it('never shows that a report exists on the child for other services or the family', async () => {
    await api('kari', 'POST', '/api/child-welfare-reports', report());
    for (const who of ['siri', 'anne']) {
      const child = await api(who, 'GET', `/api/children/${emmaId}`);
      expect(child.status).toBe(200);
      expect(child.text).not.toMatch(/report|melding|child.?welfare|barnevern/i);
    }
  });

  it('lets only child welfare mark it reviewed and receipt confirmed, once each', async () => {
    const filed = await api('kari', 'POST', '/api/child-welfare-reports', report());
    const url = `/api/child-welfare-reports/${filed.body.id}`;
    const read = await api('jon', 'GET', url);
    expect(read.etag).toBe(`"${read.body.version}"`);
    const asRead = { 'if-match': read.etag as string };
    expect((await api('kari', 'POST', `${url}/review`, undefined, asRead)).status).toBe(403);
    expect((await api('jon', 'POST', `${url}/review`)).status).toBe(428);
    const reviewed = await api('jon', 'POST', `${url}/review`, undefined, asRead);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.reviewedAt).not.toBeNull();
    expect(reviewed.etag).toBe(`"${read.body.version + 1}"`);
    const asReviewed = { 'if-match': reviewed.etag as string };
    expect((await api('jon', 'POST', `${url}/review`, undefined, asReviewed)).status).toBe(409);
    // The version before the review is stale for the receipt, and changes nothing.
    expect((await api('jon', 'POST', `${url}/receipt`, undefined, asRead)).status).toBe(412);
    expect((await api('jon', 'POST', `${url}/receipt`, undefined, asReviewed)).body.receiptConfirmedAt).not.toBeNull();
    expect((await api('jon', 'GET', '/api/tasks')).body.reportsAwaitingReview.map((r: { id: string }) => r.id)).not.toContain(
      filed.body.id,
    );
  });

  it('files from a concern the reporter works on, and refuses other children and bad input by field', async () => {
    const concern = await api('kari', 'POST', '/api/concerns', {
      unitId,
      childId: emmaId,
      aroseOn: daysFromToday(-30),
      observedBy: 'pedagogisk leder',
      description: 'Blåmerker.',
      categories: ['violence_or_abuse'],
    });
    const fromConcern = await api('kari', 'POST', '/api/child-welfare-reports', {
      reporterUnitId: unitId,
      concernId: concern.body.id,
      content: 'Se bekymringen; blåmerker.',
    });
    expect(fromConcern.status).toBe(201);
    expect(fromConcern.body).toMatchObject({ concernId: concern.body.id, child: { id: emmaId } });
    const [lucas] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Lucas'`);
    const other = await api('kari', 'POST', '/api/child-welfare-reports', { ...report(), childId: lucas.id });
    expect(other.status).toBe(400);
    expect(other.body.errors.map((e: { field: string }) => e.field)).toEqual(['childId']);
    const bad = await api('kari', 'POST', '/api/child-welfare-reports', { reporterUnitId: 'x', content: 'kort', reporterUserId: 'me' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'childId',
      'concernId',
      'content',
      'reporterUnitId',
      'reporterUserId',
    ]);
    const before = await queryOnce(t.db.ownerUrl, 'SELECT count(*) FROM child_welfare_report');
    await api('nina', 'POST', '/api/child-welfare-reports', report());
    expect(await queryOnce(t.db.ownerUrl, 'SELECT count(*) FROM child_welfare_report')).toEqual(before);
  });

  it('is absent for staff of another municipality: an empty list, and 404 exactly as for an id that does not exist', async () => {
    const filed = await api('kari', 'POST', '/api/child-welfare-reports', report());
    expect(filed.status).toBe(201);
    const list = await api('nils', 'GET', '/api/child-welfare-reports');
    expect(list).toMatchObject({ status: 200, body: [] });
    const withoutRequestId = (body: object) => ({ ...body, requestId: undefined });
    const theirs = await api('nils', 'GET', `/api/child-welfare-reports/${filed.body.id}`);
    const none = await api('nils', 'GET', `/api/child-welfare-reports/${randomUUID()}`);
    expect(theirs.status).toBe(404);
    expect(none.status).toBe(404);
    expect(theirs.type).toBe(none.type);
    expect(withoutRequestId(theirs.body)).toEqual(withoutRequestId(none.body));
    expect(theirs.text).not.toContain(filed.body.id);
    const tasks = await api('nils', 'GET', '/api/tasks');
    expect(tasks.status).toBe(200);
    expect(tasks.body.reportsAwaitingReview).toEqual([]);
    expect(tasks.text).not.toContain(filed.body.id);
  });

  it('refuses a malformed id on every route that takes one with 400 problem+json naming id', async () => {
    const filed = await api('kari', 'POST', '/api/child-welfare-reports', report());
    const row = () => queryOnce(t.db.ownerUrl, 'SELECT * FROM child_welfare_report WHERE id = $1', [filed.body.id]);
    const before = await row();
    for (const [who, method, path] of [
      ['kari', 'GET', '/api/child-welfare-reports/not-a-uuid'],
      ['jon', 'GET', '/api/child-welfare-reports/not-a-uuid'],
      ['jon', 'POST', '/api/child-welfare-reports/not-a-uuid/review'],
      ['jon', 'POST', '/api/child-welfare-reports/not-a-uuid/receipt'],
      ['jon', 'POST', `/api/child-welfare-reports/${filed.body.id}x/review`],
      ['jon', 'POST', `/api/child-welfare-reports/${filed.body.id}x/receipt`],
    ] as const) {
      // With If-Match where a change needs it (428 without, whatever the id).
      const res = await api(who, method, path, undefined, method === 'GET' ? {} : { 'if-match': '"1"' });
      expect({
        who,
        method,
        path,
        status: res.status,
        type: res.type,
        fields: res.body.errors?.map((e: { field: string }) => e.field),
      }).toEqual({
        who,
        method,
        path,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
        fields: ['id'],
      });
    }
    expect(await row()).toEqual(before);
    expect(before).toEqual([expect.objectContaining({ reviewed_at: null, receipt_confirmed_at: null })]);
  });
});
