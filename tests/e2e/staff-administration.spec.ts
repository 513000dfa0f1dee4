import { daysFromToday, queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import { apiFor, caseWorld, CaseWorld, ifMatch } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Staff administration (issue 12, point 1) over HTTP on PostgreSQL: staff invited by e-mail and bound at
 * first sign-in through the bundled identity provider, and role assignments whose dates decide access on
 * the next request (SECURITY.md S19), with the audit events each change writes.
 */
describe('staff administration', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let lise: SignedIn;
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
  }, 90000);
  afterAll(() => t?.close());

  describe('staff invited by e-mail, bound at first sign-in', () => {
    it('creates a staff user without a subject; the bundled provider lists them; their first sign-in binds them once, audited', async () => {
      const email = `Per.Invitert.${tag}@Fjordvik.example`;
      const created = await api(
        lise,
        'POST',
        '/api/admin/users',
        { displayName: `Per Invitert ${tag}`, email, upn: `per.${tag}@fjordvik.onmicrosoft.example` },
        { 'idempotency-key': randomUUID() },
      );
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        displayName: `Per Invitert ${tag}`,
        kind: 'staff',
        active: true,
        email: email.toLowerCase(),
        upn: `per.${tag}@fjordvik.onmicrosoft.example`,
        signedIn: false,
        roles: [],
        version: 1,
      });
      const [before] = await queryOnce<{ subject: string | null }>(t.db.ownerUrl, `SELECT subject FROM app_user WHERE id = $1`, [
        created.body.id,
      ]);
      expect(before.subject).toBeNull();
      const role = await api(lise, 'POST', `/api/admin/users/${created.body.id}/roles`, { role: 'staff', unitId: world.sentrum });
      expect(role.body).toMatchObject({
        role: 'staff',
        unitId: world.sentrum,
        unitName: 'Sentrum barnehage',
        validFrom: daysFromToday(0),
        validTo: null,
        current: true,
      });

      const per = await signIn(t.baseUrl, 'staff', `Per Invitert ${tag}`);
      const session = await me(per);
      expect(session.user).toMatchObject({ id: created.body.id, kind: 'staff' });
      expect(session.roles).toEqual([{ role: 'staff', unitId: world.sentrum, serviceId: expect.any(String), serviceKind: 'kindergarten' }]);
      const children = await api(per, 'GET', '/api/children');
      expect(children.body.map((c: { givenName: string }) => c.givenName)).toContain('Emma');

      // Signing in again goes by issuer and subject: nothing is bound a second time.
      await signIn(t.baseUrl, 'staff', `Per Invitert ${tag}`);
      const events = (await auditOf(created.body.id)).filter((e) => e.action === 'bind_identity');
      expect(events).toEqual([{ action: 'bind_identity', record_type: 'user', actor_user_id: created.body.id, category: 'first_sign_in' }]);
      expect((await api(lise, 'GET', `/api/admin/users/${created.body.id}`)).body).toMatchObject({ signedIn: true });
    });

    it('never lets a second account with the same e-mail take over a bound user, and binds no disabled one', async () => {
      const { user, email } = await invitedStaff('Bodil Bundet', world.sentrum);
      // The bundled provider lists a bound user by their subject only, so a second account is a token made here.
      const auth = t.app.get(AuthService) as unknown as {
        findStaffUser(em: unknown, issuer: string, claims: Record<string, unknown>): Promise<{ id: string } | null>;
      };
      const manager = t.app.get(DataSource).manager;
      const other = await auth.findStaffUser(manager, 'urn:stafett:demo-staff', { sub: `another-account-${tag}`, email });
      expect(other).toBeNull();
      const [row] = await queryOnce<{ subject: string }>(t.db.ownerUrl, `SELECT subject FROM app_user WHERE id = $1`, [user.id]);
      expect(row.subject).not.toBe(`another-account-${tag}`);
      // A disabled, unbound user is not bound either.
      const off = await api(lise, 'POST', '/api/admin/users', { displayName: `Av Slått ${tag}`, email: `av.${tag}@fjordvik.example` });
      expect((await api(lise, 'PATCH', `/api/admin/users/${off.body.id}`, { active: false }, ifMatch(off))).body).toMatchObject({
        active: false,
      });
      expect(
        await auth.findStaffUser(manager, 'urn:stafett:demo-staff', { sub: `off-${tag}`, email: `av.${tag}@fjordvik.example` }),
      ).toBeNull();
    });

    it('refuses an e-mail or UPN another user of the municipality has (409), and a body without either (400 naming email)', async () => {
      const email = `dup.${tag}@fjordvik.example`;
      expect((await api(lise, 'POST', '/api/admin/users', { displayName: 'Dup En', email })).status).toBe(201);
      const again = await api(lise, 'POST', '/api/admin/users', { displayName: 'Dup To', upn: email.toUpperCase() });
      expect(again.status).toBe(409);
      const none = await api(lise, 'POST', '/api/admin/users', { displayName: 'Ingen Adresse' });
      expect(none.status).toBe(400);
      expect(none.body.errors).toEqual([{ field: 'email', messages: [expect.stringContaining('e-mail')] }]);
      const bad = await api(lise, 'POST', '/api/admin/users', { displayName: 'X', email: 'not-an-address' });
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'email']);
    });
  });

  describe('role assignments with dates (S19: on the next request)', () => {
    it('an ended role gives no access on the next request; a future-dated one not yet', async () => {
      const { user, role, session } = await invitedStaff('Rolf Rolle', world.sentrum);
      expect((await me(session)).roles).toHaveLength(1);
      const ended = await api(lise, 'POST', `/api/admin/users/${user.id}/roles/${role.id}/end`, {}, ifMatch(role.version));
      expect(ended).toMatchObject({ status: 200, body: { id: role.id, validTo: daysFromToday(-1), current: false, version: 2 } });
      expect((await me(session)).roles).toEqual([]);
      // With no role left they have no function that reads children at all.
      expect((await api(session, 'GET', '/api/children')).status).toBe(403);
      const twice = await api(lise, 'POST', `/api/admin/users/${user.id}/roles/${role.id}/end`, {}, ifMatch(2));
      expect(twice.status).toBe(409);

      const future = await api(lise, 'POST', `/api/admin/users/${user.id}/roles`, {
        role: 'staff',
        unitId: world.sentrum,
        validFrom: daysFromToday(7),
        validTo: daysFromToday(30),
      });
      expect(future.body).toMatchObject({ validFrom: daysFromToday(7), validTo: daysFromToday(30), current: false });
      expect((await me(session)).roles).toEqual([]);
      const roles = await api(lise, 'GET', `/api/admin/users/${user.id}/roles`);
      expect(roles.body.map((r: { id: string; current: boolean }) => [r.id, r.current])).toEqual([
        [future.body.id, false],
        [role.id, false],
      ]);
      expect((await auditOf(role.id)).map((e) => e.action)).toEqual(['create', 'end']);
    });

    it('a role dated from today gives access at once; one ending later holds until then', async () => {
      const { user, session } = await invitedStaff('Dina Dato', world.skole, undefined);
      const leader = await api(lise, 'POST', `/api/admin/users/${user.id}/roles`, {
        role: 'unit_leader',
        unitId: world.skole,
        validTo: daysFromToday(10),
      });
      expect(leader.status).toBe(201);
      expect((await me(session)).roles.map((r: { role: string }) => r.role).sort()).toEqual(['staff', 'unit_leader']);
      const later = await api(
        lise,
        'POST',
        `/api/admin/users/${user.id}/roles/${leader.body.id}/end`,
        { validTo: daysFromToday(3) },
        ifMatch(leader),
      );
      expect(later.body).toMatchObject({ validTo: daysFromToday(3), current: true });
      expect((await me(session)).roles.map((r: { role: string }) => r.role).sort()).toEqual(['staff', 'unit_leader']);
    });

    it('keeps the municipality’s last administrator role (409), and ends one while another administrator holds today', async () => {
      const [liseUser] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM app_user WHERE subject = 'lise.aas'`);
      const [liseRole] = await queryOnce<{ id: string; version: number }>(
        t.db.ownerUrl,
        `SELECT id, version FROM role_assignment WHERE user_id = $1 AND role = 'admin'`,
        [liseUser.id],
      );
      const last = await api(lise, 'POST', `/api/admin/users/${liseUser.id}/roles/${liseRole.id}/end`, {}, ifMatch(liseRole.version));
      expect(last.status).toBe(409);
      expect(last.body.detail).toMatch(/last administrator/);
      const { user } = await invitedStaff('Adam Admin', world.sentrum);
      const second = await api(lise, 'POST', `/api/admin/users/${user.id}/roles`, { role: 'admin' });
      // Lise still holds hers today: the second one ends.
      const ended = await api(lise, 'POST', `/api/admin/users/${user.id}/roles/${second.body.id}/end`, {}, ifMatch(second));
      expect(ended).toMatchObject({ status: 200, body: { role: 'admin', current: false } });
    });

    it('refuses roles that do not fit: a unit role without a unit, a wide role with one, a past start, an overlap, a citizen', async () => {
      const { user } = await invitedStaff('Feil Felt', world.sentrum);
      const post = (body: object) => api(lise, 'POST', `/api/admin/users/${user.id}/roles`, body);
      expect((await post({ role: 'staff' })).body.errors).toEqual([
        { field: 'unitId', messages: [expect.stringContaining('unitId is required')] },
      ]);
      expect((await post({ role: 'admin', unitId: world.sentrum })).body.errors[0].field).toBe('unitId');
      expect((await post({ role: 'privacy_officer', validFrom: daysFromToday(-1) })).body.errors[0].field).toBe('validFrom');
      expect(
        (await post({ role: 'staff', unitId: world.sentrum, validFrom: daysFromToday(2), validTo: daysFromToday(1) })).body.errors[0].field,
      ).toBe('validTo');
      expect((await post({ role: 'staff', unitId: world.sentrum, validFrom: '2026-02-30' })).status).toBe(400);
      expect((await post({ role: 'staff', unitId: world.sentrum })).status).toBe(409);
      expect((await post({ role: 'boss' })).body.errors[0].field).toBe('role');
      const [anne] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM app_user WHERE display_name = 'Anne Nordmann'`);
      expect((await api(lise, 'POST', `/api/admin/users/${anne.id}/roles`, { role: 'privacy_officer' })).body.errors[0].field).toBe('role');
    });
  });
});
