import { everyone, MatrixRow, signedIn } from './personas';

export const FOUNDATION_ROUTES: Record<string, MatrixRow> = {
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
      // Siri works in Sentrum barnehage too: the child's basic facts are hers to see.
      unitColleague: 200,
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
