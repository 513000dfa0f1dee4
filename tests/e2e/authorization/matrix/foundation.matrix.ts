import type { BodyCheck, Persona } from './personas';
import { everyone, MatrixRow, PERSONAS, seenBy, signedIn } from './personas';
import { keysOf, opened } from './seen';
import { ifMatch, versionNow } from './versions';

const ALL: Persona[] = Object.keys(everyone(0)) as Persona[];

const USER_KEYS = 'active,displayName,email,id,kind,roles,signedIn,upn,version';

/** The demo settings both municipalities share (Nabodal's are a copy), but for the youth consent age. */
const SETTINGS = { concernDecisionDays: 14, guardiansSignForYouth: false, consentDefaultMonths: 12, consentReminderDays: [30, 7, 1] };

/** The public organisation overview: services and units of the one municipality asked for, never a person. */
const organisationSeen: BodyCheck = (body) => {
  expect(body.municipality).toMatchObject({ code: '9999', name: 'Fjordvik kommune' });
  expect(body.services.map(keysOf)).toEqual(body.services.map(() => ['id', 'kind', 'name', 'regime', 'units']));
  expect(body.services.flatMap((s: { units: Array<{ name: string }> }) => s.units.map((u) => u.name))).toContain('Sentrum barnehage');
  const text = JSON.stringify(body);
  for (const outside of ['Nabodal skole', 'Kari Larsen', 'Emma']) expect(text).not.toContain(outside);
};

/** Each persona's own session: their user, their family role, nothing of anyone else. */
const meSeen: BodyCheck = (body, { persona, t }) => {
  const p = PERSONAS[persona as keyof typeof PERSONAS];
  expect(keysOf(body)).toEqual(['csrfToken', 'roles', 'rules', 'user']);
  expect(keysOf(body.user)).toEqual(['displayName', 'familyRole', 'id', 'kind', 'municipalityId']);
  expect(body.user.id).toBe(t.users[persona as keyof typeof PERSONAS]);
  expect(body.user.displayName).toContain(p.who);
  expect(body.user.kind).toBe(p.audience);
  // Geir is Lucas's guardian, without parental responsibility: a guardian still, with no case rules.
  const familyRoles: Record<string, string> = { guardian: 'guardian', guardianWithoutResponsibility: 'guardian', youth: 'youth' };
  expect(body.user.familyRole).toBe(familyRoles[persona] ?? null);
};

/** The children a persona reads, with the units they attend now: exactly the rules' set, each as its own page shows it. */
const childrenSeen =
  (names: string[]): BodyCheck =>
  async (body, seen) => {
    expect(body.map((c: { givenName: string }) => c.givenName).sort()).toEqual(names);
    const staff = PERSONAS[seen.persona as keyof typeof PERSONAS]?.audience === 'staff';
    for (const child of body) {
      // Staff see the child's guardians (and whether a register confirmed them); the family does not get the list.
      expect(keysOf(child)).toEqual([
        'addressProtection',
        'birthDate',
        'familyName',
        'givenName',
        ...(staff ? ['guardians'] : []),
        'id',
        'units',
      ]);
      expect(await opened(seen, `/api/children/${child.id}`)).toEqual(child);
    }
  };

const emmaSeen: BodyCheck = (body, { t, persona }) => {
  const guardian = (displayName: string) => ({
    id: expect.any(String),
    displayName,
    relation: null,
    parentalResponsibility: true,
    verified: true,
    source: 'register',
  });
  expect(body).toEqual({
    id: t.childInOwnUnit,
    givenName: 'Emma',
    familyName: 'Nordmann',
    birthDate: expect.any(String),
    units: [{ id: t.ownUnit, name: 'Sentrum barnehage', groupName: 'Blåklokka' }],
    addressProtection: null,
    // Staff see her guardians from the register (and any the matrix registered by hand); her mother does not get the list.
    ...(persona === 'guardian' ? {} : { guardians: expect.arrayContaining([guardian('Anne Nordmann'), guardian('Erik Nordmann')]) }),
  });
};

/** What the privacy officer reads of the audit trail: who, when, role, basis, outcome — never content. */
const auditSeen: BodyCheck = (body) => {
  expect(body.length).toBeGreaterThan(20);
  const fields = ['action', 'actorDisplayName', 'actorRole', 'basis', 'category', 'id', 'occurredAt', 'outcome', 'recordId', 'recordType'];
  expect([...new Set(body.map((e: object) => keysOf(e).join()))]).toEqual([fields.join()]);
  const text = JSON.stringify(body);
  // Texts the matrix writes into concerns, reports and the case: none may reach the access log.
  for (const content of ['Virker sliten', 'vold hjemme', 'Samtale med mor', 'interne vurdering', 'Emma'])
    expect(text).not.toContain(content);
};

export const FOUNDATION_ROUTES: Record<string, MatrixRow> = {
  'GET /api/health/live': {
    request: () => ({ path: '/api/health/live' }),
    expect: everyone(200),
    see: seenBy(ALL, (body) => expect(body).toEqual({ status: 'ok' })),
  },
  'GET /api/health/ready': {
    request: () => ({ path: '/api/health/ready' }),
    expect: everyone(200),
    // Ready, and nothing of how: no connection string, user or password of the database.
    see: seenBy(ALL, (body) => {
      expect(body).toMatchObject({ status: 'ok' });
      expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|password|stafett_app/i);
    }),
  },
  'GET /api/municipalities': {
    request: () => ({ path: '/api/municipalities' }),
    expect: everyone(200),
    // Public: code and name, no settings.
    see: seenBy(ALL, (body) => {
      expect(body).toEqual(expect.arrayContaining([{ id: expect.any(String), code: '9999', name: 'Fjordvik kommune' }]));
      expect([...new Set(body.map((m: object) => keysOf(m).join()))]).toEqual(['code,id,name']);
    }),
  },
  'GET /api/municipalities/{code}/organisation': {
    request: () => ({ path: '/api/municipalities/9999/organisation' }),
    expect: everyone(200),
    see: seenBy(ALL, organisationSeen),
  },
  'GET /api/auth/login': { request: () => ({ path: '/api/auth/login?as=staff&returnTo=/children' }), expect: everyone(302) },
  // Without this browser's login cookie and a pending attempt, a callback is refused for everyone.
  'GET /api/auth/callback': { request: () => ({ path: '/api/auth/callback?code=forged&state=forged' }), expect: everyone(401) },
  'POST /api/auth/logout': {
    request: () => ({ path: '/api/auth/logout' }),
    freshSession: true,
    expect: signedIn(200, { otherTenantAdmin: 200 }),
    // Where the browser goes next: the bundled provider's end-session endpoint, back to the application.
    see: seenBy(Object.keys(PERSONAS) as Persona[], (body, { persona }) => {
      const url = new URL(body.endSessionUrl);
      const audience = PERSONAS[persona as keyof typeof PERSONAS].audience;
      expect(url.pathname).toBe(`/idp/${audience}/endsession`);
      expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${url.origin}/sign-in`);
      expect(url.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }),
  },
  'GET /api/me/municipalities': {
    request: () => ({ path: '/api/me/municipalities' }),
    expect: signedIn(200, { otherTenantAdmin: 200 }),
    // Staff sign in to one municipality and list none; each citizen persona is a citizen of Fjordvik only.
    see: seenBy(Object.keys(PERSONAS) as Persona[], (body, { persona, t }) => {
      const p = PERSONAS[persona as keyof typeof PERSONAS];
      if (p.audience === 'staff') return expect(body).toEqual([]);
      expect(body).toEqual([
        {
          userId: t.users[persona as keyof typeof PERSONAS],
          municipalityId: expect.any(String),
          municipalityName: 'Fjordvik kommune',
          current: true,
        },
      ]);
    }),
  },
  'GET /api/family/overview': {
    request: () => ({ path: '/api/family/overview' }),
    // Geir (no parental responsibility) reads no case, but is a citizen of Fjordvik all the same.
    expect: signedIn(403, { guardian: 200, guardianWithoutResponsibility: 200, youth: 200 }),
    see: seenBy(['guardian', 'guardianWithoutResponsibility', 'youth'], async (body, { persona, t, read }) => {
      expect(body).toHaveLength(1);
      expect(body[0]).toMatchObject({
        userId: t.users[persona as keyof typeof PERSONAS],
        municipalityName: 'Fjordvik kommune',
        current: true,
      });
      expect(body[0].familyRole).toBe(persona === 'youth' ? 'youth' : 'guardian');
      // The same cases as the municipality's own list shows them.
      const own = await read('/api/cases');
      const ids = (list: Array<{ id: string }>) => list.map((c) => c.id).sort();
      expect(ids(body[0].cases)).toEqual(own.status === 200 ? ids(own.body) : []);
      if (persona === 'guardian') expect(ids(body[0].cases)).toContain(t.levelTwoCase);
    }),
  },
  // Switching to a user who is someone else (Erik, another guardian): not theirs for citizens, not a staff function.
  'POST /api/me/municipality': {
    request: (t) => ({ path: '/api/me/municipality', body: { userId: t.otherGuardianUser } }),
    expect: signedIn(403, { guardian: 404, guardianWithoutResponsibility: 404, youth: 404 }),
  },
  'GET /api/me': {
    request: () => ({ path: '/api/me' }),
    expect: signedIn(200, { otherTenantAdmin: 200 }),
    see: seenBy(Object.keys(PERSONAS) as Persona[], meSeen),
  },
  'GET /api/children': {
    request: () => ({ path: '/api/children' }),
    // Administrators and privacy officers read no child; a guardian without parental responsibility neither.
    expect: signedIn(200, { admin: 403, privacyOfficer: 403, guardianWithoutResponsibility: 403 }),
    see: {
      ownUnitStaff: childrenSeen(['Emma']),
      unitColleague: childrenSeen(['Emma']),
      unitLeader: childrenSeen(['Emma']),
      otherUnitStaff: childrenSeen(['Lucas', 'Sofie']),
      // The health nurse and child welfare read a child only through a case or a report, not the register.
      healthNurse: childrenSeen([]),
      childWelfare: childrenSeen([]),
      otherTenantStaff: childrenSeen(['Ida']),
      guardian: childrenSeen(['Emma']),
      youth: childrenSeen(['Sofie']),
    },
  },
  'GET /api/children/{id}': {
    request: (t) => ({ path: `/api/children/${t.childInOwnUnit}` }),
    expect: signedIn(404, {
      ownUnitStaff: 200,
      // Siri works in Sentrum barnehage too: the child's basic facts are hers to see.
      unitColleague: 200,
      unitLeader: 200,
      guardian: 200,
      admin: 403,
      privacyOfficer: 403,
      guardianWithoutResponsibility: 403,
    }),
    see: seenBy(['ownUnitStaff', 'unitColleague', 'unitLeader', 'guardian'], emmaSeen),
  },
  'GET /api/admin/users': {
    request: () => ({ path: '/api/admin/users' }),
    expect: signedIn(403, { admin: 200, otherTenantAdmin: 200 }),
    // The municipality's users only, without identity numbers or case content.
    see: {
      admin: (body) => {
        const names = body.map((u: { displayName: string }) => u.displayName);
        expect(names).toEqual(expect.arrayContaining([expect.stringContaining('Kari Larsen'), 'Anne Nordmann']));
        expect(names.filter((n: string) => n.includes('Nabo'))).toEqual([]);
        expect([...new Set(body.map((u: object) => keysOf(u).join()))]).toEqual([USER_KEYS]);
      },
      // Nabodal's administrator lists Nabodal's teacher and herself, and not one of Fjordvik's users.
      otherTenantAdmin: (body, { t }) => {
        const names = body.map((u: { displayName: string }) => u.displayName);
        expect(names).toEqual(expect.arrayContaining([expect.stringContaining('Nils Nabo'), expect.stringContaining('Nora Nabo')]));
        expect(names.filter((n: string) => !n.includes('Nabo'))).toEqual([]);
        const ids = body.map((u: { id: string }) => u.id);
        expect(ids).toContain(t.users.otherTenantStaff);
        const fjordvik = (Object.entries(t.users) as Array<[string, string]>).filter(
          ([p]) => !['otherTenantStaff', 'otherTenantAdmin'].includes(p),
        );
        expect(ids.filter((id: string) => fjordvik.some(([, u]) => u === id) || id === t.userInTenant)).toEqual([]);
        expect([...new Set(body.map((u: object) => keysOf(u).join()))]).toEqual([USER_KEYS]);
      },
    },
  },
  'PATCH /api/admin/users/{id}': {
    // The user's version as the administrator lists it now (each change the row makes is a new one).
    prepareEach: async (t, as) => {
      const users = (await (await as('admin', 'GET', '/api/admin/users')).json()) as Array<{ id: string; version: number }>;
      return { version: `"${users.find((u) => u.id === t.userInTenant)?.version}"` };
    },
    request: (t, p) => ({ path: `/api/admin/users/${t.userInTenant}`, body: { active: true }, headers: ifMatch(p['version']) }),
    // The other municipality's administrator would get 404; ours may; nobody else has the function.
    expect: signedIn(403, { admin: 200 }),
  },
  'GET /api/admin/settings': {
    request: () => ({ path: '/api/admin/settings' }),
    expect: signedIn(403, { admin: 200, otherTenantAdmin: 200 }),
    // Each administrator her own municipality's settings: Nabodal's youth consent age is 15, Fjordvik's 16.
    see: {
      admin: (body) => expect(body).toEqual({ ...SETTINGS, youthConsentAge: 16 }),
      otherTenantAdmin: (body) => expect(body).toEqual({ ...SETTINGS, youthConsentAge: 15 }),
    },
  },
  'PATCH /api/admin/settings': {
    // Each administrator changes her own municipality's settings, with the version she reads of them.
    prepareEach: async (_t, as, persona) => ({
      version: await versionNow(as, persona === 'otherTenantAdmin' ? 'otherTenantAdmin' : 'admin', '/api/admin/settings'),
    }),
    request: (_t, p) => ({ path: '/api/admin/settings', body: { concernDecisionDays: 14 }, headers: ifMatch(p['version']) }),
    expect: signedIn(403, { admin: 200, otherTenantAdmin: 200 }),
    see: {
      admin: (body) => expect(body).toEqual({ ...SETTINGS, youthConsentAge: 16 }),
      otherTenantAdmin: (body) => expect(body).toEqual({ ...SETTINGS, youthConsentAge: 15 }),
    },
  },
  'POST /api/admin/units': {
    request: (t) => ({ path: '/api/admin/units', body: { serviceId: t.serviceInTenant, name: 'Matrix-enhet' } }),
    expect: signedIn(403, { admin: 201 }),
  },
  'GET /api/admin/units/{id}': {
    request: (t) => ({ path: `/api/admin/units/${t.unitInTenant}` }),
    expect: signedIn(403, { admin: 200 }),
    // A unit of the organisation (public facts) and its version, for a rename's If-Match.
    see: {
      admin: (body, { t }) => {
        expect(body).toEqual({
          id: t.unitInTenant,
          serviceId: expect.any(String),
          name: expect.any(String),
          code: null,
          closedOn: null,
          version: expect.any(Number),
        });
      },
    },
  },
  'PATCH /api/admin/units/{id}': {
    prepareEach: async (t, as) => ({ version: await versionNow(as, 'admin', `/api/admin/units/${t.unitInTenant}`) }),
    request: (t, p) => ({
      path: `/api/admin/units/${t.unitInTenant}`,
      body: { name: 'Sentrum barnehage' },
      headers: ifMatch(p['version']),
    }),
    expect: signedIn(403, { admin: 200 }),
  },
  'GET /api/audit-events': {
    request: () => ({ path: '/api/audit-events?limit=500' }),
    expect: signedIn(403, { privacyOfficer: 200 }),
    see: { privacyOfficer: auditSeen },
  },
};
