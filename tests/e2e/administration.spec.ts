import { daysFromToday, queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import { newConcernBody } from './authorization/matrix/concerns.matrix';
import { apiFor, caseWorld, CaseWorld, ifMatch } from './support/cases';
import { seedSecondMunicipality } from './support/second-municipality';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Organisation administration (issue 12, point 1) over HTTP on PostgreSQL: services and units, closing a
 * unit, the settings' validation, another municipality's administrator, and the audit events each change
 * writes. Staff and their roles: staff-administration.spec.ts.
 */
describe('administration', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let lise: SignedIn;
  let kari: SignedIn;
  let municipalityId: string;
  const tag = randomUUID().slice(0, 8);

  const auditOf = (recordId: string) =>
    queryOnce<{ action: string; record_type: string; actor_user_id: string | null; category: string | null }>(
      t.db.ownerUrl,
      `SELECT action, record_type, actor_user_id, category FROM audit_event WHERE record_id = $1 ORDER BY seq`,
      [recordId],
    );
  const me = async (who: SignedIn) => (await api(who, 'GET', '/api/me')).body;

  /** A staff user invited by the administrator, with a unit role from `validFrom`, signed in once (which binds them). */
  async function invitedStaff(name: string, unitId: string, validFrom?: string) {
    const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${tag}@fjordvik.example`;
    const created = await api(lise, 'POST', '/api/admin/users', { displayName: `${name} ${tag}`, email });
    expect(created.status).toBe(201);
    const role = await api(lise, 'POST', `/api/admin/users/${created.body.id}/roles`, {
      role: 'staff',
      unitId,
      ...(validFrom ? { validFrom } : {}),
    });
    expect(role.status).toBe(201);
    return { user: created.body, role: role.body, email, session: await signIn(t.baseUrl, 'staff', `${name} ${tag}`) };
  }

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    lise = await signIn(t.baseUrl, 'staff', 'Lise Aas');
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    [{ id: municipalityId }] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM municipality WHERE code = '9999'`);
  }, 90000);
  afterAll(() => t?.close());

  describe('services and units', () => {
    it('creates a service with the regime its kind defaults to, once per Idempotency-Key, and lists it with its units', async () => {
      const key = { 'idempotency-key': randomUUID() };
      const created = await api(lise, 'POST', '/api/admin/services', { kind: 'bup', name: `BUP Fjordvik ${tag}` }, key);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        kind: 'bup',
        name: `BUP Fjordvik ${tag}`,
        regime: 'health',
        version: 1,
        units: [],
      });
      expect(created.etag).toBe('"1"');
      const again = await api(lise, 'POST', '/api/admin/services', { kind: 'bup', name: `BUP Fjordvik ${tag}` }, key);
      expect(again).toMatchObject({ status: 201, replayed: 'true', body: created.body });
      const unit = await api(lise, 'POST', '/api/admin/units', { serviceId: created.body.id, name: `  BUP poliklinikk ${tag} ` });
      expect(unit.status).toBe(201);
      expect(unit.body).toEqual({
        id: expect.any(String),
        serviceId: created.body.id,
        name: `BUP poliklinikk ${tag}`,
        code: null,
        closedOn: null,
        version: 1,
      });
      const list = await api(lise, 'GET', '/api/admin/services');
      expect(list.status).toBe(200);
      const mine = list.body.filter((s: { name: string }) => s.name === `BUP Fjordvik ${tag}`);
      expect(mine).toEqual([{ ...created.body, units: [unit.body] }]);
      expect(list.body.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['Barnehagetjenesten', 'PPT']));
      expect((await auditOf(created.body.id)).map((e) => e.action)).toEqual(['create']);
    });

    it('takes a regime the administrator names, refuses an unknown kind with a field error', async () => {
      const named = await api(lise, 'POST', '/api/admin/services', { kind: 'family_team', name: `Familieteam ${tag}`, regime: 'health' });
      expect(named.body).toMatchObject({ kind: 'family_team', regime: 'health' });
      const bad = await api(lise, 'POST', '/api/admin/services', { kind: 'zoo', name: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.type).toContain('application/problem+json');
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'name']);
    });

    it('renames a service and changes its regime while nothing was written under it, with If-Match', async () => {
      const created = await api(lise, 'POST', '/api/admin/services', { kind: 'nav', name: `NAV ${tag}` });
      expect((await api(lise, 'PATCH', `/api/admin/services/${created.body.id}`, { name: 'x y' })).status).toBe(428);
      const renamed = await api(
        lise,
        'PATCH',
        `/api/admin/services/${created.body.id}`,
        { name: `NAV Fjordvik ${tag}`, regime: 'administrative' },
        ifMatch(created),
      );
      expect(renamed).toMatchObject({
        status: 200,
        etag: '"2"',
        body: { name: `NAV Fjordvik ${tag}`, regime: 'administrative', version: 2 },
      });
      const stale = await api(lise, 'PATCH', `/api/admin/services/${created.body.id}`, { name: 'NAV igjen' }, ifMatch(created));
      expect(stale.status).toBe(412);
      expect((await auditOf(created.body.id)).map((e) => [e.action, e.category])).toEqual([
        ['create', 'administration'],
        ['update', 'regime'],
      ]);
    });

    it('gives a unit the code the enrolment files name it by: unique in the municipality, changed or cleared with If-Match', async () => {
      const service = (await api(lise, 'POST', '/api/admin/services', { kind: 'school', name: `Skoler ${tag}` })).body;
      const code = `9740${tag
        .replace(/[^0-9]/g, '')
        .padEnd(5, '7')
        .slice(0, 5)}`;
      const created = await api(lise, 'POST', '/api/admin/units', { serviceId: service.id, name: `Vestli skole ${tag}`, code });
      expect(created).toMatchObject({ status: 201, body: { name: `Vestli skole ${tag}`, code, closedOn: null, version: 1 } });
      expect((await api(lise, 'GET', `/api/admin/units/${created.body.id}`)).body.code).toBe(code);
      const listed = (await api(lise, 'GET', `/api/admin/services/${service.id}`)).body;
      expect(listed.units).toEqual([expect.objectContaining({ id: created.body.id, code })]);

      // A second unit with the same code: the enrolment import could not tell them apart.
      const twin = await api(lise, 'POST', '/api/admin/units', { serviceId: service.id, name: `Østli skole ${tag}`, code });
      expect(twin).toMatchObject({ status: 409, body: { detail: expect.stringContaining('code') } });
      const badCode = await api(lise, 'POST', '/api/admin/units', { serviceId: service.id, name: `Østli skole ${tag}`, code: 'a b/c' });
      expect(badCode.status).toBe(400);
      expect(badCode.body.errors).toEqual([{ field: 'code', messages: [expect.stringContaining('code must be')] }]);

      const other = await api(lise, 'POST', '/api/admin/units', { serviceId: service.id, name: `Østli skole ${tag}` });
      expect(other.body.code).toBeNull();
      const clash = await api(lise, 'PATCH', `/api/admin/units/${other.body.id}`, { code }, ifMatch(other));
      expect(clash.status).toBe(409);
      const empty = await api(lise, 'PATCH', `/api/admin/units/${other.body.id}`, {}, ifMatch(other));
      expect(empty.status).toBe(400);
      // The code alone changes; the name stays.
      const recoded = await api(lise, 'PATCH', `/api/admin/units/${created.body.id}`, { code: `${code}B` }, ifMatch(created));
      expect(recoded).toMatchObject({ status: 200, etag: '"2"', body: { name: `Vestli skole ${tag}`, code: `${code}B`, version: 2 } });
      const cleared = await api(lise, 'PATCH', `/api/admin/units/${created.body.id}`, { code: null }, ifMatch(recoded));
      expect(cleared).toMatchObject({ status: 200, body: { name: `Vestli skole ${tag}`, code: null, version: 3 } });
      // Freed, the first code can be given to the other unit.
      expect((await api(lise, 'PATCH', `/api/admin/units/${other.body.id}`, { code }, ifMatch(other))).body.code).toBe(code);
      expect((await auditOf(created.body.id)).map((e) => e.action)).toEqual(['create', 'update', 'update']);
    });

    it('refuses to change the regime of a service whose units hold concerns (what was written under it stays as it was)', async () => {
      expect((await api(kari, 'POST', '/api/concerns', newConcernBody(world.sentrum, world.emma))).status).toBe(201);
      const [{ id: kindergarten }] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT service_id AS id FROM unit WHERE id = $1`, [
        world.sentrum,
      ]);
      const read = await api(lise, 'GET', `/api/admin/services/${kindergarten}`);
      const refused = await api(lise, 'PATCH', `/api/admin/services/${kindergarten}`, { regime: 'health' }, ifMatch(read));
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/regime/);
      expect((await api(lise, 'GET', `/api/admin/services/${kindergarten}`)).body).toMatchObject({
        regime: 'administrative',
        version: read.body.version,
      });
      // Renaming it is fine.
      const renamed = await api(
        lise,
        'PATCH',
        `/api/admin/services/${kindergarten}`,
        { name: read.body.name, regime: 'administrative' },
        ifMatch(read),
      );
      expect(renamed.status).toBe(200);
    });
  });

  describe('closing a unit', () => {
    it('ends its roles, takes no new roles, concerns or enrolments, and stays readable', async () => {
      const service = (await api(lise, 'POST', '/api/admin/services', { kind: 'kindergarten', name: `Barnehager ${tag}` })).body;
      const unit = (await api(lise, 'POST', '/api/admin/units', { serviceId: service.id, name: `Lukket barnehage ${tag}` })).body;
      const { user, role, session } = await invitedStaff('Lukas Lukket', unit.id);
      expect((await me(session)).roles).toHaveLength(1);
      expect((await api(lise, 'POST', `/api/admin/units/${unit.id}/close`)).status).toBe(428);
      const closed = await api(lise, 'POST', `/api/admin/units/${unit.id}/close`, undefined, ifMatch(unit.version));
      expect(closed).toMatchObject({ status: 200, etag: '"2"', body: { id: unit.id, closedOn: daysFromToday(0), version: 2 } });
      expect((await me(session)).roles).toEqual([]);
      expect((await api(lise, 'GET', `/api/admin/users/${user.id}`)).body.roles).toEqual([
        expect.objectContaining({ id: role.id, validTo: daysFromToday(-1), current: false }),
      ]);
      const again = await api(lise, 'POST', `/api/admin/units/${unit.id}/close`, undefined, ifMatch(2));
      expect(again.status).toBe(409);
      const newRole = await api(lise, 'POST', `/api/admin/users/${user.id}/roles`, { role: 'staff', unitId: unit.id });
      expect(newRole.body.errors).toEqual([{ field: 'unitId', messages: ['The unit is closed'] }]);
      // Whatever path writes (here the schema owner, past row-level security), the database refuses a concern or an enrolment.
      await expect(
        queryOnce(
          t.db.ownerUrl,
          `INSERT INTO enrolment (municipality_id, child_id, unit_id, valid_from) VALUES ($1, $2, $3, current_date)`,
          [municipalityId, world.emma, unit.id],
        ),
      ).rejects.toThrow(/is closed/);
      await expect(
        queryOnce(
          t.db.ownerUrl,
          `INSERT INTO concern (municipality_id, unit_id, child_id, author_user_id, arose_on, observed_by, description, categories)
           SELECT municipality_id, $2, $3, $4, current_date, 'x', 'x', '{}' FROM unit WHERE id = $2 AND municipality_id = $1`,
          [municipalityId, unit.id, world.emma, user.id],
        ),
      ).rejects.toThrow(/is closed/);
      expect((await api(lise, 'GET', `/api/admin/units/${unit.id}`)).body).toMatchObject({
        name: `Lukket barnehage ${tag}`,
        closedOn: daysFromToday(0),
      });
      const events = await queryOnce<{ action: string; record_type: string; category: string }>(
        t.db.ownerUrl,
        `SELECT action, record_type, category FROM audit_event WHERE record_id = ANY($1::text[]) AND action IN ('close', 'end') ORDER BY seq`,
        [[unit.id, role.id]],
      );
      expect(events).toEqual([
        { action: 'close', record_type: 'unit', category: 'administration' },
        { action: 'end', record_type: 'role_assignment', category: 'unit_closed' },
      ]);
    });
  });

  describe('settings', () => {
    const patch = async (body: object) => {
      const read = await api(lise, 'GET', '/api/admin/settings');
      return api(lise, 'PATCH', '/api/admin/settings', body, ifMatch(read));
    };

    it('refuses values outside a sensible range with problem+json naming each field', async () => {
      const bad = await patch({
        youthConsentAge: 13,
        consentDefaultMonths: 0,
        concernDecisionDays: 61,
        consentReminderDays: [7, 7],
        guardiansSignForYouth: 'yes',
      });
      expect(bad.status).toBe(400);
      expect(bad.type).toContain('application/problem+json');
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'concernDecisionDays',
        'consentDefaultMonths',
        'consentReminderDays',
        'guardiansSignForYouth',
        'youthConsentAge',
      ]);
      expect((await patch({})).body.errors).toEqual([{ field: 'body', messages: ['Send at least one setting'] }]);
      expect((await patch({ surprise: 1 })).status).toBe(400);
      const together = await patch({ consentDefaultMonths: 1, consentReminderDays: [30, 7] });
      expect(together.body.errors).toEqual([{ field: 'consentReminderDays', messages: [expect.stringContaining('28 days')] }]);
      expect((await api(lise, 'GET', '/api/admin/settings')).body).toMatchObject({ consentDefaultMonths: 12, youthConsentAge: 16 });
    });

    it('changes only the fields sent, audited', async () => {
      const changed = await patch({ youthConsentAge: 15, consentReminderDays: [14, 1] });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({
        concernDecisionDays: 14,
        youthConsentAge: 15,
        guardiansSignForYouth: false,
        consentDefaultMonths: 12,
        consentReminderDays: [14, 1],
      });
      const events = (await auditOf(municipalityId)).filter((e) => e.record_type === 'municipality_settings');
      expect(events.at(-1)).toMatchObject({ action: 'update' });
      await patch({ youthConsentAge: 16, consentReminderDays: [30, 7, 1] });
    });
  });

  describe('another municipality’s administrator', () => {
    it('finds none of our services, units, users or roles (404), and our administrator none of theirs', async () => {
      const other = await seedSecondMunicipality(t.db.ownerUrl);
      const [m] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT municipality_id AS id FROM app_user WHERE id = $1`, [
        other.userId,
      ]);
      // Nora Nabo is Nabodal's administrator (seedSecondMunicipality).
      const nora = await signIn(t.baseUrl, 'staff', 'Nora Nabo');
      const [kariUser] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM app_user WHERE subject = 'kari.larsen'`);
      const [kariRole] = await queryOnce<{ id: string; version: number }>(
        t.db.ownerUrl,
        `SELECT id, version FROM role_assignment WHERE user_id = $1`,
        [kariUser.id],
      );
      const any = { 'if-match': '"1"' };
      const answers = await Promise.all([
        api(nora, 'GET', `/api/admin/services/${world.healthService}`),
        api(nora, 'PATCH', `/api/admin/services/${world.healthService}`, { name: 'Ikke din' }, any),
        api(nora, 'GET', `/api/admin/units/${world.sentrum}`),
        api(nora, 'POST', `/api/admin/units/${world.sentrum}/close`, undefined, any),
        api(nora, 'GET', `/api/admin/users/${kariUser.id}`),
        api(nora, 'GET', `/api/admin/users/${kariUser.id}/roles`),
        api(nora, 'POST', `/api/admin/users/${kariUser.id}/roles`, { role: 'privacy_officer' }),
        api(nora, 'POST', `/api/admin/users/${kariUser.id}/roles/${kariRole.id}/end`, {}, any),
        api(nora, 'POST', `/api/admin/users/${other.userId}/roles`, { role: 'staff', unitId: world.sentrum }),
      ]);
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 400]);
      expect(answers[8].body.errors[0]).toMatchObject({ field: 'unitId' });
      const list = await api(nora, 'GET', '/api/admin/services');
      expect(list.body.map((s: { name: string }) => s.name)).toEqual(['Skole']);
      expect((await api(lise, 'GET', `/api/admin/users/${other.userId}`)).status).toBe(404);

      // The same address invited in both municipalities: a first sign-in cannot tell which is meant, and binds neither.
      const twin = `twin.${tag}@fjordvik.example`;
      expect((await api(lise, 'POST', '/api/admin/users', { displayName: `Tvilling ${tag}`, email: twin })).status).toBe(201);
      await queryOnce(
        t.db.ownerUrl,
        `INSERT INTO app_user (municipality_id, kind, display_name, email) VALUES ($1, 'staff', 'Tvilling Nabo', $2)`,
        [m.id, twin],
      );
      const auth = t.app.get(AuthService) as unknown as {
        findStaffUser(em: unknown, issuer: string, claims: Record<string, unknown>): Promise<{ id: string } | null>;
      };
      expect(
        await auth.findStaffUser(t.app.get(DataSource).manager, 'urn:stafett:demo-staff', { sub: `twin-${tag}`, email: twin }),
      ).toBeNull();
      expect(await queryOnce(t.db.ownerUrl, `SELECT 1 FROM app_user WHERE email = $1 AND subject IS NOT NULL`, [twin])).toEqual([]);
      expect((await api(kari, 'GET', '/api/me')).body.roles).toHaveLength(1);
    });
  });
});
