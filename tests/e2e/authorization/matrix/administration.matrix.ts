import { randomUUID } from 'node:crypto';
import type { ActAs, BodyCheck, MatrixRow, MatrixTargets } from './personas';
import { signedIn } from './personas';
import { keysOf } from './seen';
import { etagOf, ifMatch } from './versions';

/**
 * Organisation and staff administration (issue 12): only the municipality's administrator has the function
 * (403 for everyone else); another municipality's administrator finds nothing of ours (404, derived by
 * deriveExpect in personas.ts for every row pointing at a Fjordvik record), and is answered about her own
 * municipality on the lists and creates (named here). Each change works on records made for it, so no row
 * changes what another persona's row sees. No answer here carries case content.
 */
const adminOnly = (status: number, others: { otherTenantAdmin?: number } = {}) => signedIn(403, { admin: status, ...others });

const SERVICE_FIELDS = ['id', 'kind', 'name', 'regime', 'units', 'version'];
const UNIT_FIELDS = ['closedOn', 'code', 'id', 'name', 'serviceId', 'version'];
const ROLE_FIELDS = ['current', 'id', 'role', 'unitId', 'unitName', 'validFrom', 'validTo', 'version'];
const USER_FIELDS = ['active', 'displayName', 'email', 'id', 'kind', 'roles', 'signedIn', 'upn', 'version'];

/** Texts the matrix writes into concerns, reports and the case: an administrator's answer never holds them. */
const noCaseContent: BodyCheck = (body) => {
  const text = JSON.stringify(body);
  for (const content of ['Virker sliten', 'vold hjemme', 'Samtale med mor', 'interne vurdering', 'Emma', 'Nabodal'])
    expect(text).not.toContain(content);
};

/** Nabodal's services as its administrator lists them: its school, and nothing of Fjordvik's organisation. */
const nabodalServicesSeen: BodyCheck = (body, { t }) => {
  expect(body.map((s: object) => keysOf(s).join())).toEqual(body.map(() => SERVICE_FIELDS.join()));
  expect(body).toContainEqual(
    expect.objectContaining({ kind: 'school', name: 'Skole', units: [expect.objectContaining({ name: 'Nabodal skole' })] }),
  );
  const ids = body.flatMap((s: { id: string; units: Array<{ id: string }> }) => [s.id, ...s.units.map((u) => u.id)]);
  const fjordvik = [t.serviceInTenant, t.unitInTenant, t.healthService, t.healthUnit, t.pptService, t.pptUnit];
  expect(ids.filter((id: string) => fjordvik.includes(id))).toEqual([]);
  const text = JSON.stringify(body);
  for (const ours of ['Sentrum barnehage', 'Fjordvik', 'Emma', 'Virker sliten']) expect(text).not.toContain(ours);
};

const servicesSeen: BodyCheck = (body, seen) => {
  noCaseContent(body, seen);
  expect(body.map((s: object) => keysOf(s).join())).toEqual(body.map(() => SERVICE_FIELDS.join()));
  const units = body.flatMap((s: { units: object[] }) => s.units);
  expect([...new Set(units.map((u: object) => keysOf(u).join()))]).toEqual([UNIT_FIELDS.join()]);
  expect(units.map((u: { id: string }) => u.id)).toContain(seen.t.unitInTenant);
};

/** A staff user made for the row by the administrator, with a staff role in a unit of their own (no other row counts them). */
async function freshStaff(t: MatrixTargets, as: ActAs): Promise<Record<string, string>> {
  const tag = randomUUID().slice(0, 8);
  const { unitId } = await freshUnit(t, as);
  const user = await as('admin', 'POST', '/api/admin/users', {
    displayName: `Matrise Ansatt ${tag}`,
    email: `matrise.${tag}@fjordvik.example`,
  });
  if (user.status !== 201) throw new Error(`create user: ${user.status}`);
  const { id, version } = (await user.json()) as { id: string; version: number };
  const role = await as('admin', 'POST', `/api/admin/users/${id}/roles`, { role: 'staff', unitId });
  if (role.status !== 201) throw new Error(`add role: ${role.status}`);
  const r = (await role.json()) as { id: string; version: number };
  return { userId: id, userVersion: `"${version}"`, roleId: r.id, roleVersion: `"${r.version}"` };
}

async function freshService(as: ActAs): Promise<Record<string, string>> {
  const res = await as('admin', 'POST', '/api/admin/services', {
    kind: 'culture_leisure',
    name: `Matrise kultur ${randomUUID().slice(0, 8)}`,
  });
  if (res.status !== 201) throw new Error(`create service: ${res.status}`);
  return { serviceId: ((await res.json()) as { id: string }).id, version: etagOf(res) };
}

async function freshUnit(t: MatrixTargets, as: ActAs): Promise<Record<string, string>> {
  const res = await as('admin', 'POST', '/api/admin/units', {
    serviceId: t.serviceInTenant,
    name: `Matrise-enhet ${randomUUID().slice(0, 8)}`,
  });
  if (res.status !== 201) throw new Error(`create unit: ${res.status}`);
  return { unitId: ((await res.json()) as { id: string }).id, version: etagOf(res) };
}

export const ADMINISTRATION_ROUTES: Record<string, MatrixRow> = {
  'GET /api/admin/services': {
    request: () => ({ path: '/api/admin/services' }),
    expect: adminOnly(200, { otherTenantAdmin: 200 }),
    see: { admin: servicesSeen, otherTenantAdmin: nabodalServicesSeen },
  },
  'POST /api/admin/services': {
    request: () => ({ path: '/api/admin/services', body: { kind: 'culture_leisure', name: 'Matrise kultur' } }),
    // Nabodal's administrator creates one in Nabodal: it is then in her list and not in ours.
    expect: adminOnly(201, { otherTenantAdmin: 201 }),
    see: {
      admin: (body) => expect(body).toMatchObject({ kind: 'culture_leisure', regime: 'administrative', units: [], version: 1 }),
      otherTenantAdmin: async (body, { read }) => {
        expect(body).toMatchObject({ kind: 'culture_leisure', regime: 'administrative', units: [], version: 1 });
        expect((await read('/api/admin/services')).body.map((s: { id: string }) => s.id)).toContain(body.id);
        expect((await read(`/api/admin/services/${body.id}`)).status).toBe(200);
      },
    },
  },
  'GET /api/admin/services/{id}': {
    request: (t) => ({ path: `/api/admin/services/${t.serviceInTenant}` }),
    expect: adminOnly(200),
    see: {
      admin: (body, seen) => {
        noCaseContent(body, seen);
        expect(keysOf(body)).toEqual(SERVICE_FIELDS);
        expect(body).toMatchObject({ id: seen.t.serviceInTenant, kind: 'kindergarten', regime: 'administrative' });
      },
    },
  },
  'PATCH /api/admin/services/{id}': {
    prepareEach: (_t, as) => freshService(as),
    request: (_t, p) => ({
      path: `/api/admin/services/${p['serviceId']}`,
      body: { name: 'Matrise kultur, nytt navn' },
      headers: ifMatch(p['version']),
    }),
    expect: adminOnly(200),
    see: { admin: (body) => expect(body).toMatchObject({ name: 'Matrise kultur, nytt navn', version: 2 }) },
  },
  'POST /api/admin/units/{id}/close': {
    prepareEach: freshUnit,
    request: (_t, p) => ({ path: `/api/admin/units/${p['unitId']}/close`, headers: ifMatch(p['version']) }),
    expect: adminOnly(200),
    see: {
      admin: (body, { prepared }) =>
        expect(body).toMatchObject({ id: prepared['unitId'], closedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }),
    },
  },
  'POST /api/admin/users': {
    request: () => ({
      path: '/api/admin/users',
      body: { displayName: 'Matrise Invitert', email: `matrise.${randomUUID().slice(0, 8)}@fjordvik.example` },
    }),
    expect: adminOnly(201, { otherTenantAdmin: 201 }),
    see: {
      admin: (body) => {
        expect(keysOf(body)).toEqual(USER_FIELDS);
        expect(body).toMatchObject({ kind: 'staff', active: true, signedIn: false, roles: [], upn: null });
      },
      // Nabodal's administrator invites into Nabodal: the user is in her list.
      otherTenantAdmin: async (body, { read }) => {
        expect(keysOf(body)).toEqual(USER_FIELDS);
        expect(body).toMatchObject({ kind: 'staff', active: true, signedIn: false, roles: [], upn: null });
        expect((await read('/api/admin/users')).body.map((u: { id: string }) => u.id)).toContain(body.id);
      },
    },
  },
  'GET /api/admin/users/{id}': {
    request: (t) => ({ path: `/api/admin/users/${t.users.ownUnitStaff}` }),
    expect: adminOnly(200),
    see: {
      admin: (body, seen) => {
        noCaseContent(body, seen);
        expect(keysOf(body)).toEqual(USER_FIELDS);
        expect(body).toMatchObject({ id: seen.t.users.ownUnitStaff, displayName: expect.stringContaining('Kari Larsen'), signedIn: true });
        expect(body.roles.map((r: object) => keysOf(r).join())).toEqual([ROLE_FIELDS.join()]);
        expect(body.roles[0]).toMatchObject({ role: 'staff', unitId: seen.t.ownUnit, current: true });
      },
    },
  },
  'GET /api/admin/users/{id}/roles': {
    request: (t) => ({ path: `/api/admin/users/${t.users.unitLeader}/roles` }),
    expect: adminOnly(200),
    see: {
      admin: (body, { t }) => {
        expect(body.map((r: object) => keysOf(r).join())).toEqual(body.map(() => ROLE_FIELDS.join()));
        expect(body.map((r: { role: string; unitId: string }) => [r.role, r.unitId])).toContainEqual(['unit_leader', t.ownUnit]);
      },
    },
  },
  'POST /api/admin/users/{id}/roles': {
    prepareEach: freshStaff,
    request: (_t, p) => ({ path: `/api/admin/users/${p['userId']}/roles`, body: { role: 'privacy_officer' } }),
    expect: adminOnly(201),
    see: { admin: (body) => expect(body).toMatchObject({ role: 'privacy_officer', unitId: null, validTo: null, current: true }) },
  },
  'POST /api/admin/users/{id}/roles/{roleId}/end': {
    prepareEach: freshStaff,
    request: (_t, p) => ({
      path: `/api/admin/users/${p['userId']}/roles/${p['roleId']}/end`,
      body: {},
      headers: ifMatch(p['roleVersion']),
    }),
    expect: adminOnly(200),
    see: { admin: (body, { prepared }) => expect(body).toMatchObject({ id: prepared['roleId'], current: false, version: 2 }) },
  },
};
