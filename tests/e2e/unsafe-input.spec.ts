import { queryOnce } from '@stafett/testing';
import { connect } from 'node:net';
import { signIn, SignedIn } from './support/sign-in';
import { seedSecondMunicipality } from './support/second-municipality';
import { startTestApp, TestApp } from './support/test-app';
import { matrixTargets } from './authorization/matrix/targets';
import { ActAs, MatrixRow, MatrixTargets, Persona, PERSONAS, ROUTE_MATRIX, SignedInPersona } from './authorization/route-matrix';

/**
 * Input that can't hurt (SECURITY.md S20, S33), over EVERY route of the authorization matrix: a NUL
 * in a path parameter and in the query, and for routes that take a body a NUL, a right-to-left
 * override and JSON nested 2,000 levels deep, each as the persona who can reach the route. Each
 * answer is 400 problem+json naming the field, and nothing in the database changes. Then the
 * probes found from outside, unauthenticated.
 */

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  errors: Array<{ field: string; messages: string[] }>;
}

const NUL_MESSAGE = /must not contain NUL bytes$/;
const BIDI_MESSAGE = /must not contain bidirectional control characters/;
const DEPTH_MESSAGE = /is nested more than 32 levels deep$/;

/** The 2,000-deep value as JSON text, built without recursion. */
const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Rank of an expected status: the persona who gets furthest into the route is the one to probe with. */
const reach = (status: number) => (status < 400 ? 0 : status === 400 ? 1 : status === 404 ? 2 : status === 403 ? 3 : 4);

function reachingPersona(expect: MatrixRow['expect']): Persona {
  const entries = Object.entries(expect) as Array<[Persona, number]>;
  return entries.sort(([, a], [, b]) => reach(a) - reach(b))[0][0];
}

/** The first string in a body, by its field path, so that the probe changes a field the route really reads. */
function firstString(value: unknown): { path: Array<string | number>; field: string } | null {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.shift() as { value: unknown; path: Array<string | number> };
    if (typeof current === 'string' && path.length) {
      return { path, field: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') };
    }
    if (current && typeof current === 'object') {
      for (const [key, member] of Object.entries(current))
        stack.push({ value: member, path: [...path, Array.isArray(current) ? Number(key) : key] });
    }
  }
  return null;
}

function withText(body: unknown, path: Array<string | number>, append: string): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  node[last] = `${String(node[last])}${append}`;
  return copy;
}

describe('unsafe input on every route', () => {
  let t: TestApp;
  let targets: MatrixTargets;
  const sessions = new Map<SignedInPersona, SignedIn>();

  const send = (persona: Persona, method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const session = persona === 'anonymous' ? null : (sessions.get(persona) ?? null);
    return fetch(`${t.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(session ? { cookie: session.cookie, 'x-xsrf-token': session.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body,
    });
  };
  const actAs: ActAs = (persona, method, path, body, headers) =>
    send(persona, method, path, body ? JSON.stringify(body) : undefined, headers);

  /** Every table's content, as the schema owner sees it: equal before and after means nothing was written. */
  let tables: string[] = [];
  const fingerprint = async () => {
    const columns = tables.map(
      (name) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM "${name}" x) AS "${name}"`,
    );
    return (await queryOnce<Record<string, string>>(t.db.ownerUrl, `SELECT ${columns.join(', ')}`))[0];
  };

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    await seedSecondMunicipality(t.db.ownerUrl);
    for (const [persona, p] of Object.entries(PERSONAS))
      sessions.set(persona as SignedInPersona, await signIn(t.baseUrl, p.audience, p.who));
    targets = await matrixTargets(t.db.ownerUrl, actAs);
    tables = (
      await queryOnce<{ tablename: string }>(t.db.ownerUrl, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
    ).map((r) => r.tablename);
  }, 120000);
  afterAll(() => t?.close());

  const expectRefused = async (what: string, res: Response, field: string | RegExp, message: RegExp, status = 400) => {
    expect({ what, status: res.status, type: res.headers.get('content-type') }).toEqual({
      what,
      status,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ status, requestId: res.headers.get('x-request-id') });
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect({ what, field: problem.errors[0].field }).toEqual({
      what,
      field: typeof field === 'string' ? field : expect.stringMatching(field),
    });
    expect(problem.errors[0].messages[0]).toMatch(message);
  };

  it.each(Object.keys(ROUTE_MATRIX))('%s: 400 naming the field for a NUL, an override and deep JSON; nothing written', async (route) => {
    const row = ROUTE_MATRIX[route];
    const [method, template] = route.split(' ');
    const persona = reachingPersona(row.expect);
    if (row.freshSession && persona !== 'anonymous') {
      sessions.set(persona, await signIn(t.baseUrl, PERSONAS[persona].audience, PERSONAS[persona].who));
    }
    const prepared = row.prepareEach ? await row.prepareEach(targets, actAs) : {};
    const { path, body, headers } = row.request(targets, prepared);
    const [pathOnly, queryText] = path.split('?');
    const before = await fingerprint();
    const plainBody = body === undefined ? undefined : JSON.stringify(body);

    // A NUL in the last path parameter, named by the route's own parameter name.
    const templateParts = template.split('/');
    const parameter = templateParts
      .map((part, i) => ({ part, i }))
      .filter(({ part }) => /^\{\w+\}$/.test(part))
      .pop();
    if (parameter) {
      const segments = pathOnly.split('/');
      segments[parameter.i] = `${segments[parameter.i]}%00`;
      const res = await send(persona, method, `${segments.join('/')}${queryText ? `?${queryText}` : ''}`, plainBody, headers);
      await expectRefused(`${route} NUL in path`, res, parameter.part.slice(1, -1), NUL_MESSAGE);
    }

    // A NUL in the query: in the route's own last parameter, or in one it does not know.
    const query = new URLSearchParams(queryText ?? '');
    const key = [...query.keys()].pop() ?? 'q';
    query.set(key, `${query.get(key) ?? ''}\u0000`);
    await expectRefused(`${route} NUL in query`, await send(persona, method, `${pathOnly}?${query}`, plainBody, headers), key, NUL_MESSAGE);

    if (method !== 'GET') {
      // The route's own first text field, or a field it does not know when its body has none.
      const base = (body ?? {}) as Record<string, unknown>;
      const text = firstString(base) ?? { path: ['text'], field: 'text' };
      const probe = (append: string) => JSON.stringify(withText(firstString(base) ? base : { ...base, text: 'a' }, text.path, append));
      await expectRefused(
        `${route} NUL in body`,
        await send(persona, method, pathOnly + (queryText ? `?${queryText}` : ''), probe('\u0000'), headers),
        text.field,
        NUL_MESSAGE,
      );
      await expectRefused(
        `${route} override in body`,
        await send(persona, method, path, probe(' omvendt \u202Etdnevmo'), headers),
        text.field,
        BIDI_MESSAGE,
      );
      const deep = `{${JSON.stringify(String(text.path[0]))}:${deepJson(2000)}}`;
      await expectRefused(
        `${route} deep JSON`,
        await send(persona, method, path, deep, headers),
        new RegExp(`^${String(text.path[0])}(\\[0\\]){31}$`),
        DEPTH_MESSAGE,
      );
      const long = JSON.stringify({ ...base, items: Array(1001).fill(0) });
      await expectRefused(
        `${route} long array`,
        await send(persona, method, path, long, headers),
        'items',
        /must not have more than 1000 items$/,
        413,
      );
    }

    expect(await fingerprint()).toEqual(before);
  });

  describe('from outside, without signing in', () => {
    const count = async (table: string) => (await queryOnce<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

    it('refuses a NUL in the sign-in start’s returnTo with 400 naming returnTo, and stores no login attempt', async () => {
      const attempts = await count('login_attempt');
      const res = await fetch(`${t.baseUrl}/api/auth/login?returnTo=%2Fe%00`, { redirect: 'manual' });
      await expectRefused('login', res, 'returnTo', NUL_MESSAGE);
      const res2 = await fetch(`${t.baseUrl}/api/auth/login?as=staff&returnTo=%2Fe%00`, { redirect: 'manual' });
      await expectRefused('login as staff', res2, 'returnTo', NUL_MESSAGE);
      expect(await count('login_attempt')).toBe(attempts);
    });

    it('refuses a NUL in the callback’s state with 400 naming state, and records nothing', async () => {
      const events = await count('audit_event');
      await expectRefused(
        'callback',
        await fetch(`${t.baseUrl}/api/auth/callback?state=%00`, { redirect: 'manual' }),
        'state',
        NUL_MESSAGE,
      );
      await expectRefused(
        'callback with code',
        await fetch(`${t.baseUrl}/api/auth/callback?code=x&state=%E2%80%AE`, { redirect: 'manual' }),
        'state',
        BIDI_MESSAGE,
      );
      expect(await count('audit_event')).toBe(events);
    });

    it('covers the bundled identity provider’s query and login form', async () => {
      await expectRefused('idp page', await fetch(`${t.baseUrl}/idp/staff/authorize?state=%00`), 'state', NUL_MESSAGE);
      const form = await fetch(`${t.baseUrl}/idp/staff/authorize`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ login: 'kari.larsen\u0000', state: 's' }),
      });
      await expectRefused('idp login', form, 'login', NUL_MESSAGE);
    });

    it('refuses a NUL in a cookie, naming the cookie', async () => {
      const res = await fetch(`${t.baseUrl}/api/me`, { headers: { cookie: '__Host-stafett-session=abc%00' } });
      await expectRefused('cookie', res, '__Host-stafett-session', NUL_MESSAGE);
    });

    it('answers a NUL in a header (refused by Node’s parser) with 400 problem+json naming the header', async () => {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
        socket.write('GET /api/me HTTP/1.1\r\nHost: localhost\r\nX-Probe: a\u0000b\r\n\r\n');
      });
      const [head, body] = raw.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(head).toMatch(/Content-Type: application\/problem\+json/);
      expect(JSON.parse(body)).toMatchObject({
        status: 400,
        requestId: expect.any(String),
        errors: [{ field: 'X-Probe', messages: ['X-Probe must not contain NUL bytes'] }],
      });
    });

    it('refuses deep JSON before the session is even looked at', async () => {
      const res = await fetch(`${t.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: deepJson(2000),
      });
      await expectRefused('deep', res, /^(\[0\]){32}$/, DEPTH_MESSAGE);
    });
  });

  describe('ordinary text stays allowed', () => {
    it('stores an Arabic name and the harmless direction marks in a log entry, and refuses the override that reversed "omvendt"', async () => {
      const path = `/api/cases/${targets.levelTwoCase}/log-entries`;
      const refused = await actAs('ownUnitStaff', 'POST', path, { text: 'Samtale: omvendt \u202Etdnevmo' });
      await expectRefused('override', refused, 'text', BIDI_MESSAGE);
      const text = 'Samtale med محمد عبد الله\u200F og Åse\u200E (tolk: שרה)\u061C';
      const stored = await actAs('ownUnitStaff', 'POST', path, { text, shareHealthInformation: true });
      expect(stored.status).toBe(200);
      const [row] = await queryOnce<{ text: string }>(t.db.ownerUrl, `SELECT text FROM case_log_entry WHERE case_id = $1 AND text = $2`, [
        targets.levelTwoCase,
        text,
      ]);
      expect(row?.text).toBe(text);
    });
  });
});
