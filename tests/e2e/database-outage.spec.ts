import { daysFromToday, queryOnce } from '@stafett/testing';
import { Answer, ApiProcess, call, expectDatabaseUnavailable, startApiProcess } from './support/api-process-under-faults';
import { CrashablePostgres, startCrashablePostgres } from './support/crashable-postgres';
import { signIn, SignedIn } from './support/sign-in';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await sleep(100);
  }
}

/**
 * PostgreSQL crashes (SIGKILL of the postmaster and its backends) and comes back while staff
 * register concerns (SECURITY.md S24, S30). Measured before: 1,045 × 500 "unexpected error" and about
 * 1,000 stack traces in 8 s of log. Now every write the API acknowledged is there afterwards with its
 * audit event; meanwhile answers are 503 problem+json with Retry-After and readiness is 503; the
 * same API process serves again once the database is back; the log holds a few lines, not a flood.
 * The server is this test's own (support/crashable-postgres.mjs), durable (fsync on).
 */
describe('PostgreSQL killed and restarted under writes', () => {
  let pg: CrashablePostgres;
  let api: ApiProcess;
  let kari: SignedIn;
  let unitId: string;
  let emmaId: string;

  beforeAll(async () => {
    pg = await startCrashablePostgres();
    api = await startApiProcess({ DATABASE_URL: pg.appUrl, DATABASE_MIGRATION_URL: pg.ownerUrl, SEED_DEMO: 'false' });
    kari = await signIn(api.baseUrl, 'staff', 'Kari Larsen');
    unitId = (await queryOnce<{ id: string }>(pg.ownerUrl, `SELECT id FROM unit WHERE name = 'Sentrum barnehage'`))[0].id;
    emmaId = (await queryOnce<{ id: string }>(pg.ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`))[0].id;
  }, 60000);
  afterAll(async () => {
    await api?.stop();
    await pg?.quit();
  }, 30000);

  it('loses no acknowledged write, answers 503 (never 500) meanwhile, and recovers without a restart', async () => {
    const pid = api.process.pid;
    const ready = () => call(api.baseUrl, '/api/health/ready');
    const register = (n: number) =>
      call(api.baseUrl, '/api/concerns', {
        method: 'POST',
        headers: { cookie: kari.cookie, 'x-xsrf-token': kari.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          unitId,
          childId: emmaId,
          aroseOn: daysFromToday(-2),
          observedBy: 'pedagogisk leder',
          description: `Syntetisk bekymring nr. ${n} under omstart av databasen.`,
          categories: ['wellbeing'],
        }),
      });

    type Phase = 'before' | 'down' | 'restarting' | 'after';
    let phase: Phase = 'before';
    let writing = true;
    let sent = 0;
    const answers: Array<Answer & { phase: Phase }> = [];
    const writer = async () => {
      while (writing) {
        const answer = await register(sent++);
        answers.push({ ...answer, phase });
        await sleep(25);
      }
    };
    const acknowledged = (during?: Phase) => answers.filter((a) => a.status === 201 && (!during || a.phase === during)).length;

    const writers = [writer(), writer(), writer()];
    let logFrom = 0;
    try {
      await waitFor(
        'writes before the crash',
        async () => acknowledged('before'),
        (n) => n >= 5,
        15000,
      );
      // A sign-in begun before the crash: the bundled identity provider's page reads its people from the database.
      const login = await fetch(`${api.baseUrl}/api/auth/login?as=staff`, { redirect: 'manual' });
      const authorize = new URL(login.headers.get('location') as string);
      logFrom = api.output().length;
      phase = 'down';
      await pg.kill();
      const notReady = await waitFor('readiness 503 while PostgreSQL is down', ready, (a) => a.status === 503, 10000);
      expect(notReady).toMatchObject({
        status: 503,
        type: expect.stringMatching(/^application\/problem\+json/),
        body: { status: 503, detail: 'Not ready', checks: { database: { status: 'down' } } },
      });
      expect(notReady.ms).toBeLessThan(5000);
      expect((await call(api.baseUrl, '/api/health/live')).status).toBe(200);
      // Outside Nest's router too: problem+json 503 with Retry-After, not Express's default HTML 500.
      expectDatabaseUnavailable(await call(api.baseUrl, `${authorize.pathname}${authorize.search}`));
      await sleep(1500); // down for a while, under writes

      phase = 'restarting';
      await pg.start();
      await waitFor('readiness 200 after the restart', ready, (a) => a.status === 200, 20000);
      phase = 'after';
      await waitFor(
        'writes after the restart',
        async () => acknowledged('after'),
        (n) => n >= 5,
        20000,
      );
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    // Only 201 or an honest 503, never a 500 or no answer at all.
    expect([...new Set(answers.map((a) => a.status))].sort()).toEqual([201, 503]);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expectDatabaseUnavailable(answer);
    for (const answer of answers.filter((a) => a.status === 201)) {
      expect(answer.body).toMatchObject({ id: expect.any(String), status: 'open', child: { givenName: 'Emma' } });
    }

    // Every acknowledged write survived the crash, each with its audit event.
    const ids = answers.filter((a) => a.status === 201).map((a) => (a.body as { id: string }).id);
    const stored = await queryOnce<{ id: string }>(pg.ownerUrl, 'SELECT id FROM concern WHERE id = ANY($1::uuid[])', [ids]);
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
    const audited = await queryOnce<{ record_id: string }>(
      pg.ownerUrl,
      `SELECT record_id::text FROM audit_event WHERE record_type = 'concern' AND action = 'create' AND record_id::text = ANY($1::text[])`,
      [ids],
    );
    expect(audited.map((r) => r.record_id).sort()).toEqual([...ids].sort());

    // The same process served throughout.
    expect(api.process.pid).toBe(pid);
    expect(api.process.exitCode).toBeNull();
    expect((await call(api.baseUrl, '/api/me', { headers: { cookie: kari.cookie } })).status).toBe(200);

    // A few lines about the outage, not one (or two stack traces) per refused request. Bounds are generous.
    const lines = api.logLines(logFrom);
    const access = (l: { msg?: string }) => l.msg === 'request completed' || l.msg === 'request errored';
    const outage = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('database unavailable'));
    expect(outage.length).toBeGreaterThanOrEqual(1);
    expect(outage.length).toBeLessThanOrEqual(10);
    expect(outage[0]).toMatchObject({ level: 40, database: { reason: 'connection' } });
    // Readiness says when it changes, not at every probe.
    expect(lines.filter((l) => l.context === 'Health').map((l) => l.msg)).toEqual(['not ready: database, migrations down', 'ready again']);
    expect(lines.filter((l) => !access(l)).length).toBeLessThanOrEqual(20);
    expect(lines.filter((l) => (l.level ?? 0) >= 50).length).toBeLessThanOrEqual(5);
    expect(lines.filter((l) => JSON.stringify(l).includes('"stack"')).length).toBeLessThanOrEqual(5);

    // What was only counted is summed up (by the window's timer, or at shutdown at the latest), as a
    // line about many requests that names none of them.
    await api.stop();
    const summaries = api.logLines(logFrom).filter((l) => typeof l.msg === 'string' && /^database unavailable: \d+ more/.test(l.msg));
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    for (const summary of summaries) {
      expect(summary).toMatchObject({ level: 40, database: { unavailable: expect.any(Number), reasons: expect.any(Object) } });
      expect(summary).not.toHaveProperty('req');
      expect(summary).not.toHaveProperty('requestId');
    }
  });
});
