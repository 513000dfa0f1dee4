import { createTestDatabase, daysFromToday, queryOnce, TestDatabase } from '@stafett/testing';
import { Answer, ApiProcess, call, expectDatabaseUnavailable, holdLock, startApiProcess } from './support/api-process-under-faults';
import { signIn, SignedIn } from './support/sign-in';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The database's limits as a client meets them (SECURITY.md S30), through the built API with a
 * small pool: measured before, 100 concurrent list requests gave 89 × 500, and a 20 s lock on
 * `concern` made /api/me, which never touches it, fail. Now a pool that has no connection free in
 * time, and a lock held longer than the lock timeout, are 503 problem+json with Retry-After; what
 * does not wait for the lock is served; the API recovers by itself; the log says so once per burst.
 */
describe('database limits through the built API', () => {
  const LOCK_TIMEOUT_MS = 3000;
  let db: TestDatabase;
  let api: ApiProcess;
  let kari: SignedIn;

  const as = (who: SignedIn, path: string) => call(api.baseUrl, path, { headers: { cookie: who.cookie } });

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApiProcess({
      DATABASE_URL: db.appUrl,
      DATABASE_MIGRATION_URL: db.ownerUrl,
      SEED_DEMO: 'true',
      DATABASE_POOL_SIZE: '2',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
    });
    kari = await signIn(api.baseUrl, 'staff', 'Kari Larsen');
  }, 60000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('answers 503 with Retry-After, never 500, while the pool is exhausted, keeps readiness quick, and recovers', async () => {
    const pid = api.process.pid;
    const before = await as(kari, '/api/concerns');
    expect(before.status).toBe(200);

    // The two pooled connections wait for the lock on concern; everything else waits for them.
    const lock = await holdLock(db.ownerUrl, 'concern');
    let storm: Answer[];
    let ready: Answer;
    try {
      const pending = Array.from({ length: 24 }, (_, i) => as(kari, i % 4 === 3 ? '/api/me' : '/api/concerns'));
      await sleep(300);
      ready = await call(api.baseUrl, '/api/health/ready');
      storm = await Promise.all(pending);
    } finally {
      await lock.release();
    }

    const lists = storm.filter((_, i) => i % 4 !== 3);
    const mes = storm.filter((_, i) => i % 4 === 3);
    expect(storm.map((a) => a.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    // No list can be served while concern is locked: each one is a 503 with a problem body.
    for (const answer of lists) expectDatabaseUnavailable(answer);
    for (const answer of mes.filter((a) => a.status !== 200)) expectDatabaseUnavailable(answer);
    // Readiness has a connection of its own: the database answers, so the replica stays in the pool.
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ok', details: { database: { status: 'up' }, migrations: { status: 'up' } } },
    });
    expect(ready.ms).toBeLessThan(5000);

    // The pressure is over: served again by the same process, no restart.
    const after = await as(kari, '/api/concerns');
    expect(after).toMatchObject({ status: 200, type: expect.stringMatching(/^application\/json/) });
    expect(after.body).toEqual(before.body);
    const me = await as(kari, '/api/me');
    expect(me).toMatchObject({
      status: 200,
      body: { user: expect.objectContaining({ displayName: expect.stringMatching(/^Kari Larsen/) }) },
    });
    expect(api.process.pid).toBe(pid);
    expect(api.process.exitCode).toBeNull();

    // Logged as one burst: a warn line naming the reason, no error line or stack per request.
    const lines = api.logLines();
    const outage = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('database unavailable'));
    expect(outage.length).toBeGreaterThanOrEqual(1);
    expect(outage.length).toBeLessThanOrEqual(3);
    expect(outage[0]).toMatchObject({ level: 40, database: { reason: expect.stringMatching(/^(pool_exhausted|lock_timeout)$/) } });
    expect(lines.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
    expect(api.output()).not.toMatch(/"stack"|\\n\s+at /);
  });

  it('answers 503 within about the lock timeout for a write that waits on a lock, while /api/me is served', async () => {
    const [unit] = await queryOnce<{ id: string }>(db.ownerUrl, `SELECT id FROM unit WHERE name = 'Sentrum barnehage'`);
    const [emma] = await queryOnce<{ id: string }>(db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`);
    const concern = {
      unitId: unit.id,
      childId: emma.id,
      aroseOn: daysFromToday(-3),
      observedBy: 'pedagogisk leder',
      description: 'Syntetisk bekymring for en feiltest.',
      categories: ['wellbeing'],
    };
    const register = () =>
      call(api.baseUrl, '/api/concerns', {
        method: 'POST',
        headers: { cookie: kari.cookie, 'x-xsrf-token': kari.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(concern),
      });
    const concerns = async () => (await queryOnce<{ n: number }>(db.ownerUrl, 'SELECT count(*)::int AS n FROM concern'))[0].n;
    const countBefore = await concerns();

    // A batch job's lock: reads go on (row-level security on guardianship looks into concern, so an
    // ACCESS EXCLUSIVE lock would hold up every session lookup too), writes to concern wait.
    const lock = await holdLock(db.ownerUrl, 'concern', 'EXCLUSIVE');
    let waiting: Answer | undefined;
    let me: Answer;
    try {
      const write = register().then((answer) => (waiting = answer));
      await sleep(500);
      me = await as(kari, '/api/me');
      // /api/me does not wait for the lock: answered while the write still waits.
      expect(waiting).toBeUndefined();
      await write;
    } finally {
      await lock.release();
    }
    expect(me).toMatchObject({
      status: 200,
      body: { user: expect.objectContaining({ displayName: expect.stringMatching(/^Kari Larsen/) }) },
    });
    const answered = waiting as Answer;
    expectDatabaseUnavailable(answered);
    expect(answered).toMatchObject({ retryAfter: '2', body: { detail: 'The database is busy; try again in a few seconds' } });
    // It waited for the lock (lock_timeout cannot fire early), and not much longer: wide margins for a loaded machine.
    expect(answered.ms).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 200);
    expect(answered.ms).toBeLessThan(LOCK_TIMEOUT_MS + 10000);
    // Rolled back whole: no concern without its audit event, and the same write goes through now.
    expect(await concerns()).toBe(countBefore);
    const retried = await register();
    expect(retried).toMatchObject({ status: 201, body: { status: 'open', child: { givenName: 'Emma' } } });
    expect(await concerns()).toBe(countBefore + 1);
  });
});
