import { queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  addLogNote,
  apiFor,
  ApiAnswer,
  CaseWorld,
  caseWorld,
  currentVersion,
  giveConsent,
  ifMatch,
  grantsAgainstRule,
  openLevel1Case,
  openLevel2Case,
  openOwnServiceCase,
} from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 6, "Done means" — the relation matrix through HTTP on real PostgreSQL. A participant of
 * another service reads a case only while an active, unexpired, non-withdrawn consent names their
 * service, covers the information's category and does not exclude them; outside that, every read
 * answers 404 exactly like a case that does not exist, and the case vanishes from "my cases" and
 * from every list in "my tasks". Then the family's side: guardians with and without parental
 * responsibility, and the youth above and below the consent age.
 */
describe('consent enforcement: who reads a case, by relation (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let hanne: SignedIn;
  let eva: SignedIn;
  let nina: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;
  let maria: SignedIn;
  let geir: SignedIn;
  let linda: SignedIn;
  /** A second health nurse of Fjordvik helsestasjon, added for this file (the demo has one). */
  let colleague: SignedIn;
  let ids: { municipality: string; sofie: string; lucas: string; linda: string; colleague: string };
  /** Within the 14 days "my tasks" looks ahead for evaluations due. */
  let soon: string;
  /** What a case that does not exist answers, per route. */
  let absent: { kase: ApiAnswer; log: ApiAnswer; entry: ApiAnswer; consents: ApiAnswer };

  const one = async <T = { id: string }>(sql: string, params: unknown[] = []) => (await queryOnce<T>(t.db.ownerUrl, sql, params))[0];
  /** The problem as a client sees it, less what differs per request (instance, request id). */
  const problem = (b: { type?: string; title?: string; status?: number; detail?: string } | null) => ({
    type: b?.type,
    title: b?.title,
    status: b?.status,
    detail: b?.detail,
  });

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    const hanneRow = await one<{ municipalityId: string; issuer: string }>(
      `SELECT municipality_id AS "municipalityId", issuer FROM app_user WHERE id = $1`,
      [world.hanne],
    );
    const added = await one(
      `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active)
       VALUES ($1, 'staff', 'Tove Kollega (helsesykepleier)', $2, 'test.colleague', true) RETURNING id`,
      [hanneRow.municipalityId, hanneRow.issuer],
    );
    await queryOnce(t.db.ownerUrl, `INSERT INTO role_assignment (municipality_id, user_id, unit_id, role) VALUES ($1, $2, $3, 'staff')`, [
      hanneRow.municipalityId,
      added.id,
      world.helsestasjon,
    ]);
    ids = {
      municipality: hanneRow.municipalityId,
      sofie: (await one(`SELECT id FROM child WHERE given_name = 'Sofie'`)).id,
      lucas: (await one(`SELECT id FROM child WHERE given_name = 'Lucas'`)).id,
      linda: (await one(`SELECT id FROM app_user WHERE display_name = 'Linda Johansen'`)).id,
      colleague: added.id,
    };
    soon = (await one<{ d: string }>(`SELECT to_char(current_date + 7, 'YYYY-MM-DD') AS d`)).d;
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    hanne = await signIn(t.baseUrl, 'staff', 'Hanne Moe');
    eva = await signIn(t.baseUrl, 'staff', 'Eva Strand');
    nina = await signIn(t.baseUrl, 'staff', 'Nina Dahl');
    // The bundled identity provider lists every active staff user: the added colleague signs in like anyone else.
    colleague = await signIn(t.baseUrl, 'staff', 'Tove Kollega');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
    maria = await signIn(t.baseUrl, 'citizen', 'Maria Hansen');
    geir = await signIn(t.baseUrl, 'citizen', 'Geir Hansen');
    linda = await signIn(t.baseUrl, 'citizen', 'Linda Johansen');
    const nowhere = randomUUID();
    absent = {
      kase: await api(hanne, 'GET', `/api/cases/${nowhere}`),
      log: await api(hanne, 'GET', `/api/cases/${nowhere}/log`),
      entry: await api(hanne, 'GET', `/api/cases/${nowhere}/log/${randomUUID()}`),
      consents: await api(hanne, 'GET', `/api/cases/${nowhere}/consents`),
    };
    expect([absent.kase.status, absent.log.status, absent.entry.status, absent.consents.status]).toEqual([404, 404, 404, 404]);
  }, 120000);
  afterAll(() => t?.close());

  interface Fixture {
    caseId: string;
    consentId: string;
    /** A 'wellbeing' note written by Kari: covered by every consent of this file. */
    noteId: string;
    healthParticipantId: string;
    measureId: string;
  }

  /**
   * A level-2 case coordinated by Kari with the health station taking part on a consent both of
   * Emma's guardians signed; a shared 'wellbeing' note; a measure the health station is
   * responsible for, its evaluation due within a week (so it is in the health nurses' tasks).
   */
  async function healthCase(scope: Parameters<typeof openLevel2Case>[4] = {}): Promise<Fixture> {
    const kase = await openLevel2Case(api, kari, world, [anne, erik], scope);
    const health = kase.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon);
    const noteId = await addLogNote(api, kari, kase.id, `Emma sov bedre denne uken (${kase.id.slice(0, 8)})`, 'wellbeing');
    const measure = await api(kari, 'POST', `/api/cases/${kase.id}/measures`, {
      description: 'Samtaler med helsesykepleier',
      responsibleParticipantId: health.id,
      evaluationDueOn: soon,
    });
    expect(measure.status).toBe(200);
    const consents = await api(kari, 'GET', `/api/cases/${kase.id}/consents`);
    expect(consents.body[0].status).toBe('active');
    return {
      caseId: kase.id,
      consentId: consents.body[0].id,
      noteId,
      healthParticipantId: health.id,
      measureId: measure.body.measures[0].id,
    };
  }

  /** Every read of the matrix, in this order; the first is "the very next request". */
  async function observe(who: SignedIn, caseId: string, entryId: string) {
    const kase = await api(who, 'GET', `/api/cases/${caseId}`);
    const log = await api(who, 'GET', `/api/cases/${caseId}/log`);
    const entry = await api(who, 'GET', `/api/cases/${caseId}/log/${entryId}`);
    const consents = await api(who, 'GET', `/api/cases/${caseId}/consents`);
    const list = await api(who, 'GET', '/api/cases');
    const tasks = await api(who, 'GET', '/api/tasks');
    expect(list.status).toBe(200);
    expect(tasks.status).toBe(200);
    const taskLists = Object.entries(tasks.body as Record<string, Array<{ caseId?: string }>>)
      .filter(([, items]) => items.some((x) => x.caseId === caseId))
      .map(([name]) => name);
    return { kase, log, entry, consents, listed: (list.body as Array<{ id: string }>).some((c) => c.id === caseId), taskLists };
  }

  function expectReads(seen: Awaited<ReturnType<typeof observe>>, caseId: string, entryId: string, inTasks: boolean) {
    expect(seen.kase.status).toBe(200);
    expect(seen.kase.body.id).toBe(caseId);
    expect(seen.kase.body.log.map((l: { id: string }) => l.id)).toContain(entryId);
    expect(seen.log.status).toBe(200);
    expect(seen.log.body.map((l: { id: string }) => l.id)).toContain(entryId);
    expect(seen.entry.status).toBe(200);
    expect(seen.entry.body.id).toBe(entryId);
    expect(seen.consents.status).toBe(200);
    expect(seen.listed).toBe(true);
    if (inTasks) expect(seen.taskLists).toContain('evaluationsDue');
  }

  /** Outside her access: 404 everywhere, the same answer as a case that does not exist, nothing in lists or tasks. */
  function expectNotFound(seen: Awaited<ReturnType<typeof observe>>) {
    expect([seen.kase.status, seen.log.status, seen.entry.status, seen.consents.status]).toEqual([404, 404, 404, 404]);
    expect(problem(seen.kase.body)).toEqual(problem(absent.kase.body));
    expect(problem(seen.log.body)).toEqual(problem(absent.log.body));
    expect(problem(seen.entry.body)).toEqual(problem(absent.entry.body));
    expect(problem(seen.consents.body)).toEqual(problem(absent.consents.body));
    for (const answer of [seen.kase, seen.log, seen.entry, seen.consents]) expect(Array.isArray(answer.body)).toBe(false);
    expect(seen.listed).toBe(false);
    expect(seen.taskLists).toEqual([]);
  }

  interface Relation {
    relation: string;
    /** Builds the case, brings the relation about, and names who reads and what. */
    arrange: () => Promise<{ viewer: SignedIn; fixture: Fixture; inTasks: boolean }>;
    reads: boolean;
    /** What else this relation promises, checked after the matrix reads. */
    also?: (fixture: Fixture) => Promise<void>;
  }

  const RELATIONS: Relation[] = [
    {
      relation: '(a) participant whose service an active consent names',
      arrange: async () => ({ viewer: hanne, fixture: await healthCase(), inTasks: true }),
      reads: true,
      also: async (f) => {
        // The access the consent gives ends by itself on the consent's last day: the grant stores that end.
        const [grant] = await queryOnce<{ endsWithConsent: boolean }>(
          t.db.ownerUrl,
          `SELECT g.valid_to = ((c.valid_to + 1)::timestamp AT TIME ZONE 'Europe/Oslo') AS "endsWithConsent"
             FROM case_access_grant g JOIN consent c ON c.id = g.consent_id WHERE g.case_id = $1 AND g.unit_id = $2`,
          [f.caseId, world.helsestasjon],
        );
        expect(grant).toEqual({ endsWithConsent: true });
      },
    },
    {
      relation: '(b) the same participant after a guardian withdrew the consent',
      arrange: async () => {
        const fixture = await healthCase();
        expectReads(await observe(hanne, fixture.caseId, fixture.noteId), fixture.caseId, fixture.noteId, true);
        const withdrawn = await api(
          anne,
          'POST',
          `/api/consents/${fixture.consentId}/withdraw`,
          { reason: 'Vi ønsker ikke deling nå' },
          await currentVersion(api, anne, `/api/consents/${fixture.consentId}`),
        );
        expect(withdrawn.status).toBe(200);
        expect(withdrawn.body.status).toBe('withdrawn');
        return { viewer: hanne, fixture, inTasks: true };
      },
      reads: false,
      also: async (f) => {
        // Archive duty: what was shared before is still there for the coordinator, with the withdrawal logged.
        const asKari = await api(kari, 'GET', `/api/cases/${f.caseId}/log`);
        expect(asKari.status).toBe(200);
        expect(asKari.body.map((l: { id: string }) => l.id)).toContain(f.noteId);
        expect(asKari.body.map((l: { kind: string }) => l.kind)).toContain('consent_withdrawn');
        expect((await api(kari, 'GET', `/api/cases/${f.caseId}/log/${f.noteId}`)).status).toBe(200);
        expect(await queryOnce(t.db.ownerUrl, 'SELECT id FROM case_log_entry WHERE id = $1', [f.noteId])).toHaveLength(1);
        // The coordinator is told: the case is in her tasks as a consent that ended.
        const tasks = await api(kari, 'GET', '/api/tasks');
        expect(tasks.body.consentsEnded).toEqual(
          expect.arrayContaining([expect.objectContaining({ caseId: f.caseId, consentId: f.consentId, status: 'withdrawn' })]),
        );
        // The family still reads everything.
        expect((await api(anne, 'GET', `/api/cases/${f.caseId}/log/${f.noteId}`)).status).toBe(200);
      },
    },
    {
      relation: '(c) the same participant after the consent’s last day has passed',
      arrange: async () => {
        const fixture = await healthCase();
        expectReads(await observe(hanne, fixture.caseId, fixture.noteId), fixture.caseId, fixture.noteId, true);
        // 1. Validity is the database's clock at each read: a grant whose end is reached ends access with nothing written.
        await queryOnce(
          t.db.ownerUrl,
          `UPDATE case_access_grant SET valid_to = now() + interval '2 seconds' WHERE case_id = $1 AND consent_id = $2`,
          [fixture.caseId, fixture.consentId],
        );
        expect((await api(hanne, 'GET', `/api/cases/${fixture.caseId}/log`)).status).toBe(200);
        await new Promise((r) => setTimeout(r, 2500));
        expect((await api(hanne, 'GET', `/api/cases/${fixture.caseId}/log`)).status).toBe(404);
        // 2. The whole history moved 30 days back, with a to-date of yesterday: a consent given a month ago
        // that ended yesterday. The grants are rebuilt once from that history, exactly as the application's
        // transactions would have written them when the consent was given and the unit joined (the rule does
        // not look at the clock); afterwards nothing runs — no job, no refresh.
        const owner = new Client({ connectionString: t.db.ownerUrl });
        await owner.connect();
        try {
          await owner.query('BEGIN');
          await owner.query(
            `UPDATE consent SET valid_from = current_date - 30, valid_to = current_date - 1, created_at = created_at - interval '30 days',
                                submitted_at = submitted_at - interval '30 days', activated_at = activated_at - interval '30 days'
              WHERE id = $1`,
            [fixture.consentId],
          );
          await owner.query(`UPDATE consent_answer SET answered_at = answered_at - interval '30 days' WHERE consent_id = $1`, [
            fixture.consentId,
          ]);
          await owner.query(
            `UPDATE case_participant SET joined_at = joined_at - interval '30 days', from_on = from_on - 30 WHERE case_id = $1`,
            [fixture.caseId],
          );
          await owner.query(`SELECT set_config('stafett.municipality_id', $1, true)`, [ids.municipality]);
          await owner.query('SELECT stafett_refresh_case_access($1)', [fixture.caseId]);
          await owner.query('COMMIT');
        } finally {
          await owner.end();
        }
        // The grant is still there: it is the clock, not a deletion, that ends the access.
        const grants = await queryOnce<{ ended: boolean }>(
          t.db.ownerUrl,
          `SELECT valid_to <= now() AS ended FROM case_access_grant WHERE case_id = $1 AND consent_id = $2`,
          [fixture.caseId, fixture.consentId],
        );
        expect(grants).toEqual([{ ended: true }]);
        return { viewer: hanne, fixture, inTasks: true };
      },
      reads: false,
      also: async (f) => {
        const consent = await api(kari, 'GET', `/api/consents/${f.consentId}`);
        expect(consent.body).toMatchObject({ status: 'expired', daysLeft: null });
        expect((await api(anne, 'GET', `/api/consents/${f.consentId}`)).body.status).toBe('expired');
        const tasks = await api(kari, 'GET', '/api/tasks');
        expect(tasks.body.consentsEnded).toEqual(
          expect.arrayContaining([expect.objectContaining({ caseId: f.caseId, consentId: f.consentId, status: 'expired' })]),
        );
        // Withdrawing what has expired is refused; a new consent is what the coordinator needs.
        const asRead = await currentVersion(api, anne, `/api/consents/${f.consentId}`);
        expect((await api(anne, 'POST', `/api/consents/${f.consentId}/withdraw`, { reason: 'x' }, asRead)).status).toBe(400);
      },
    },
    {
      relation: '(e) a participant the consent excludes by person',
      arrange: async () => ({ viewer: hanne, fixture: await healthCase({ excludedUserIds: [world.hanne] }), inTasks: true }),
      reads: false,
      also: async (f) => {
        const consent = await api(kari, 'GET', `/api/consents/${f.consentId}`);
        expect(consent.body.excludedUsers).toEqual([{ userId: world.hanne, displayName: expect.stringContaining('Hanne Moe') }]);
      },
    },
    {
      relation: '(e) a colleague in the excluded person’s unit, not excluded',
      arrange: async () => ({ viewer: colleague, fixture: await healthCase({ excludedUserIds: [world.hanne] }), inTasks: true }),
      reads: true,
    },
    {
      relation: '(f) PPT, joined on a new version of the consent that names PPT',
      arrange: async () => {
        const fixture = await healthCase();
        await withPpt(fixture);
        return { viewer: eva, fixture, inTasks: false };
      },
      reads: true,
    },
    {
      relation: '(f) PPT after a newer version of the consent no longer names PPT',
      arrange: async () => {
        const fixture = await healthCase();
        const v2 = await withPpt(fixture);
        expectReads(await observe(eva, fixture.caseId, fixture.noteId), fixture.caseId, fixture.noteId, false);
        const v3 = await giveConsent(api, kari, fixture.caseId, [world.healthService], [anne, erik]);
        expect(v3).toMatchObject({ versionNo: 3, status: 'active' });
        expect((await api(kari, 'GET', `/api/consents/${v2}`)).body.status).toBe('superseded');
        return { viewer: eva, fixture, inTasks: false };
      },
      reads: false,
      also: async (f) => {
        // The health station, still named, reads on.
        expectReads(await observe(hanne, f.caseId, f.noteId), f.caseId, f.noteId, true);
      },
    },
  ];

  /** PPT joins the team: refused until a consent names PPT, then allowed on a new version (v2) that does. Answers v2's id. */
  async function withPpt(f: Fixture): Promise<string> {
    expectNotFound(await observe(eva, f.caseId, f.noteId));
    const caseTag = () => currentVersion(api, kari, `/api/cases/${f.caseId}`);
    const refused = await api(
      kari,
      'POST',
      `/api/cases/${f.caseId}/participants`,
      { unitId: world.ppt, role: 'advisory' },
      await caseTag(),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['consent']);
    const v2 = await giveConsent(api, kari, f.caseId, [world.healthService, world.pptService], [anne, erik]);
    expect(v2).toMatchObject({ versionNo: 2, status: 'active' });
    const joined = await api(kari, 'POST', `/api/cases/${f.caseId}/participants`, { unitId: world.ppt, role: 'advisory' }, await caseTag());
    expect(joined.status).toBe(200);
    return v2.id;
  }

  it.each(RELATIONS)('$relation → reads: $reads', async ({ arrange, reads, also }) => {
    const { viewer, fixture, inTasks } = await arrange();
    const seen = await observe(viewer, fixture.caseId, fixture.noteId);
    if (reads) expectReads(seen, fixture.caseId, fixture.noteId, inTasks);
    else expectNotFound(seen);
    // The coordinator's own access never depends on the consent.
    expect((await api(kari, 'GET', `/api/cases/${fixture.caseId}/log/${fixture.noteId}`)).status).toBe(200);
    await also?.(fixture);
  });

  it('(d) a note in a category the consent does not cover is not found for the participant; a covered one is read', async () => {
    const f = await healthCase({ categories: ['wellbeing'] });
    const healthText = 'Emma har fått diagnose (helseopplysning)';
    const healthNote = await addLogNote(api, kari, f.caseId, healthText, 'health');
    const goal = await api(kari, 'POST', `/api/cases/${f.caseId}/goals`, { text: 'Mål om helse (helseopplysning)', category: 'health' });
    expect(goal.status).toBe(200);
    const [grant] = await queryOnce<{ categories: string[] }>(
      t.db.ownerUrl,
      'SELECT categories FROM case_access_grant WHERE case_id = $1 AND unit_id = $2',
      [f.caseId, world.helsestasjon],
    );
    expect(grant.categories).toEqual(['wellbeing']);
    // The covered note: read like any other.
    expectReads(await observe(hanne, f.caseId, f.noteId), f.caseId, f.noteId, true);
    // The uncovered one: 404 like an entry that does not exist, and absent from every list of the case.
    const entry = await api(hanne, 'GET', `/api/cases/${f.caseId}/log/${healthNote}`);
    expect(entry.status).toBe(404);
    expect(problem(entry.body)).toEqual(problem(absent.entry.body));
    const log = await api(hanne, 'GET', `/api/cases/${f.caseId}/log`);
    expect(log.body.map((l: { id: string }) => l.id)).not.toContain(healthNote);
    const kase = await api(hanne, 'GET', `/api/cases/${f.caseId}`);
    expect(kase.body.log.map((l: { id: string }) => l.id)).not.toContain(healthNote);
    expect(kase.body.goals.map((g: { category: string }) => g.category)).not.toContain('health');
    expect(JSON.stringify(kase.body)).not.toContain('helseopplysning');
    // The coordinator reads both.
    expect((await api(kari, 'GET', `/api/cases/${f.caseId}/log/${healthNote}`)).status).toBe(200);
    expect((await api(kari, 'GET', `/api/cases/${f.caseId}`)).body.goals.map((g: { category: string }) => g.category)).toContain('health');
  });

  describe('the family', () => {
    it('a guardian with parental responsibility reads the case, every version of its consents, and who accessed it', async () => {
      const f = await healthCase();
      expect((await api(hanne, 'GET', `/api/cases/${f.caseId}/log`)).status).toBe(200);
      const kase = await api(anne, 'GET', `/api/cases/${f.caseId}`);
      expect(kase.status).toBe(200);
      expect(kase.body.log.map((l: { id: string }) => l.id)).toContain(f.noteId);
      expect((await api(anne, 'GET', '/api/cases')).body.map((c: { id: string }) => c.id)).toContain(f.caseId);
      const consents = await api(anne, 'GET', `/api/cases/${f.caseId}/consents`);
      expect(consents.status).toBe(200);
      expect(consents.body).toEqual([
        expect.objectContaining({ id: f.consentId, status: 'active', services: [expect.objectContaining({ id: world.healthService })] }),
      ]);
      expect((await api(anne, 'GET', `/api/consents/${f.consentId}`)).body.permissions).toMatchObject({ canWithdraw: true });
      const accessLog = await api(anne, 'GET', `/api/cases/${f.caseId}/access-log`);
      expect(accessLog.status).toBe(200);
      expect(accessLog.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: expect.stringContaining('Hanne Moe'),
            unitName: 'Fjordvik helsestasjon',
            recordType: 'case_log_entry',
            basis: 'consent',
          }),
        ]),
      );
    });

    it('a guardian without parental responsibility has no case function (403), while the other parent reads it', async () => {
      const kase = await openOwnServiceCase(api, nina, world.skole, ids.lucas);
      for (const path of [
        '/api/cases',
        `/api/cases/${kase.id}`,
        `/api/cases/${kase.id}/log`,
        `/api/cases/${kase.id}/consents`,
        `/api/cases/${kase.id}/access-log`,
      ])
        expect([path, (await api(geir, 'GET', path)).status]).toEqual([path, 403]);
      expect((await api(maria, 'GET', `/api/cases/${kase.id}`)).status).toBe(200);
      expect((await api(maria, 'GET', `/api/cases/${kase.id}/access-log`)).status).toBe(200);
      // Emma's mother has nothing to do with Lucas.
      expect((await api(anne, 'GET', `/api/cases/${kase.id}`)).status).toBe(404);
    });

    it('a youth at or above the consent age reads her own case and signs its consent herself', async () => {
      const kase = await openOwnServiceCase(api, nina, world.skole, ids.sofie);
      const sofie = await signIn(t.baseUrl, 'citizen', 'Sofie Johansen');
      // The family pages speak to her as the one the case is about, and to her mother as a guardian.
      expect((await api(sofie, 'GET', '/api/me')).body.user.familyRole).toBe('youth');
      expect((await api(linda, 'GET', '/api/me')).body.user.familyRole).toBe('guardian');
      expect((await api(nina, 'GET', '/api/me')).body.user.familyRole).toBeNull();
      const own = await api(sofie, 'GET', `/api/cases/${kase.id}`);
      expect(own.status).toBe(200);
      expect(own.body.child.givenName).toBe('Sofie');
      expect((await api(sofie, 'GET', '/api/cases')).body.map((c: { id: string }) => c.id)).toEqual([kase.id]);
      const draft = await api(nina, 'POST', `/api/cases/${kase.id}/consents`, {
        purpose: 'Samarbeid med skolehelsetjenesten',
        categories: ['wellbeing'],
        serviceIds: [world.healthService],
      });
      expect(draft.status).toBe(201);
      expect(draft.body.signers).toEqual([expect.objectContaining({ role: 'youth', displayName: 'Sofie Johansen' })]);
      const sent = await api(nina, 'POST', `/api/consents/${draft.body.id}/submit`, {}, ifMatch(draft));
      expect(sent.status).toBe(200);
      // Her mother is not the one asked (the municipality does not require guardians too).
      expect((await api(linda, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(sent))).status).toBe(400);
      const signed = await api(sofie, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(sent));
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({
        status: 'active',
        signers: [{ role: 'youth', answer: { decision: 'signed', method: 'digital' } }],
      });
      expect((await api(sofie, 'GET', `/api/cases/${kase.id}/access-log`)).status).toBe(200);
    });

    it('a youth below the consent age (raised above her age) reads nothing; a new consent asks her guardian, not her', async () => {
      const kase = await openOwnServiceCase(api, nina, world.skole, ids.sofie);
      expect((await api(await signIn(t.baseUrl, 'citizen', 'Sofie Johansen'), 'GET', `/api/cases/${kase.id}`)).status).toBe(200);
      // The admin route accepts only 15 or 16; a municipality's higher age is set in SQL: one year above Sofie's age today
      // (a fixed 18 stops being above it on her 18th birthday, 19 January 2027 in the demo data).
      await queryOnce(
        t.db.ownerUrl,
        `UPDATE municipality m SET settings = jsonb_set(m.settings, '{youthConsentAge}', to_jsonb(extract(year FROM age(ch.birth_date))::int + 1))
           FROM child ch WHERE m.id = $1 AND ch.id = $2`,
        [ids.municipality, ids.sofie],
      );
      try {
        const sofie = await signIn(t.baseUrl, 'citizen', 'Sofie Johansen');
        expect([403, 404]).toContain((await api(sofie, 'GET', `/api/cases/${kase.id}`)).status);
        expect([403, 404]).toContain((await api(sofie, 'GET', `/api/cases/${kase.id}/log`)).status);
        const list = await api(sofie, 'GET', '/api/cases');
        expect(list.status === 403 || (list.status === 200 && list.body.length === 0)).toBe(true);
        const draft = await api(nina, 'POST', `/api/cases/${kase.id}/consents`, {
          purpose: 'Samarbeid med skolehelsetjenesten',
          categories: ['wellbeing'],
          serviceIds: [world.healthService],
        });
        expect(draft.status).toBe(201);
        expect(draft.body.signers).toEqual([expect.objectContaining({ role: 'guardian', userId: ids.linda })]);
        const sent = await api(nina, 'POST', `/api/consents/${draft.body.id}/submit`, {}, ifMatch(draft));
        expect(sent.status).toBe(200);
        expect([403, 404]).toContain((await api(sofie, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(sent))).status);
        const signed = await api(linda, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(sent));
        expect(signed.status).toBe(200);
        expect(signed.body).toMatchObject({ status: 'active', signers: [{ role: 'guardian', userId: ids.linda }] });
      } finally {
        await queryOnce(t.db.ownerUrl, `UPDATE municipality SET settings = jsonb_set(settings, '{youthConsentAge}', '16') WHERE id = $1`, [
          ids.municipality,
        ]);
      }
    });

    it('nobody signs for a child not theirs (404), staff never sign (403), and a refusal is recorded as declined', async () => {
      const kase = await openLevel1Case(api, kari, world);
      const draft = await api(kari, 'POST', `/api/cases/${kase.id}/consents`, {
        purpose: 'Samarbeid med helsestasjonen',
        categories: ['wellbeing'],
        serviceIds: [world.healthService],
      });
      const sent = await api(kari, 'POST', `/api/consents/${draft.body.id}/submit`, {}, ifMatch(draft));
      expect(sent.status).toBe(200);
      expect((await api(maria, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(sent))).status).toBe(404);
      expect((await api(maria, 'POST', `/api/consents/${draft.body.id}/decline`, undefined, ifMatch(sent))).status).toBe(404);
      expect((await api(kari, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(sent))).status).toBe(403);
      const declined = await api(anne, 'POST', `/api/consents/${draft.body.id}/decline`, undefined, ifMatch(sent));
      expect(declined.status).toBe(200);
      expect(declined.body.status).toBe('declined');
      expect(declined.body.signers).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: expect.any(String), answer: expect.objectContaining({ decision: 'declined' }) }),
        ]),
      );
      const [stored] = await queryOnce<{ status: string; declined: boolean; answers: string[] }>(
        t.db.ownerUrl,
        `SELECT c.status, c.declined_at IS NOT NULL AS declined, ARRAY(SELECT decision FROM consent_answer a WHERE a.consent_id = c.id) AS answers
           FROM consent c WHERE c.id = $1`,
        [draft.body.id],
      );
      expect(stored).toEqual({ status: 'declined', declined: true, answers: ['declined'] });
      expect((await api(kari, 'GET', `/api/cases/${kase.id}/log`)).body.map((l: { kind: string }) => l.kind)).toContain('consent_declined');
      // A refused consent gives nothing: the other guardian cannot complete it, and the health station cannot join.
      expect((await api(erik, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(declined))).status).toBe(400);
      const escalate = await api(
        kari,
        'POST',
        `/api/cases/${kase.id}/level`,
        { toLevel: 2, reason: 'Trenger helsestasjonen', joining: [{ unitId: world.helsestasjon, role: 'health_follow_up' }] },
        ifMatch(kase.version),
      );
      expect(escalate.status).toBe(400);
    });
  });

  it('leaves the grant table equal to the live rule for every case this file built (SECURITY.md S10)', async () => {
    expect(Number((await one<{ n: string }>('SELECT count(*) AS n FROM coordinated_case')).n)).toBeGreaterThan(5);
    expect(await grantsAgainstRule(t.db.ownerUrl)).toEqual([]);
  });
});
