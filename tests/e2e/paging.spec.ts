import { queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';
import { enrolChildrenInUnitOf } from './support/enrolled-children';

/** Lists come a page at a time (issue 11): keyset cursors in `Link: <…>; rel="next"`, 50 by default, 200 at most. */
describe('paged lists', () => {
  let t: TestApp;
  let kari: SignedIn;
  const EXTRA = 65;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    await enrolChildrenInUnitOf(t.db.ownerUrl, 'kari.larsen', { givenName: 'Sidebarn', count: EXTRA, familyNames: 20 });
  }, 60000);
  afterAll(() => t?.close());

  const get = async (path: string, requestId = randomUUID()) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie: kari.cookie, 'x-request-id': requestId } });
    return { status: res.status, link: res.headers.get('link'), body: await res.json() };
  };
  const nextOf = (link: string | null) => (link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null);

  it('walks every child once, in the order of the whole list, 50 by default', async () => {
    const whole = await get('/api/children?limit=200');
    expect(whole.link).toBeNull();
    const all = (whole.body as Array<{ id: string }>).map((c) => c.id);
    expect(all.length).toBeGreaterThan(EXTRA);

    const first = await get('/api/children');
    expect(first.body).toHaveLength(50);
    expect(nextOf(first.link)).toMatch(/^\/api\/children\?cursor=/);

    const walked: string[] = [];
    let path: string | null = '/api/children?limit=20';
    let pages = 0;
    while (path && pages < 20) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.body.length).toBeLessThanOrEqual(20);
      walked.push(...(page.body as Array<{ id: string }>).map((c) => c.id));
      path = nextOf(page.link);
      if (path) expect(path).toContain('limit=20');
      pages++;
    }
    expect(walked).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 20));
  });

  it('audits only the rows a page returned, not the one it looked ahead at', async () => {
    const requestId = randomUUID();
    const page = await get('/api/children?limit=7', requestId);
    expect(page.body).toHaveLength(7);
    const events = await queryOnce<{ recordId: string }>(
      t.db.ownerUrl,
      'SELECT record_id AS "recordId" FROM audit_event WHERE request_id = $1',
      [requestId],
    );
    expect(events.map((e) => e.recordId).sort()).toEqual((page.body as Array<{ id: string }>).map((c) => c.id).sort());
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    [`cursor=${Buffer.from(JSON.stringify(['x', 'y', 'not-a-uuid'])).toString('base64url')}`, 'cursor'],
  ])('answers ?%s with 400 problem+json naming %s', async (query, field) => {
    for (const list of ['children', 'cases', 'concerns', 'anonymous-discussions']) {
      const res = await get(`/api/${list}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it('pages the other lists with the same contract', async () => {
    for (const list of ['cases', 'concerns', 'anonymous-discussions']) {
      const res = await get(`/api/${list}?limit=1`);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body.length).toBeLessThanOrEqual(1);
      const whole = await get(`/api/${list}?limit=200`);
      expect(res.link === null).toBe(whole.body.length <= 1);
      if (res.link) {
        const second = await get(nextOf(res.link) as string);
        expect(second.body[0]?.id).toBe(whole.body[1]?.id);
      }
    }
  });
});
