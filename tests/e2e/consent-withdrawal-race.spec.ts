import { queryOnce } from '@stafett/testing';
import { performance } from 'node:perf_hooks';
import { addLogNote, apiFor, CaseWorld, caseWorld, currentVersion, openLevel2Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SECURITY.md S8 and issue 6's race test: 20 readers — each its own session of the health nurse —
 * loop on the case log while the guardian withdraws the consent. The withdrawal commits before its
 * response is sent, so every read that *starts* after the response has arrived must get 404 and no
 * log data. Reads that overlap the withdrawal may go either way; none is counted.
 */
const READERS = 20;
/** Readers go on this long after the withdrawal answered. */
const AFTER_MS = 1000;
/** Hard stop for the whole race, whatever happens. */
const MAX_MS = 20000;

interface Read {
  reader: number;
  startedAt: number;
  endedAt: number;
  status: number;
  /** The body held log entries (an array with at least one entry). */
  data: boolean;
}

describe('withdrawal while 20 readers loop on the case log (S8)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;
  let readers: SignedIn[];

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
    readers = [];
    for (let i = 0; i < READERS; i++) readers.push(await signIn(t.baseUrl, 'staff', 'Hanne Moe'));
  }, 120000);
  afterAll(() => t?.close());

  it('no read that started after the withdrawal committed returns the log', async () => {
    const kase = await openLevel2Case(api, kari, world, [anne, erik]);
    const noteId = await addLogNote(api, kari, kase.id, 'Emma har hatt en god uke', 'wellbeing');
    const consentId = (await api(kari, 'GET', `/api/cases/${kase.id}/consents`)).body[0].id as string;
    expect((await api(readers[0], 'GET', `/api/cases/${kase.id}/log/${noteId}`)).status).toBe(200);

    const reads: Read[] = [];
    const began = performance.now();
    let stopAt = began + MAX_MS;
    const loop = async (reader: number) => {
      while (performance.now() < stopAt) {
        const startedAt = performance.now();
        const res = await api(readers[reader], 'GET', `/api/cases/${kase.id}/log`);
        const endedAt = performance.now();
        reads.push({
          reader,
          startedAt,
          endedAt,
          status: res.status,
          data: Array.isArray(res.body) && res.body.length > 0,
        });
      }
    };
    const racing = Array.from({ length: READERS }, (_, i) => loop(i));

    // Let the readers get going: the test means something only if some reads returned the log before.
    while (reads.filter((r) => r.status === 200).length < 2 * READERS && performance.now() - began < MAX_MS / 2)
      await new Promise((r) => setTimeout(r, 10));
    const asRead = await currentVersion(api, anne, `/api/consents/${consentId}`);
    const withdrawStartedAt = performance.now();
    const withdrawn = await api(anne, 'POST', `/api/consents/${consentId}/withdraw`, { reason: 'Vi trekker samtykket' }, asRead);
    const withdrawAnsweredAt = performance.now();
    stopAt = Math.min(stopAt, withdrawAnsweredAt + AFTER_MS);
    // The very next request, issued as soon as the withdrawal has answered.
    const next = await api(readers[0], 'GET', `/api/cases/${kase.id}/log`);
    await Promise.all(racing);

    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const before = reads.filter((r) => r.endedAt < withdrawStartedAt);
    const after = reads.filter((r) => r.startedAt > withdrawAnsweredAt);
    // Meaningful: reads returned data before; able to fail: reads started after.
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.status === 200 && r.data)).toBe(true);
    expect(after.length).toBeGreaterThanOrEqual(READERS);
    expect(new Set(after.map((r) => r.reader)).size).toBe(READERS);
    const leaked = after.filter((r) => r.status !== 404 || r.data);
    expect(leaked).toEqual([]);
    // Overlapping reads were answered one way or the other, never with an error.
    expect(reads.filter((r) => r.status !== 200 && r.status !== 404)).toEqual([]);
    expect(next.status).toBe(404);
    expect(Array.isArray(next.body)).toBe(false);

    // The audit trail has the withdrawal: by the guardian, on the consent, successful.
    const events = await queryOnce<{ actor: string; basis: string; outcome: string }>(
      t.db.ownerUrl,
      `SELECT u.display_name AS actor, a.basis, a.outcome FROM audit_event a JOIN app_user u ON u.id = a.actor_user_id
        WHERE a.action = 'withdraw' AND a.record_type = 'consent' AND a.record_id = $1`,
      [consentId],
    );
    expect(events).toEqual([{ actor: 'Anne Nordmann', basis: 'guardian', outcome: 'success' }]);
    const [stored] = await queryOnce<{ status: string; withdrawn: boolean; openGrants: number }>(
      t.db.ownerUrl,
      `SELECT c.status, c.withdrawn_at IS NOT NULL AS withdrawn,
              (SELECT count(*)::int FROM case_access_grant g WHERE g.consent_id = c.id AND (g.valid_to IS NULL OR g.valid_to > now())) AS "openGrants"
         FROM consent c WHERE c.id = $1`,
      [consentId],
    );
    expect(stored).toEqual({ status: 'withdrawn', withdrawn: true, openGrants: 0 });
    console.log(
      `race: ${reads.length} reads by ${READERS} sessions; ${before.length} before the withdrawal (all 200), ` +
        `${reads.length - before.length - after.length} overlapping, ${after.length} after (all 404); ` +
        `withdrawal took ${(withdrawAnsweredAt - withdrawStartedAt).toFixed(0)} ms`,
    );
  }, 60000);
});
