import { queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';
import { enrolChildrenInUnitOf } from './support/enrolled-children';

/**
 * A list read is audited as one append (issue 11): every row it returned has its event, written by
 * one statement at the end of the request's transaction — consecutive seqs of the municipality's
 * chain, one time — instead of one lock, head lookup and insert per row.
 */
describe('one audit append per request', () => {
  let t: TestApp;
  let kari: SignedIn;
  const EXTRA = 30;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    await enrolChildrenInUnitOf(t.db.ownerUrl, 'kari.larsen', { givenName: 'Listebarn', count: EXTRA });
  }, 60000);
  afterAll(() => t?.close());

  it('writes one event per child listed, in one append of consecutive seqs at one time', async () => {
    const requestId = randomUUID();
    const res = await fetch(`${t.baseUrl}/api/children`, { headers: { cookie: kari.cookie, 'x-request-id': requestId } });
    expect(res.status).toBe(200);
    const children = (await res.json()) as Array<{ id: string; givenName: string }>;
    expect(children.filter((c) => c.givenName === 'Listebarn')).toHaveLength(EXTRA);

    const events = await queryOnce<{ seq: string; recordId: string; subjectChildId: string; at: string }>(
      t.db.ownerUrl,
      `SELECT seq, record_id AS "recordId", subject_child_id AS "subjectChildId", occurred_at::text AS at
         FROM audit_event WHERE request_id = $1 ORDER BY seq`,
      [requestId],
    );
    expect(events.map((e) => e.recordId).sort()).toEqual(children.map((c) => c.id).sort());
    const seqs = events.map((e) => Number(e.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(new Set(events.map((e) => e.at)).size).toBe(1);
  });

  it('keeps the chain intact under concurrent audited lists', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => fetch(`${t.baseUrl}/api/children`, { headers: { cookie: kari.cookie } }).then((r) => r.status)),
    );
    expect(answers).toEqual(Array(6).fill(200));
    const gaps = await queryOnce<{ chain: string; n: number; max: string }>(
      t.db.ownerUrl,
      `SELECT chain, count(*)::int AS n, max(seq)::text AS max FROM audit_event GROUP BY chain HAVING count(*) <> max(seq)`,
    );
    expect(gaps).toEqual([]);
    const broken = await queryOnce<{ seq: string }>(
      t.db.ownerUrl,
      `SELECT e.seq FROM audit_event e JOIN audit_event p ON p.chain = e.chain AND p.seq = e.seq - 1 WHERE e.prev_hash <> p.hash`,
    );
    expect(broken).toEqual([]);
  });
});
