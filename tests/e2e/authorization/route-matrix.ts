/**
 * The authorization matrix: every route of the API × every persona → the status it must get.
 * 2xx/3xx allowed; 401 not signed in; 403 a function the persona may not use; 404 a record
 * outside their scope (the same answer as one that does not exist). A route missing here fails
 * the route inventory test. Grows with every issue.
 */
export const PERSONAS = {
  ownUnitStaff: { audience: 'staff', who: 'Kari Larsen' },
  unitLeader: { audience: 'staff', who: 'Ola Berg' },
  otherUnitStaff: { audience: 'staff', who: 'Nina Dahl' },
  healthNurse: { audience: 'staff', who: 'Hanne Moe' },
  childWelfare: { audience: 'staff', who: 'Jon Vik' },
  otherTenantStaff: { audience: 'staff', who: 'Nils Nabo' },
  admin: { audience: 'staff', who: 'Lise Aas' },
  privacyOfficer: { audience: 'staff', who: 'Tor Holm' },
  guardian: { audience: 'citizen', who: 'Anne Nordmann' },
  guardianWithoutResponsibility: { audience: 'citizen', who: 'Geir Hansen' },
  youth: { audience: 'citizen', who: 'Sofie Johansen' },
} as const;

export type SignedInPersona = keyof typeof PERSONAS;
export type Persona = SignedInPersona | 'anonymous';

/** Records the requests point at, found in the seeded data. */
export interface MatrixTargets {
  /** Emma: enrolled in Sentrum barnehage (Kari's and Ola's unit); Anne has parental responsibility. */
  childInOwnUnit: string;
  /** A user of the demo municipality the administrator may manage. */
  userInTenant: string;
  /** A service and a unit of the demo municipality. */
  serviceInTenant: string;
  unitInTenant: string;
}

export interface MatrixRow {
  request: (t: MatrixTargets) => { path: string; body?: unknown };
  /** Needs a session of its own (e.g. it ends the session). */
  freshSession?: boolean;
  expect: Record<Persona, number>;
}

const everyone = (status: number): Record<Persona, number> => ({
  anonymous: status,
  ownUnitStaff: status,
  unitLeader: status,
  otherUnitStaff: status,
  healthNurse: status,
  childWelfare: status,
  otherTenantStaff: status,
  admin: status,
  privacyOfficer: status,
  guardian: status,
  guardianWithoutResponsibility: status,
  youth: status,
});

const signedIn = (status: number, overrides: Partial<Record<Persona, number>> = {}): Record<Persona, number> => ({
  ...everyone(status),
  anonymous: 401,
  ...overrides,
});

export const ROUTE_MATRIX: Record<string, MatrixRow> = {
  'GET /api/health/live': { request: () => ({ path: '/api/health/live' }), expect: everyone(200) },
  'GET /api/health/ready': { request: () => ({ path: '/api/health/ready' }), expect: everyone(200) },
  'GET /api/municipalities': { request: () => ({ path: '/api/municipalities' }), expect: everyone(200) },
  'GET /api/municipalities/{code}/organisation': {
    request: () => ({ path: '/api/municipalities/9999/organisation' }),
    expect: everyone(200),
  },
  'GET /api/auth/login': { request: () => ({ path: '/api/auth/login?as=staff&returnTo=/children' }), expect: everyone(302) },
  // Without this browser's login cookie and a pending attempt, a callback is refused for everyone.
  'GET /api/auth/callback': { request: () => ({ path: '/api/auth/callback?code=forged&state=forged' }), expect: everyone(401) },
  'POST /api/auth/logout': { request: () => ({ path: '/api/auth/logout' }), freshSession: true, expect: signedIn(204) },
  'GET /api/me': { request: () => ({ path: '/api/me' }), expect: signedIn(200) },
  'GET /api/children': {
    request: () => ({ path: '/api/children' }),
    // Administrators and privacy officers read no child; a guardian without parental responsibility neither.
    expect: signedIn(200, { admin: 403, privacyOfficer: 403, guardianWithoutResponsibility: 403 }),
  },
  'GET /api/children/{id}': {
    request: (t) => ({ path: `/api/children/${t.childInOwnUnit}` }),
    expect: signedIn(404, {
      ownUnitStaff: 200,
      unitLeader: 200,
      guardian: 200,
      admin: 403,
      privacyOfficer: 403,
      guardianWithoutResponsibility: 403,
    }),
  },
  'GET /api/admin/users': { request: () => ({ path: '/api/admin/users' }), expect: signedIn(403, { admin: 200 }) },
  'PATCH /api/admin/users/{id}': {
    request: (t) => ({ path: `/api/admin/users/${t.userInTenant}`, body: { active: true } }),
    // The other municipality's administrator would get 404; ours may; nobody else has the function.
    expect: signedIn(403, { admin: 200 }),
  },
  'GET /api/admin/settings': { request: () => ({ path: '/api/admin/settings' }), expect: signedIn(403, { admin: 200 }) },
  'PATCH /api/admin/settings': {
    request: () => ({ path: '/api/admin/settings', body: { concernDecisionDays: 14 } }),
    expect: signedIn(403, { admin: 200 }),
  },
  'POST /api/admin/units': {
    request: (t) => ({ path: '/api/admin/units', body: { serviceId: t.serviceInTenant, name: 'Matrix-enhet' } }),
    expect: signedIn(403, { admin: 201 }),
  },
  'PATCH /api/admin/units/{id}': {
    request: (t) => ({ path: `/api/admin/units/${t.unitInTenant}`, body: { name: 'Sentrum barnehage' } }),
    expect: signedIn(403, { admin: 200 }),
  },
  'GET /api/audit-events': { request: () => ({ path: '/api/audit-events?limit=5' }), expect: signedIn(403, { privacyOfficer: 200 }) },
};
