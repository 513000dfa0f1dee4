import type { INestApplication } from '@nestjs/common';
import { queryOnce } from '@stafett/testing';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/create-app';
import { newConcernBody } from './authorization/matrix/concerns.matrix';
import { caseWorld } from './support/cases';
import { signIn } from './support/sign-in';
import { freePort, startTestApp, TEST_AUDIT_KEY, TestApp } from './support/test-app';

/**
 * Rate limits (SECURITY.md S21) through HTTP on PostgreSQL: sign-in steps per client IP with the
 * production defaults, the counts shared by two instances on one database, and writes and list
 * reads per user. Every 429 is problem+json with Retry-After.
 */

/** Another instance of the same application on the same database, as a second replica would be. */
async function secondInstance(first: TestApp): Promise<{ app: INestApplication; baseUrl: string }> {
  const port = await freePort();
  const config = loadConfig({
    DATABASE_URL: first.db.appUrl,
    DATABASE_MIGRATION_URL: first.db.ownerUrl,
    RUN_MIGRATIONS: 'false',
    PORT: String(port),
    AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return { app, baseUrl: `http://localhost:${port}` };
}

async function expectTooManyRequests(res: Response, windowSeconds: number): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const retryAfter = res.headers.get('retry-after') ?? '';
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(windowSeconds);
  expect(await res.json()).toEqual({
    type: 'https://stafett.no/problems/429',
    title: 'Too Many Requests',
    status: 429,
    detail: `Too many requests; try again in ${retryAfter} seconds`,
    requestId: res.headers.get('x-request-id'),
  });
}

const statuses = (responses: Response[]) =>
  responses.reduce<Record<number, number>>((count, r) => ({ ...count, [r.status]: (count[r.status] ?? 0) + 1 }), {});

describe('rate limits with the production defaults', () => {
  let a: TestApp;
  let b: { app: INestApplication; baseUrl: string };

  beforeAll(async () => {
    a = await startTestApp({ defaultRateLimits: true });
    b = await secondInstance(a);
  }, 60000);
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  it('runs with the defaults: 20 sign-in steps per address per minute', () => {
    expect(a.config.rateLimits).toEqual({ windowSeconds: 60, signIn: 20, writes: 60, lists: 120 });
  });

  it('answers a burst of 60 sign-in starts from one address with 20 redirects and 40 × 429, writing only 20 attempts', async () => {
    const burst = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${a.baseUrl}/api/auth/login?as=staff&returnTo=/children`, { redirect: 'manual' })),
    );
    expect(statuses(burst)).toEqual({ 302: 20, 429: 40 });
    await expectTooManyRequests(burst.find((r) => r.status === 429) as Response, 60);
    const [attempts] = await queryOnce<{ n: number }>(a.db.ownerUrl, 'SELECT count(*)::int AS n FROM login_attempt');
    expect(attempts.n).toBe(20);
    // The other instance counts the same address on the same database: refused there too.
    await expectTooManyRequests(await fetch(`${b.baseUrl}/api/auth/login?as=staff`, { redirect: 'manual' }), 60);
  });

  it('shares the count between two instances on one database', async () => {
    const callback = (baseUrl: string) => fetch(`${baseUrl}/api/auth/callback?code=x&state=y`, { redirect: 'manual' });
    const first = await Promise.all(Array.from({ length: 12 }, () => callback(a.baseUrl)));
    const second = await Promise.all(Array.from({ length: 12 }, () => callback(b.baseUrl)));
    // Twenty answered in all (401: no such sign-in), the rest refused, wherever they arrived.
    expect(statuses(first)).toEqual({ 401: 12 });
    expect(statuses(second)).toEqual({ 401: 8, 429: 4 });
    await expectTooManyRequests(second.find((r) => r.status === 429) as Response, 60);
  });

  it('limits the bundled identity provider’s login the same way', async () => {
    const login = () =>
      fetch(`${a.baseUrl}/idp/staff/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ login: 'nobody' }) });
    const answers: Response[] = [];
    for (let i = 0; i < 21; i++) answers.push(await login());
    expect(statuses(answers)).toEqual({ 400: 20, 429: 1 });
    await expectTooManyRequests(answers[20], 60);
  });

  it('keeps no address or user id in the table, only HMACs', async () => {
    const rows = await queryOnce<{ key: string; hits: number }>(a.db.ownerUrl, 'SELECT key, hits FROM rate_limit_counter');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/127\.0\.0\.1|::1|signIn|ip:/);
  });

  it('never limits the health probes', async () => {
    const probes = await Promise.all(
      Array.from({ length: 150 }, (_, i) => fetch(`${i % 2 ? b.baseUrl : a.baseUrl}/api/health/${i % 3 ? 'live' : 'ready'}`)),
    );
    expect(statuses(probes)).toEqual({ 200: 150 });
  });
});

describe('rate limits per signed-in user', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { RATE_LIMIT_WRITES: '3', RATE_LIMIT_LISTS: '3' } });
  }, 60000);
  afterAll(() => t?.close());

  const as = (who: { cookie: string; csrfToken: string }, method: string, path: string, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-xsrf-token': who.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('counts a user’s list reads across the list routes, not their other reads, and not another user’s', async () => {
    const kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    const siri = await signIn(t.baseUrl, 'staff', 'Siri Nilsen');
    const lists = [];
    for (const path of ['/api/cases', '/api/concerns', '/api/children']) lists.push((await as(kari, 'GET', path)).status);
    expect(lists).toEqual([200, 200, 200]);
    await expectTooManyRequests(await as(kari, 'GET', '/api/tasks'), 60);
    // Same address, another user: her own budget. A single record is no list.
    expect((await as(siri, 'GET', '/api/cases')).status).toBe(200);
    expect((await as(kari, 'GET', '/api/me')).status).toBe(200);
    const probes = await Promise.all(Array.from({ length: 50 }, () => fetch(`${t.baseUrl}/api/health/ready`)));
    expect(statuses(probes)).toEqual({ 200: 50 });
  });

  it('counts a user’s writes, and a refused write writes nothing', async () => {
    const world = await caseWorld(t.db.ownerUrl);
    const ola = await signIn(t.baseUrl, 'staff', 'Ola Berg');
    const siri = await signIn(t.baseUrl, 'staff', 'Siri Nilsen');
    const concerns = async () => (await queryOnce<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM concern'))[0].n;
    const body = newConcernBody(world.sentrum, world.emma);
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await as(ola, 'POST', '/api/concerns', body)).status);
    expect(created).toEqual([201, 201, 201]);
    const before = await concerns();
    await expectTooManyRequests(await as(ola, 'POST', '/api/concerns', body), 60);
    expect(await concerns()).toBe(before);
    // Reads are not writes; another user writes on.
    expect((await as(ola, 'GET', '/api/me')).status).toBe(200);
    expect((await as(siri, 'POST', '/api/concerns', body)).status).toBe(201);
  });
});
