import { syntheticNationalId } from '@stafett/domain';
import { daysFromToday, queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { apiFor } from './support/cases';
import { inviteStaff, seedEmptyMunicipality } from './support/empty-municipality';
import type { EmptyMunicipality } from './support/empty-municipality';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12, point 4: a member of staff registers by hand a guardian the registers lack, on a child
 * they can see. It is unverified until a register import confirms it, and then the register's word
 * on parental responsibility wins; one the register does not list stays, unverified.
 */
const ADA = syntheticNationalId('2020-05-14', 500);
const MONA = syntheticNationalId('1988-02-02', 100);
const GRO = syntheticNationalId('1975-10-10', 140);
const HANS = syntheticNationalId('1972-11-11', 150);

const population = (withGro: boolean) =>
  [
    'child_national_id,child_given_name,child_family_name,child_birth_date,guardian_national_id,guardian_given_name,guardian_family_name,guardian_relation,guardian_parental_responsibility',
    `${ADA},Ada,Prøvesen,2020-05-14,${MONA},Mona,Prøvesen,mor,ja`,
    ...(withGro ? [`${ADA},Ada,Prøvesen,2020-05-14,${GRO},Gro,Hånd,annen_foresatt,ja`] : []),
  ].join('\r\n');

describe('guardians registered by hand (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let m: EmptyMunicipality;
  let admin: SignedIn;
  let staff: SignedIn;
  let ada: string;
  let emma: string;

  const importPopulation = (csv: string) =>
    fetch(`${t.baseUrl}/api/admin/imports/population`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-xsrf-token': admin.csrfToken, 'content-type': 'text/csv' },
      body: csv,
    }).then(async (res) => ({ status: res.status, body: await res.json() }));
  const gro = { nationalId: GRO, givenName: 'Gro', familyName: 'Hånd', relation: 'annen_foresatt', parentalResponsibility: false };

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    m = await seedEmptyMunicipality(t.db.ownerUrl);
    admin = await signIn(t.baseUrl, 'staff', 'Are Admin');
    await inviteStaff(api, admin, { displayName: 'Stine Stab (Solsiden)', email: 'stine.stab@provevik.example', unitId: m.kindergarten });
    staff = await signIn(t.baseUrl, 'staff', 'Stine Stab');
    expect((await importPopulation(population(false))).status).toBe(200);
    const enrolled = await fetch(`${t.baseUrl}/api/admin/imports/enrolments`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-xsrf-token': admin.csrfToken, 'content-type': 'text/csv' },
      body: `child_national_id,unit,group,from,to\n${ADA},974000001,Blåbær,${daysFromToday(-30)},\n`,
    });
    expect(enrolled.status).toBe(200);
    ada = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM child WHERE national_id = $1`, [ADA]))[0].id;
    emma = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`))[0].id;
  });
  afterAll(() => t?.close());

  it('staff add a guardian on a child they can see: unverified, once per Idempotency-Key', async () => {
    const key = randomUUID();
    const added = await api(staff, 'POST', `/api/children/${ada}/guardians`, gro, { 'idempotency-key': key });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: ada,
      givenName: 'Ada',
      familyName: 'Prøvesen',
      addressProtection: null,
      birthDate: '2020-05-14',
      units: [{ id: m.kindergarten, name: 'Solsiden barnehage', groupName: 'Blåbær' }],
      guardians: [
        {
          id: expect.any(String),
          displayName: 'Gro Hånd',
          relation: 'annen_foresatt',
          parentalResponsibility: false,
          verified: false,
          source: 'manual',
        },
        {
          id: expect.any(String),
          displayName: 'Mona Prøvesen',
          relation: 'mor',
          parentalResponsibility: true,
          verified: true,
          source: 'register',
        },
      ],
    });
    const retried = await api(staff, 'POST', `/api/children/${ada}/guardians`, gro, { 'idempotency-key': key });
    expect(retried).toMatchObject({ status: 201, replayed: 'true', body: added.body });
    // Without the key, the same person again is a conflict, not a second guardianship.
    expect(await api(staff, 'POST', `/api/children/${ada}/guardians`, gro)).toMatchObject({ status: 409, body: { status: 409 } });
    const [{ n }] = await queryOnce<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM guardianship WHERE child_id = $1`, [ada]);
    expect(n).toBe(2);
    // The audit names the record, never the number.
    const [event] = await queryOnce<{ action: string; recordType: string; subject: string }>(
      t.db.ownerUrl,
      `SELECT action, record_type AS "recordType", subject_child_id AS subject FROM audit_event WHERE record_type = 'guardianship'`,
    );
    expect(event).toEqual({ action: 'create', recordType: 'guardianship', subject: ada });
  });

  it('refuses a bad identity number, an unknown relation, and privileged fields, naming each', async () => {
    const bad = await api(staff, 'POST', `/api/children/${ada}/guardians`, {
      ...gro,
      nationalId: `${HANS.slice(0, 10)}${(Number(HANS[10]) + 1) % 10}`,
      relation: 'onkel',
      verified: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['nationalId', 'relation', 'verified']);
  });

  it('only on a child the caller can see: another unit or municipality 404, admin and guardians 403', async () => {
    const hans = { ...gro, nationalId: HANS, givenName: 'Hans', familyName: 'Hånd' };
    // Stine of Prøvevik cannot reach Emma of Fjordvik; Kari of Fjordvik cannot reach Ada.
    expect(await api(staff, 'POST', `/api/children/${emma}/guardians`, hans)).toMatchObject({ status: 404, body: { status: 404 } });
    const kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    expect((await api(kari, 'POST', `/api/children/${ada}/guardians`, hans)).status).toBe(404);
    expect((await api(admin, 'POST', `/api/children/${ada}/guardians`, hans)).status).toBe(403);
    const mona = await signIn(t.baseUrl, 'citizen', 'Mona Prøvesen');
    expect((await api(mona, 'POST', `/api/children/${ada}/guardians`, hans)).status).toBe(403);
  });

  it('a register import that does not list the hand-registered guardian leaves them unverified, and says so', async () => {
    const plan = await importPopulation(population(false));
    expect(plan.body).toMatchObject({
      counts: { guardianships: { created: 0, changed: 0, ended: 0, unconfirmed: 1 } },
      guardianships: { unconfirmed: [{ line: null, child: 'Ada Prøvesen', guardian: 'Gro Hånd', parentalResponsibility: false }] },
    });
    const child = await api(staff, 'GET', `/api/children/${ada}`);
    expect(child.body.guardians.find((g: { displayName: string }) => g.displayName === 'Gro Hånd')).toMatchObject({
      verified: false,
      source: 'manual',
    });
  });

  it('the register confirms them, and its parental responsibility wins over what was typed', async () => {
    const plan = await importPopulation(population(true));
    expect(plan.body.guardianships.changed).toEqual([
      {
        line: 3,
        child: 'Ada Prøvesen',
        guardian: 'Gro Hånd',
        parentalResponsibility: true,
        fields: ['verified', 'hasParentalResponsibility'],
      },
    ]);
    const child = await api(staff, 'GET', `/api/children/${ada}`);
    expect(child.body.guardians).toEqual([
      {
        id: expect.any(String),
        displayName: 'Gro Hånd',
        relation: 'annen_foresatt',
        parentalResponsibility: true,
        verified: true,
        source: 'register',
      },
      {
        id: expect.any(String),
        displayName: 'Mona Prøvesen',
        relation: 'mor',
        parentalResponsibility: true,
        verified: true,
        source: 'register',
      },
    ]);
    // Guardians see their child without the list of guardians (it is for staff).
    const mona = await signIn(t.baseUrl, 'citizen', 'Mona Prøvesen');
    const own = await api(mona, 'GET', `/api/children/${ada}`);
    expect(own.status).toBe(200);
    expect(own.body).not.toHaveProperty('guardians');
    expect((await importPopulation(population(true))).body.counts.guardianships).toEqual({
      created: 0,
      changed: 0,
      ended: 0,
      unconfirmed: 0,
    });
  });
});
