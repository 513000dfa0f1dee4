import { ADDRESS_PROTECTIONS, sharesAddressProtection } from '@stafett/domain';
import type { AddressProtection } from '@stafett/domain';
import { instantDaysFromNow, queryOnce } from '@stafett/testing';
import { Client } from 'pg';
import { addLogNote, apiFor, CaseWorld, caseWorld, openLevel2Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Address protection (SECURITY.md S32): Emma's address is strengt fortrolig. Anne shares the
 * protection (the register marks her the same); Erik does not. Nothing Erik reads may tell where
 * Emma is — no unit, group or staff name — while Anne and the staff read the case as before, and
 * staff see the marking.
 */
describe('address protection', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let hanne: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;
  let kase: { id: string };
  let consentId: string;
  /** Every unit, group and staff name of the municipality: none may reach Erik. */
  let whereabouts: string[];

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    [kari, hanne, anne, erik] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'staff', 'Hanne Moe'),
      await signIn(t.baseUrl, 'citizen', 'Anne Nordmann'),
      await signIn(t.baseUrl, 'citizen', 'Erik Nordmann'),
    ];
    kase = await openLevel2Case(api, kari, world, [anne, erik]);
    await addLogNote(api, kari, kase.id, 'Emma har hatt en fin uke.');
    await api(kari, 'POST', `/api/cases/${kase.id}/meetings`, {
      meetingAt: instantDaysFromNow(-1, 10),
      agenda: 'Status',
      otherAttendees: 'Assistent Bente på avdelingen',
    });
    expect((await api(hanne, 'GET', `/api/cases/${kase.id}`)).status).toBe(200);
    consentId = ((await api(kari, 'GET', `/api/cases/${kase.id}/consents`)).body as Array<{ id: string }>)[0].id;

    await queryOnce(t.db.ownerUrl, `UPDATE child SET address_protection = 'strengt_fortrolig' WHERE id = $1`, [world.emma]);
    await queryOnce(t.db.ownerUrl, `UPDATE app_user SET address_protection = 'strengt_fortrolig' WHERE display_name = 'Anne Nordmann'`);
    const names = await queryOnce<{ name: string }>(
      t.db.ownerUrl,
      `SELECT name FROM unit UNION SELECT group_name FROM enrolment WHERE group_name IS NOT NULL
       UNION SELECT display_name FROM app_user WHERE kind = 'staff'`,
    );
    // A staff user's display name carries their title in brackets; the name alone must not leak either.
    whereabouts = names.flatMap((n) => [n.name, n.name.replace(/ \(.*\)$/, '')]).concat('Bente');
  }, 90000);
  afterAll(() => t?.close());

  /** Everything a family member reads about Emma's case. */
  async function familyReads(who: SignedIn): Promise<Record<string, unknown>> {
    const reads: Record<string, unknown> = {};
    for (const path of [
      '/api/cases',
      `/api/cases/${kase.id}`,
      `/api/cases/${kase.id}/consents`,
      `/api/consents/${consentId}`,
      `/api/cases/${kase.id}/access-log`,
      '/api/children',
      `/api/children/${world.emma}`,
    ]) {
      const answer = await api(who, 'GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      reads[path] = answer.body;
    }
    return reads;
  }

  const leaked = (reads: Record<string, unknown>) => {
    const text = JSON.stringify(reads);
    return whereabouts.filter((name) => text.includes(name));
  };

  it('tells a guardian who does not share the protection no unit, group or staff name', async () => {
    const reads = await familyReads(erik);
    expect(leaked(reads)).toEqual([]);
    const page = reads[`/api/cases/${kase.id}`] as Record<string, any>;
    expect(page.whereaboutsHidden).toBe(true);
    expect(page.coordinator).toMatchObject({ displayName: null, unitName: null });
    expect(page.ownerUnit.unitName).toBeNull();
    expect(page.participants.length).toBeGreaterThan(1);
    expect(page.participants.every((p: { unitName: unknown; staff: unknown[] }) => p.unitName === null && p.staff.length === 0)).toBe(true);
    // The services themselves stay visible: a consent is given to services, and Erik must know which.
    expect(page.participants.map((p: { serviceName: string }) => p.serviceName)).toContain('Helsestasjon og skolehelsetjeneste');
    expect(page.log.find((e: { text: string }) => e.text === 'Emma har hatt en fin uke.').author.displayName).toBeNull();
    expect(page.meetings[0].otherAttendees).toBeNull();
    expect(page.child.addressProtection).toBeNull();
    const list = (reads['/api/cases'] as Array<Record<string, any>>).find((c) => c.id === kase.id);
    expect(list).toMatchObject({ whereaboutsHidden: true, participantUnitNames: [], coordinator: { displayName: null, unitName: null } });
    const log = reads[`/api/cases/${kase.id}/access-log`] as Array<Record<string, unknown>>;
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((e) => e.actor === null && e.unitName === null)).toBe(true);
    expect((reads[`/api/children/${world.emma}`] as { units: unknown[] }).units).toEqual([]);
    expect((reads[`/api/consents/${consentId}`] as { createdBy: { displayName: unknown } }).createdBy.displayName).toBeNull();
  });

  it('shows the guardian who shares the protection the case as before', async () => {
    const reads = await familyReads(anne);
    expect(leaked(reads)).toEqual(expect.arrayContaining(['Sentrum barnehage', 'Kari Larsen', 'Blåklokka', 'Bente']));
    const page = reads[`/api/cases/${kase.id}`] as Record<string, any>;
    expect(page.whereaboutsHidden).toBe(false);
    expect(page.coordinator).toMatchObject({ displayName: 'Kari Larsen (pedagogisk leder)', unitName: 'Sentrum barnehage' });
    expect((reads[`/api/children/${world.emma}`] as { units: Array<{ name: string; groupName: string }> }).units).toEqual([
      expect.objectContaining({ name: 'Sentrum barnehage', groupName: 'Blåklokka' }),
    ]);
  });

  it('marks the protection for staff, who read the case in full', async () => {
    const page = (await api(kari, 'GET', `/api/cases/${kase.id}`)).body;
    expect(page.child.addressProtection).toBe('strengt_fortrolig');
    expect(page.whereaboutsHidden).toBe(false);
    expect(page.coordinator.unitName).toBe('Sentrum barnehage');
    expect((await api(kari, 'GET', `/api/children/${world.emma}`)).body).toMatchObject({
      addressProtection: 'strengt_fortrolig',
      units: [expect.objectContaining({ name: 'Sentrum barnehage' })],
    });
    expect((await api(hanne, 'GET', `/api/cases/${kase.id}`)).body.child.addressProtection).toBe('strengt_fortrolig');
  });

  it('hides nothing once the child’s protection is lifted', async () => {
    await queryOnce(t.db.ownerUrl, `UPDATE child SET address_protection = NULL WHERE id = $1`, [world.emma]);
    try {
      const page = (await api(erik, 'GET', `/api/cases/${kase.id}`)).body;
      expect(page.whereaboutsHidden).toBe(false);
      expect(page.coordinator.unitName).toBe('Sentrum barnehage');
    } finally {
      await queryOnce(t.db.ownerUrl, `UPDATE child SET address_protection = 'strengt_fortrolig' WHERE id = $1`, [world.emma]);
    }
  });

  it('decides in the database exactly as the domain rule does, for every pair of markings', async () => {
    const [erikRow] = await queryOnce<{ id: string; municipality_id: string }>(
      t.db.ownerUrl,
      `SELECT id, municipality_id FROM app_user WHERE display_name = 'Erik Nordmann'`,
    );
    const markings: Array<AddressProtection | null> = [null, ...ADDRESS_PROTECTIONS];
    const client = new Client({ connectionString: t.db.ownerUrl });
    await client.connect();
    try {
      const answers: string[] = [];
      const expected: string[] = [];
      for (const child of markings) {
        for (const guardian of markings) {
          await client.query('BEGIN');
          await client.query(`UPDATE child SET address_protection = $2 WHERE id = $1`, [world.emma, child]);
          await client.query(`UPDATE app_user SET address_protection = $2 WHERE id = $1`, [erikRow.id, guardian]);
          await client.query(`SELECT set_config('stafett.user_id', $1, true)`, [erikRow.id]);
          const { rows } = await client.query(`SELECT stafett_whereabouts_hidden($1, $2) AS hidden`, [erikRow.municipality_id, world.emma]);
          await client.query('ROLLBACK');
          answers.push(`${child}/${guardian}: ${rows[0].hidden}`);
          expected.push(`${child}/${guardian}: ${!sharesAddressProtection(child, guardian)}`);
        }
      }
      expect(answers).toEqual(expected);
      expect(answers.filter((a) => a.endsWith('true')).length).toBe(3);
    } finally {
      await client.end();
    }
  });
});
