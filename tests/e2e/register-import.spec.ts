import { syntheticNationalId } from '@stafett/domain';
import { daysFromToday, queryOnce } from '@stafett/testing';
import { apiFor, ifMatch } from './support/cases';
import { inviteStaff, seedEmptyMunicipality } from './support/empty-municipality';
import type { EmptyMunicipality } from './support/empty-municipality';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12, point 2 — "Done means": a register file and an enrolment file into an empty
 * municipality, through HTTP on real PostgreSQL: the dry run tells what the import will do and
 * writes nothing, the import does it, the same files again change nothing, one bad line changes
 * nothing and is named; then the people it brought in work: a member of staff registers a
 * concern, opens a case and asks for consent, and both imported guardians sign it.
 */
const ADA = syntheticNationalId('2020-05-14', 500);
const BO = syntheticNationalId('2017-09-09', 510);
const MONA = syntheticNationalId('1988-02-02', 100);
const FRANK = syntheticNationalId('1987-03-03', 110);
const TOR = syntheticNationalId('1980-04-04', 120);

const HEADER =
  'child_national_id;child_given_name;child_family_name;child_birth_date;child_address_protection;' +
  'guardian_national_id;guardian_given_name;guardian_family_name;guardian_relation;guardian_parental_responsibility;guardian_address_protection';

/** The population extract: Ada with two responsible parents, Bo with Mona and with Tor (no responsibility). */
const population = (frank: 'ja' | 'nei' = 'ja', extra: string[] = []) =>
  [
    HEADER,
    `${ADA};Ada;Prøvesen;2020-05-14;;${MONA};Mona;Prøvesen;mor;ja;`,
    `${ADA};Ada;Prøvesen;2020-05-14;;${FRANK};Frank;Prøvesen;far;${frank};`,
    `${BO};Bo;Prøvesen;2017-09-09;;${MONA};Mona;Prøvesen;mor;ja;`,
    `${BO};Bo;Prøvesen;2017-09-09;;${TOR};Tor;Tidligere;annen_foresatt;nei;`,
    ...extra,
  ].join('\n') + '\n';

const enrolments = (withBo = true) => ({
  enrolments: [
    { childNationalId: ADA, unit: '974000001', group: 'Blåbær', from: daysFromToday(-200), to: null },
    ...(withBo ? [{ childNationalId: BO, unit: 'Solsiden barnehage', group: 'Tyttebær', from: daysFromToday(-200) }] : []),
  ],
});

describe('register import (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let m: EmptyMunicipality;
  let admin: SignedIn;
  let staff: SignedIn;

  const one = async <T = { id: string }>(sql: string, params: unknown[] = []) => (await queryOnce<T>(t.db.ownerUrl, sql, params))[0];
  /** What the municipality holds, row by row, to show that nothing was written. */
  const holdings = () =>
    queryOnce(
      t.db.ownerUrl,
      `SELECT (SELECT count(*) FROM child WHERE municipality_id = $1)::int AS children,
              (SELECT count(*) FROM app_user WHERE municipality_id = $1 AND kind = 'citizen')::int AS citizens,
              (SELECT json_agg(json_build_object('r', has_parental_responsibility, 's', source, 'v', verified_at IS NOT NULL, 'e', ended_at IS NOT NULL) ORDER BY id)
                 FROM guardianship WHERE municipality_id = $1) AS guardianships,
              (SELECT json_agg(json_build_object('g', group_name, 'f', valid_from, 't', valid_to) ORDER BY id) FROM enrolment WHERE municipality_id = $1) AS enrolments`,
      [m.municipalityId],
    );
  const importFile = (who: SignedIn, kind: 'population' | 'enrolments', body: string | object, dryRun = false) =>
    fetch(`${t.baseUrl}/api/admin/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: {
        cookie: who.cookie,
        'x-xsrf-token': who.csrfToken,
        'content-type': typeof body === 'string' ? 'text/csv; charset=utf-8' : 'application/json',
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, type: res.headers.get('content-type'), body: await res.json() }));

  const emptyPopulation = {
    children: { created: [], changed: [] },
    guardians: { created: [], changed: [] },
    guardianships: { created: [], changed: [], ended: [], unconfirmed: [] },
  };
  const noCounts = {
    children: { created: 0, changed: 0 },
    guardians: { created: 0, changed: 0 },
    guardianships: { created: 0, changed: 0, ended: 0, unconfirmed: 0 },
    consentsNoLongerWaiting: 0,
  };

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    m = await seedEmptyMunicipality(t.db.ownerUrl);
    admin = await signIn(t.baseUrl, 'staff', 'Are Admin');
    // The administrator invites the member of staff; she is bound to the provider's subject at her first sign-in.
    await inviteStaff(api, admin, { displayName: 'Stine Stab (Solsiden)', email: 'stine.stab@provevik.example', unitId: m.kindergarten });
    staff = await signIn(t.baseUrl, 'staff', 'Stine Stab');
  });
  afterAll(async () => {
    await t?.close();
  });

  const planned = {
    dryRun: true,
    counts: {
      children: { created: 2, changed: 0 },
      guardians: { created: 3, changed: 0 },
      guardianships: { created: 4, changed: 0, ended: 0, unconfirmed: 0 },
      consentsNoLongerWaiting: 0,
    },
    children: {
      created: [
        { line: 2, name: 'Ada Prøvesen' },
        { line: 4, name: 'Bo Prøvesen' },
      ],
      changed: [],
    },
    guardians: {
      created: [
        { line: 2, name: 'Mona Prøvesen' },
        { line: 3, name: 'Frank Prøvesen' },
        { line: 5, name: 'Tor Tidligere' },
      ],
      changed: [],
    },
    guardianships: {
      created: [
        { line: 2, child: 'Ada Prøvesen', guardian: 'Mona Prøvesen', parentalResponsibility: true },
        { line: 3, child: 'Ada Prøvesen', guardian: 'Frank Prøvesen', parentalResponsibility: true },
        { line: 4, child: 'Bo Prøvesen', guardian: 'Mona Prøvesen', parentalResponsibility: true },
        { line: 5, child: 'Bo Prøvesen', guardian: 'Tor Tidligere', parentalResponsibility: false },
      ],
      changed: [],
      ended: [],
      unconfirmed: [],
    },
  };

  it('dry run: answers what the population import would create, and writes nothing', async () => {
    const before = await holdings();
    const dry = await importFile(admin, 'population', population(), true);
    expect(dry).toMatchObject({ status: 200, body: planned });
    expect(JSON.stringify(dry.body)).not.toMatch(/\d{11}/);
    expect(await holdings()).toEqual(before);
    expect(before).toEqual([{ children: 0, citizens: 0, guardianships: null, enrolments: null }]);
  });

  it('imports it, and the same file again changes nothing', async () => {
    const done = await importFile(admin, 'population', population());
    expect(done).toEqual({ status: 200, type: expect.stringContaining('json'), body: { ...planned, dryRun: false } });
    const after = await holdings();
    expect(after).toEqual([
      {
        children: 2,
        citizens: 3,
        guardianships: expect.arrayContaining([{ r: true, s: 'register', v: true, e: false }]),
        enrolments: null,
      },
    ]);
    const again = await importFile(admin, 'population', population());
    expect(again).toEqual({
      status: 200,
      type: expect.stringContaining('json'),
      body: { dryRun: false, counts: noCounts, ...emptyPopulation },
    });
    expect(await holdings()).toEqual(after);
  });

  it('imports the enrolments (JSON; units by code and by name), and again changes nothing', async () => {
    const dry = await importFile(admin, 'enrolments', enrolments(), true);
    const created = [
      { line: 1, child: 'Ada Prøvesen', unit: 'Solsiden barnehage', group: 'Blåbær', from: daysFromToday(-200), to: null },
      { line: 2, child: 'Bo Prøvesen', unit: 'Solsiden barnehage', group: 'Tyttebær', from: daysFromToday(-200), to: null },
    ];
    expect(dry).toMatchObject({
      status: 200,
      body: { dryRun: true, counts: { created: 2, changed: 0, ended: 0 }, created, changed: [], ended: [] },
    });
    expect((await holdings())[0]).toMatchObject({ enrolments: null });
    expect(await importFile(admin, 'enrolments', enrolments())).toMatchObject({
      status: 200,
      body: { dryRun: false, counts: { created: 2 } },
    });
    expect(await importFile(admin, 'enrolments', enrolments())).toMatchObject({
      status: 200,
      body: { dryRun: false, counts: { created: 0, changed: 0, ended: 0 }, created: [], changed: [], ended: [] },
    });
    // The member of staff of Solsiden now sees both children.
    const children = await api(staff, 'GET', '/api/children');
    expect(children.body.map((c: { givenName: string }) => c.givenName).sort()).toEqual(['Ada', 'Bo']);
  });

  it('a file with one bad line changes nothing and names the line and the field', async () => {
    const before = await holdings();
    const badId = `${TOR.slice(0, 10)}${(Number(TOR[10]) + 1) % 10}`;
    const bad = population('nei', [`${BO};Bo;Prøvesen;2017-09-09;;${badId};Tor;Tidligere;annen_foresatt;nei;`]);
    const refused = await importFile(admin, 'population', bad);
    expect(refused.status).toBe(422);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      status: 422,
      detail: 'The file has invalid lines; nothing was imported',
      errors: [{ line: 6, field: 'guardian_national_id', messages: [expect.stringContaining('valid national identity number')] }],
    });
    const unknownUnit = await importFile(admin, 'enrolments', {
      enrolments: [
        ...enrolments().enrolments,
        { childNationalId: ADA, unit: 'Ukjent barnehage', from: daysFromToday(-10), to: daysFromToday(-20) },
      ],
    });
    expect(unknownUnit).toMatchObject({
      status: 422,
      body: { errors: [{ line: 3, field: 'to', messages: ['to cannot be before from'] }] },
    });
    expect(await holdings()).toEqual(before);
  });

  it('the register and enrolment files of one municipality never reach another', async () => {
    // The Fjordvik administrator sends Ada: a child of Fjordvik would be created, Prøvevik's is not touched.
    const lise = await signIn(t.baseUrl, 'staff', 'Lise Aas');
    const dry = await importFile(lise, 'population', population(), true);
    expect(dry.body.counts).toMatchObject({ children: { created: 2, changed: 0 }, guardians: { created: 3, changed: 0 } });
    // Emma is Fjordvik's: Prøvevik's administrator cannot enrol her.
    const emma = await one<{ nationalId: string }>(`SELECT national_id AS "nationalId" FROM child WHERE given_name = 'Emma'`);
    const refused = await importFile(admin, 'enrolments', {
      enrolments: [{ childNationalId: emma.nationalId, unit: '974000001', from: daysFromToday(-1) }],
    });
    expect(refused).toMatchObject({ status: 422, body: { errors: [{ line: 1, field: 'child_national_id' }] } });
    // Nobody else imports: staff and guardians are refused the function.
    expect((await importFile(staff, 'population', population(), true)).status).toBe(403);
  });

  it('audits each import with its counts and no person', async () => {
    const events = await queryOnce<{ action: string; recordType: string; recordId: string }>(
      t.db.ownerUrl,
      `SELECT action, record_type AS "recordType", record_id AS "recordId" FROM audit_event
        WHERE municipality_id = $1 AND record_type IN ('population_register', 'enrolment_register') ORDER BY occurred_at, id`,
      [m.municipalityId],
    );
    expect(events.slice(0, 3)).toEqual([
      {
        action: 'dry_run',
        recordType: 'population_register',
        recordId: 'children +2 ~0; guardians +3 ~0; guardianships +4 ~0 -0 ?0; consents ~0',
      },
      {
        action: 'import',
        recordType: 'population_register',
        recordId: 'children +2 ~0; guardians +3 ~0; guardianships +4 ~0 -0 ?0; consents ~0',
      },
      {
        action: 'import',
        recordType: 'population_register',
        recordId: 'children +0 ~0; guardians +0 ~0; guardianships +0 ~0 -0 ?0; consents ~0',
      },
    ]);
    expect(events.map((e) => e.recordId).join(' ')).not.toMatch(/\d{11}/);
  });

  describe('the imported people at work', () => {
    let mona: SignedIn;
    let frank: SignedIn;
    let caseId: string;
    let ada: string;

    const askForConsent = async () => {
      const draft = await api(staff, 'POST', `/api/cases/${caseId}/consents`, {
        purpose: 'Samarbeid med helsestasjonen om Adas språk',
        categories: ['wellbeing'],
        serviceIds: [m.healthService],
      });
      expect(draft.status).toBe(201);
      const sent = await api(staff, 'POST', `/api/consents/${draft.body.id}/submit`, {}, ifMatch(draft));
      expect(sent.status).toBe(200);
      return sent;
    };

    beforeAll(async () => {
      ada = (await one(`SELECT id FROM child WHERE municipality_id = $1 AND given_name = 'Ada'`, [m.municipalityId])).id;
      mona = await signIn(t.baseUrl, 'citizen', 'Mona Prøvesen');
      frank = await signIn(t.baseUrl, 'citizen', 'Frank Prøvesen');
    });

    it('staff register a concern, open a case and ask for consent; both imported guardians sign it', async () => {
      const concern = await api(staff, 'POST', '/api/concerns', {
        unitId: m.kindergarten,
        childId: ada,
        aroseOn: daysFromToday(-3),
        observedBy: 'pedagogisk leder',
        description: 'Sier lite i samlingsstund.',
        categories: ['wellbeing'],
      });
      expect(concern.status).toBe(201);
      const decided = await api(
        staff,
        'POST',
        `/api/concerns/${concern.body.id}/decision`,
        { decision: 'own_service', reason: 'Følges opp i barnehagen' },
        ifMatch(concern),
      );
      expect(decided.status).toBe(200);
      const opened = await api(staff, 'POST', '/api/cases', { concernId: concern.body.id });
      expect(opened.status).toBe(201);
      caseId = opened.body.id;
      const sent = await askForConsent();
      expect(sent.body.signers.map((s: { displayName: string }) => s.displayName).sort()).toEqual(['Frank Prøvesen', 'Mona Prøvesen']);
      const first = await api(mona, 'POST', `/api/consents/${sent.body.id}/sign`, undefined, ifMatch(sent));
      expect(first).toMatchObject({ status: 200, body: { status: 'pending_signatures' } });
      const second = await api(frank, 'POST', `/api/consents/${sent.body.id}/sign`, undefined, ifMatch(first));
      expect(second).toMatchObject({ status: 200, body: { status: 'active' } });
    });

    it('a guardian who loses parental responsibility can no longer sign, and a pending consent stops waiting for them', async () => {
      const pending = await askForConsent();
      const lost = await importFile(admin, 'population', population('nei'));
      expect(lost.body).toMatchObject({
        counts: { guardianships: { created: 0, changed: 1, ended: 0 }, consentsNoLongerWaiting: 1 },
        guardianships: {
          changed: [
            {
              line: 3,
              child: 'Ada Prøvesen',
              guardian: 'Frank Prøvesen',
              parentalResponsibility: false,
              fields: ['hasParentalResponsibility'],
            },
          ],
        },
      });
      const now = await api(staff, 'GET', `/api/consents/${pending.body.id}`);
      expect(now.body).toMatchObject({ status: 'pending_signatures', signers: [{ displayName: 'Mona Prøvesen', answer: null }] });
      expect(now.body.signers).toHaveLength(1);
      const refused = await api(frank, 'POST', `/api/consents/${pending.body.id}/sign`, undefined, ifMatch(now));
      // Without parental responsibility the consent functions are not his (the family's rules): 403 before any record is read.
      expect(refused).toMatchObject({ status: 403, body: { status: 403, detail: 'Forbidden' } });
      const signed = await api(mona, 'POST', `/api/consents/${pending.body.id}/sign`, undefined, ifMatch(now));
      expect(signed).toMatchObject({ status: 200, body: { status: 'active' } });
    });

    it('a guardian who gains parental responsibility must sign a new version before it counts for them', async () => {
      const given = await importFile(admin, 'population', population('ja'));
      expect(given.body.guardianships.changed).toEqual([
        { line: 3, child: 'Ada Prøvesen', guardian: 'Frank Prøvesen', parentalResponsibility: true, fields: ['hasParentalResponsibility'] },
      ]);
      const consents = await api(frank, 'GET', `/api/cases/${caseId}/consents`);
      const active = consents.body.find((c: { status: string }) => c.status === 'active');
      // The version given without him stays valid, but is not his to withdraw.
      expect(active.signers.map((s: { displayName: string }) => s.displayName)).toEqual(['Mona Prøvesen']);
      expect(active.permissions).toMatchObject({ canAnswer: false, canWithdraw: false });
      const withdrawn = await api(
        frank,
        'POST',
        `/api/consents/${active.id}/withdraw`,
        { reason: 'Nei' },
        { 'if-match': `"${active.version}"` },
      );
      expect(withdrawn.status).toBe(400);
      const next = await askForConsent();
      expect(next.body.signers.map((s: { displayName: string }) => s.displayName).sort()).toEqual(['Frank Prøvesen', 'Mona Prøvesen']);
      const first = await api(frank, 'POST', `/api/consents/${next.body.id}/sign`, undefined, ifMatch(next));
      expect(first).toMatchObject({ status: 200, body: { status: 'pending_signatures' } });
    });

    it('a guardian the register no longer lists is ended, not deleted', async () => {
      const withoutTor = population('ja')
        .split('\n')
        .filter((l) => !l.includes(TOR))
        .join('\n');
      const ended = await importFile(admin, 'population', withoutTor);
      expect(ended.body).toMatchObject({
        counts: { guardianships: { ended: 1 } },
        guardianships: { ended: [{ line: null, child: 'Bo Prøvesen', guardian: 'Tor Tidligere', parentalResponsibility: false }] },
      });
      expect(
        await one(`SELECT count(*)::int AS id FROM guardianship WHERE municipality_id = $1 AND ended_at IS NOT NULL`, [m.municipalityId]),
      ).toEqual({ id: 1 });
      // Listed again, it starts again.
      expect((await importFile(admin, 'population', population('ja'))).body.guardianships.changed).toEqual([
        { line: 5, child: 'Bo Prøvesen', guardian: 'Tor Tidligere', parentalResponsibility: false, fields: ['restarted'] },
      ]);
    });

    it('when the guardian it still waits for is no longer a guardian, a consent the others have signed becomes active', async () => {
      const pending = await askForConsent();
      const signed = await api(mona, 'POST', `/api/consents/${pending.body.id}/sign`, undefined, ifMatch(pending));
      expect(signed).toMatchObject({ status: 200, body: { status: 'pending_signatures' } });
      const withoutFrank = population('ja')
        .split('\n')
        .filter((l) => !l.includes(FRANK))
        .join('\n');
      const ended = await importFile(admin, 'population', withoutFrank);
      expect(ended.body).toMatchObject({
        counts: { guardianships: { ended: 1 }, consentsNoLongerWaiting: 1 },
        guardianships: { ended: [{ line: null, child: 'Ada Prøvesen', guardian: 'Frank Prøvesen', parentalResponsibility: true }] },
      });
      // No longer a guardian, Frank reads nothing of Ada's case from his next request on: with no child left, his
      // role has no case rules at all (403, as for any citizen without a family tie).
      expect((await api(frank, 'GET', `/api/cases/${caseId}`)).status).toBe(403);
      expect((await api(frank, 'GET', `/api/cases/${caseId}/consents`)).status).toBe(403);
      const consents = await api(staff, 'GET', `/api/cases/${caseId}/consents`);
      expect(consents.body.map((c: { versionNo: number; status: string }) => c.status).slice(0, 2)).toEqual(['active', 'superseded']);
      expect(consents.body[0]).toMatchObject({ id: pending.body.id, signers: [{ displayName: 'Mona Prøvesen' }] });
      expect(consents.body[0].signers).toHaveLength(1);
      // The next version asks only the guardians there are now.
      const draft = await api(staff, 'POST', `/api/cases/${caseId}/consents`, {
        purpose: 'Samarbeid med helsestasjonen om Adas språk',
        categories: ['wellbeing'],
        serviceIds: [m.healthService],
      });
      expect(draft.body.signers.map((s: { displayName: string }) => s.displayName)).toEqual(['Mona Prøvesen']);
    });

    it('an enrolment the file no longer lists in a unit it covers ends yesterday', async () => {
      const ended = await importFile(admin, 'enrolments', enrolments(false));
      expect(ended.body).toMatchObject({
        counts: { created: 0, changed: 0, ended: 1 },
        ended: [{ line: null, child: 'Bo Prøvesen', unit: 'Solsiden barnehage', group: 'Tyttebær', to: daysFromToday(-1), removed: false }],
      });
      const children = await api(staff, 'GET', '/api/children');
      expect(children.body.map((c: { givenName: string }) => c.givenName)).toEqual(['Ada']);
      // Listed again, the same enrolment (child, unit, first day) goes on: its last day is cleared.
      expect((await importFile(admin, 'enrolments', enrolments())).body).toMatchObject({
        counts: { created: 0, changed: 1, ended: 0 },
        changed: [{ line: 2, child: 'Bo Prøvesen', to: null, fields: ['validTo'] }],
      });
    });
  });
});
