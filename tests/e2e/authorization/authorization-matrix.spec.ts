import { RequestMethod } from '@nestjs/common';
import { elevenDigitRuns } from '../support/identity-numbers';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { abilityFromPackedRules } from '@stafett/domain';
import { queryOnce, superuserUrl } from '@stafett/testing';
import { DataSource } from 'typeorm';
import { verifyAuditTrail } from '../../../apps/api/src/audit/audit-verifier';
import { dataSourceOptions } from '../../../apps/api/src/database/data-source-options';
import { signIn, SignedIn } from '../support/sign-in';
import { seedSecondMunicipality } from '../support/second-municipality';
import { startTestApp, TEST_AUDIT_KEY, TestApp } from '../support/test-app';
import { matrixTargets } from './matrix/targets';
import { ActAs, Answer, MatrixTargets, Persona, PERSONAS, ROUTE_MATRIX, SignedInPersona } from './route-matrix';

/** Every route Nest serves, as "METHOD /api/path/{param}", found from the controllers themselves. */
function nestRoutes(t: TestApp): string[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const full = `/api/${[base, String(path)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
      routes.push(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes.sort();
}

describe('authorization', () => {
  let t: TestApp;
  let targets: MatrixTargets;
  const sessions = new Map<SignedInPersona, SignedIn>();

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    await seedSecondMunicipality(t.db.ownerUrl);
    for (const [persona, p] of Object.entries(PERSONAS))
      sessions.set(persona as SignedInPersona, await signIn(t.baseUrl, p.audience, p.who));
    targets = await matrixTargets(t.db.ownerUrl, actAs);
  }, 120000);
  afterAll(() => t?.close());

  const actAs: ActAs = (persona, method, path, body, headers) => call(persona, method, path, body, false, headers);

  async function call(
    persona: Persona,
    method: string,
    path: string,
    body: unknown,
    fresh: boolean,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    let session = persona === 'anonymous' ? null : (sessions.get(persona) ?? null);
    if (fresh && persona !== 'anonymous') session = await signIn(t.baseUrl, PERSONAS[persona].audience, PERSONAS[persona].who);
    return fetch(`${t.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(session ? { cookie: session.cookie, 'x-xsrf-token': session.csrfToken } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  describe('route inventory', () => {
    it('lists every Nest route in the OpenAPI document and in the authorization matrix', async () => {
      const routes = nestRoutes(t);
      const doc = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(routes.length).toBeGreaterThan(10);
      expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
      expect(routes.filter((r) => !(r in ROUTE_MATRIX))).toEqual([]);
      expect(Object.keys(ROUTE_MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    });
  });

  describe('matrix over HTTP on PostgreSQL', () => {
    const cases = Object.entries(ROUTE_MATRIX).flatMap(([route, row]) =>
      (Object.entries(row.expect) as Array<[Persona, number]>).map(([persona, status]) => ({ route, row, persona, status })),
    );
    it.each(cases.map((c) => [c.route, c.persona, c.status, c] as const))('%s as %s → %i', async (route, persona, status, c) => {
      const [method] = c.route.split(' ');
      const prepared = c.row.prepareEach ? await c.row.prepareEach(targets, actAs, persona) : {};
      const { path, body, headers } = c.row.request(targets, prepared, persona);
      const res = await call(persona, method, path, body, c.row.freshSession ?? false, headers);
      expect(res.status).toBe(status);
      if (status < 200 || status >= 300) return;
      // Then what the persona would see: no identity number in any answer, and the row's body check.
      const text = await res.text();
      expect(elevenDigitRuns(text)).toEqual([]);
      const answer = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      const check = c.row.see?.[persona];
      // An answer that is a whole case is content: it never goes unchecked.
      if (answer && typeof answer === 'object' && 'levelHistory' in answer && 'permissions' in answer)
        expect({ route, persona, bodyCheck: check !== undefined }).toEqual({ route, persona, bodyCheck: true });
      await check?.(answer, { persona, t: targets, prepared, read: (readPath) => read(persona, readPath) });
    });

    it('has a body check for every persona a read route answers 2xx', () => {
      const unchecked = Object.entries(ROUTE_MATRIX)
        .filter(([route]) => route.startsWith('GET '))
        .flatMap(([route, row]) =>
          (Object.entries(row.expect) as Array<[Persona, number]>)
            .filter(([persona, status]) => status >= 200 && status < 300 && !row.see?.[persona])
            .map(([persona]) => `${route} as ${persona}`),
        );
      expect(unchecked).toEqual([]);
    });
  });

  /** A GET as a persona, its body parsed (for body checks that open what a list names). */
  async function read(persona: Persona, path: string): Promise<{ status: number; body: Answer }> {
    const res = await call(persona, 'GET', path, undefined, false);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  describe('scope in lists', () => {
    const names = async (persona: SignedInPersona) => {
      const res = await call(persona, 'GET', '/api/children', undefined, false);
      return ((await res.json()) as Array<{ givenName: string }>).map((c) => c.givenName).sort();
    };

    it('shows each persona exactly the children the rules allow, never another municipality’s', async () => {
      expect(await names('ownUnitStaff')).toEqual(['Emma']);
      expect(await names('otherUnitStaff')).toEqual(['Lucas', 'Sofie']);
      expect(await names('otherTenantStaff')).toEqual(['Ida']);
      expect(await names('healthNurse')).toEqual([]);
      expect(await names('guardian')).toEqual(['Emma']);
      expect(await names('youth')).toEqual(['Sofie']);
    });

    it('answers an out-of-scope child exactly like one that does not exist', async () => {
      const outOfScope = await call('otherUnitStaff', 'GET', `/api/children/${targets.childInOwnUnit}`, undefined, false);
      const missing = await call('otherUnitStaff', 'GET', '/api/children/00000000-0000-4000-8000-000000000000', undefined, false);
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      expect(outOfScope.status).toBe(404);
      expect(strip((await outOfScope.json()) as Record<string, unknown>)).toEqual(strip((await missing.json()) as Record<string, unknown>));
    });

    it('never sends identity numbers', async () => {
      const res = await call('guardian', 'GET', '/api/children', undefined, false);
      expect(elevenDigitRuns(await res.text())).toEqual([]);
    });

    it('lets the administrator manage only users of their own municipality', async () => {
      const [nils] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM app_user WHERE subject = 'nils.nabo'`);
      // Whatever version is named: another municipality's user is not there to compare it with.
      const res = await call('admin', 'PATCH', `/api/admin/users/${nils.id}`, { active: false }, false, { 'if-match': '"1"' });
      expect(res.status).toBe(404);
      const [still] = await queryOnce<{ active: boolean }>(t.db.ownerUrl, `SELECT active FROM app_user WHERE id = $1`, [nils.id]);
      expect(still.active).toBe(true);
    });
  });

  describe('administration', () => {
    it('changes only the settings sent, and refuses bad values with the field named', async () => {
      const read = await call('admin', 'GET', '/api/admin/settings', undefined, false);
      const asRead = { 'if-match': read.headers.get('etag') as string };
      const res = await call('admin', 'PATCH', '/api/admin/settings', { youthConsentAge: 15 }, false, asRead);
      expect(await res.json()).toMatchObject({ youthConsentAge: 15, concernDecisionDays: 14, consentDefaultMonths: 12 });
      const changed = { 'if-match': res.headers.get('etag') as string };
      const bad = await call('admin', 'PATCH', '/api/admin/settings', { youthConsentAge: 14, municipalityId: 'x' }, false, changed);
      expect(bad.status).toBe(400);
      const problem = (await bad.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field).sort()).toEqual(['municipalityId', 'youthConsentAge']);
      // The version read before the change is stale now.
      expect((await call('admin', 'PATCH', '/api/admin/settings', { youthConsentAge: 16 }, false, asRead)).status).toBe(412);
      expect((await call('admin', 'PATCH', '/api/admin/settings', { youthConsentAge: 16 }, false, changed)).status).toBe(200);
    });

    it('will not create a unit under another municipality’s service', async () => {
      const [service] = await queryOnce<{ id: string }>(
        t.db.ownerUrl,
        `SELECT s.id FROM service s JOIN municipality m ON m.id = s.municipality_id WHERE m.code = '9998'`,
      );
      const res = await call('admin', 'POST', '/api/admin/units', { serviceId: service.id, name: 'Innbrudd' }, false);
      expect(res.status).toBe(404);
      expect(await queryOnce(t.db.ownerUrl, `SELECT 1 FROM unit WHERE name = 'Innbrudd'`)).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('refuses a state-changing request without the CSRF token', async () => {
      const s = await signIn(t.baseUrl, 'staff', 'Lise Aas');
      const res = await fetch(`${t.baseUrl}/api/admin/users/${targets.userInTenant}`, {
        method: 'PATCH',
        headers: { cookie: s.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ active: true }),
      });
      expect(res.status).toBe(403);
    });

    it('sets the session cookie as __Host-, Secure, HttpOnly, SameSite=Lax', async () => {
      const login = await fetch(`${t.baseUrl}/api/auth/login?as=staff`, { redirect: 'manual' });
      expect(login.headers.getSetCookie()[0]).toMatch(/^__Host-stafett-login=[^;]+;.*Path=\/;.*HttpOnly;.*Secure;.*SameSite=Lax/);
    });

    it('makes a disabled user and a removed role count on the very next request', async () => {
      const nina = await signIn(t.baseUrl, 'staff', 'Nina Dahl');
      const me = () => fetch(`${t.baseUrl}/api/children`, { headers: { cookie: nina.cookie } });
      expect((await me()).status).toBe(200);
      await queryOnce(t.db.ownerUrl, `DELETE FROM role_assignment WHERE user_id = (SELECT id FROM app_user WHERE subject = 'nina.dahl')`);
      expect((await me()).status).toBe(403);
      await queryOnce(t.db.ownerUrl, `UPDATE app_user SET active = false WHERE subject = 'nina.dahl'`);
      expect((await me()).status).toBe(401);
    });

    it('ends the session on the server at logout: the old cookie no longer works', async () => {
      const s = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
      expect((await fetch(`${t.baseUrl}/api/me`, { headers: { cookie: s.cookie } })).status).toBe(200);
      const out = await fetch(`${t.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-xsrf-token': s.csrfToken },
      });
      expect(out.status).toBe(200);
      expect(await out.json()).toEqual({ endSessionUrl: expect.stringContaining(`${t.baseUrl}/idp/staff/endsession?`) });
      expect((await fetch(`${t.baseUrl}/api/me`, { headers: { cookie: s.cookie } })).status).toBe(401);
    });

    it('gives the client the same rules the server applies', async () => {
      const s = await signIn(t.baseUrl, 'staff', 'Tor Holm');
      const me = (await (await fetch(`${t.baseUrl}/api/me`, { headers: { cookie: s.cookie } })).json()) as {
        user: { displayName: string };
        rules: unknown[];
      };
      const ability = abilityFromPackedRules(me.rules);
      expect(me.user.displayName).toContain('Tor Holm');
      expect(ability.can('read', 'AuditEvent')).toBe(true);
      expect(ability.can('read', 'Child')).toBe(false);
    });
  });

  describe('audit of sign-in and refusals', () => {
    it('answers 503 with no data when the audit event of a read cannot be written', async () => {
      const kari = sessions.get('ownUnitStaff') as SignedIn;
      // Only a superuser can take the grant away: audit_event is sealed, owned by a role nobody logs in as.
      await queryOnce(superuserUrl(t.db.name), 'REVOKE INSERT ON audit_event FROM stafett_app');
      try {
        const res = await fetch(`${t.baseUrl}/api/children/${targets.childInOwnUnit}`, { headers: { cookie: kari.cookie } });
        expect(res.status).toBe(503);
        const body = await res.text();
        expect(body).not.toContain('Emma');
        expect(JSON.parse(body)).toMatchObject({ status: 503, detail: 'The service is temporarily unavailable' });
      } finally {
        await queryOnce(superuserUrl(t.db.name), 'GRANT INSERT ON audit_event TO stafett_app');
      }
      expect((await fetch(`${t.baseUrl}/api/children/${targets.childInOwnUnit}`, { headers: { cookie: kari.cookie } })).status).toBe(200);
    });

    it('records login success and failure, and authorization failures, in the chain', async () => {
      await fetch(`${t.baseUrl}/api/auth/callback?code=x&state=y`);
      const kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
      await fetch(`${t.baseUrl}/api/admin/users`, { headers: { cookie: kari.cookie } });
      const rows = await queryOnce<{ action: string; outcome: string }>(t.db.ownerUrl, `SELECT action, outcome FROM audit_event`);
      expect(rows).toEqual(
        expect.arrayContaining([
          { action: 'login', outcome: 'success' },
          { action: 'login', outcome: 'failure' },
          { action: 'access_denied', outcome: 'denied' },
          { action: 'read', outcome: 'success' },
        ]),
      );
      const ds = await new DataSource(dataSourceOptions(t.db.appUrl)).initialize();
      try {
        expect((await verifyAuditTrail(ds, TEST_AUDIT_KEY)).firstBreak).toBeNull();
      } finally {
        await ds.destroy();
      }
    });
  });
});
