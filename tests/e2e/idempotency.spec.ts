import { syntheticNationalId } from '@stafett/domain';
import { daysFromToday, instantDaysFromNow, queryOnce } from '@stafett/testing';
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { newDiscussionBody } from './authorization/matrix/discussions.matrix';
import { newReportBody } from './authorization/matrix/reports.matrix';
import { elevenDigitRuns } from './support/identity-numbers';
import {
  addLogNote,
  apiFor,
  CaseWorld,
  caseWorld,
  currentVersion,
  decidedConcern,
  giveConsent,
  ifMatch,
  openLevel1Case,
  openLevel2Case,
} from './support/cases';
import { seedSecondMunicipality } from './support/second-municipality';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SECURITY.md S23 over HTTP on PostgreSQL: a create sent with `Idempotency-Key` and sent again
 * creates nothing new and answers the first record — read again through its own authorised read,
 * so a caller who has lost access since gets 404 and nothing of it. The same key with another body
 * is 422 naming the header; a retry while the first still runs is 409 (or, once it has committed,
 * the replay); a key is its user's, in their municipality; a malformed key is 400.
 */
describe('Idempotency-Key on creates (S23)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let ola: SignedIn;
  let hanne: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;
  let nils: SignedIn;
  let lise: SignedIn;
  let nabo: { childId: string; unitId: string };

  const withKey = (key: string, more: Record<string, string> = {}) => ({ 'idempotency-key': key, ...more });
  const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');
  const count = async (sql: string, params: unknown[] = []) =>
    (await queryOnce<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  /** A concern about Emma in Sentrum barnehage, told apart from every other by its description. */
  const concernBody = (description = `Trekker seg unna i lek (${randomUUID()})`) => ({
    unitId: world.sentrum,
    childId: world.emma,
    aroseOn: daysFromToday(-10),
    observedBy: 'pedagogisk leder',
    description,
    categories: ['wellbeing'],
  });
  const concernsDescribed = (description: string) => count('concern WHERE description = $1', [description]);

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    const second = await seedSecondMunicipality(t.db.ownerUrl);
    const [unit] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM unit WHERE name = 'Nabodal skole'`);
    nabo = { childId: second.childId, unitId: unit.id };
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    ola = await signIn(t.baseUrl, 'staff', 'Ola Berg');
    hanne = await signIn(t.baseUrl, 'staff', 'Hanne Moe');
    nils = await signIn(t.baseUrl, 'staff', 'Nils Nabo');
    lise = await signIn(t.baseUrl, 'staff', 'Lise Aas');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
  }, 90000);
  afterAll(() => t?.close());

  it('answers a retry with the first record, its body and ETag, and Idempotency-Replayed: true; creates nothing new', async () => {
    const key = randomUUID();
    const body = concernBody();
    const first = await api(kari, 'POST', '/api/concerns', body, withKey(key));
    expect(first).toMatchObject({ status: 201, replayed: null });
    const again = await api(kari, 'POST', '/api/concerns', body, withKey(key));
    expect(again).toMatchObject({ status: 201, replayed: 'true', etag: first.etag });
    expect(again.body).toEqual(first.body);
    expect(await concernsDescribed(body.description)).toBe(1);
    // The key's row holds hashes and what was made, never the body.
    const rows = await queryOnce<Record<string, unknown>>(t.db.ownerUrl, 'SELECT * FROM idempotency_key WHERE key_hash = $1', [
      hashOf(key),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        route: '/api/concerns',
        method: 'POST',
        resource_type: 'concern',
        resource_id: first.body.id,
        response_status: 201,
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(body.description);
  });

  it('takes the same body with its fields in another order as the same request', async () => {
    const key = randomUUID();
    const body = concernBody();
    const first = await api(kari, 'POST', '/api/concerns', body, withKey(key));
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
    const again = await api(kari, 'POST', '/api/concerns', reordered, withKey(key));
    expect(again).toMatchObject({ status: 201, replayed: 'true', body: { id: first.body.id } });
    expect(await concernsDescribed(body.description)).toBe(1);
  });

  it('refuses the same key with another body, or sent to another route, with 422 naming Idempotency-Key; creates nothing', async () => {
    const key = randomUUID();
    const body = concernBody();
    expect((await api(kari, 'POST', '/api/concerns', body, withKey(key))).status).toBe(201);
    const changed = { ...body, description: `${body.description} (endret)` };
    const other = await api(kari, 'POST', '/api/concerns', changed, withKey(key));
    expect(other).toMatchObject({
      status: 422,
      type: expect.stringMatching(/^application\/problem\+json/),
      body: { status: 422, errors: [{ field: 'Idempotency-Key', messages: [expect.stringContaining('another request')] }] },
    });
    expect(await concernsDescribed(changed.description)).toBe(0);
    const reports = await count('child_welfare_report');
    const elsewhere = await api(kari, 'POST', '/api/child-welfare-reports', newReportBody(world.sentrum, world.emma), withKey(key));
    expect(elsewhere).toMatchObject({ status: 422, body: { errors: [{ field: 'Idempotency-Key' }] } });
    expect(await count('child_welfare_report')).toBe(reports);
  });

  it('lets one of several identical requests sent at once create: the others get 409 or the replay; one row is made', async () => {
    const key = randomUUID();
    const body = concernBody();
    const answers = await Promise.all(Array.from({ length: 8 }, () => api(kari, 'POST', '/api/concerns', body, withKey(key))));
    const made = answers.filter((a) => a.status === 201 && a.replayed === null);
    const replays = answers.filter((a) => a.status === 201 && a.replayed === 'true');
    const busy = answers.filter((a) => a.status === 409);
    expect(made).toHaveLength(1);
    expect(made.length + replays.length + busy.length).toBe(answers.length);
    for (const replay of replays) expect(replay.body).toEqual(made[0].body);
    for (const refused of busy)
      expect(refused).toMatchObject({ type: expect.stringMatching(/^application\/problem\+json/), body: { status: 409 } });
    expect(await concernsDescribed(body.description)).toBe(1);
    expect(await count('idempotency_key WHERE key_hash = $1', [hashOf(key)])).toBe(1);
    // Once the first has committed, a retry is the replay.
    expect(await api(kari, 'POST', '/api/concerns', body, withKey(key))).toMatchObject({ status: 201, replayed: 'true' });
  });

  it('answers 409 problem+json at once while another request holds the key, creating nothing; then makes it', async () => {
    const key = randomUUID();
    const body = concernBody();
    const [kariRow] = await queryOnce<{ id: string; municipality_id: string }>(
      t.db.ownerUrl,
      `SELECT id, municipality_id FROM app_user WHERE subject = 'kari.larsen'`,
    );
    // The lock the first of two requests with this key would hold until its commit (http/idempotency-keys.ts).
    const holder = new Client({ connectionString: t.db.ownerUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [
        `idempotency:${kariRow.municipality_id}:${kariRow.id}:${hashOf(key)}`,
      ]);
      const busy = await api(kari, 'POST', '/api/concerns', body, withKey(key));
      expect(busy).toMatchObject({ status: 409, type: expect.stringMatching(/^application\/problem\+json/), body: { status: 409 } });
      expect(busy.body.detail).toMatch(/still being processed/);
      expect(await concernsDescribed(body.description)).toBe(0);
      expect(await count('idempotency_key WHERE key_hash = $1', [hashOf(key)])).toBe(0);
    } finally {
      await holder.end();
    }
    expect(await api(kari, 'POST', '/api/concerns', body, withKey(key))).toMatchObject({ status: 201, replayed: null });
    expect(await concernsDescribed(body.description)).toBe(1);
  });

  it('answers a retry after the caller lost access with 404 and nothing of the case: the consent was withdrawn', async () => {
    const kase = await openLevel2Case(api, kari, world, [anne, erik]);
    const text = `Helsesykepleier snakket med Emma (${randomUUID()})`;
    const key = randomUUID();
    const note = { text, category: 'wellbeing', shareHealthInformation: true };
    const first = await api(hanne, 'POST', `/api/cases/${kase.id}/log-entries`, note, withKey(key));
    expect(first.status).toBe(200);
    expect((await api(hanne, 'POST', `/api/cases/${kase.id}/log-entries`, note, withKey(key))).replayed).toBe('true');
    const [consent] = (await api(anne, 'GET', `/api/cases/${kase.id}/consents`)).body;
    const withdrawn = await api(
      anne,
      'POST',
      `/api/consents/${consent.id}/withdraw`,
      { reason: 'Vi trekker samtykket' },
      ifMatch(consent.version),
    );
    expect(withdrawn.status).toBe(200);

    const retry = await api(hanne, 'POST', `/api/cases/${kase.id}/log-entries`, note, withKey(key));
    expect(retry).toMatchObject({ status: 404, replayed: null, type: expect.stringMatching(/^application\/problem\+json/) });
    // Exactly what a case that does not exist is answered with: nothing of the stored answer.
    const missing = await api(hanne, 'POST', `/api/cases/${randomUUID()}/log-entries`, note, withKey(randomUUID()));
    expect({ ...retry.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
    expect(JSON.stringify(retry.body)).not.toMatch(/Emma|Helsesykepleier/);
    expect(await count(`case_log_entry WHERE case_id = $1 AND text = $2`, [kase.id, text])).toBe(1);
  });

  it('answers a retry after the caller lost access with 404: her unit left the team', async () => {
    const kase = await openLevel2Case(api, kari, world, [anne, erik]);
    // At level 2 the team needs a second service: PPT joins on a consent naming it, then the health station leaves.
    await giveConsent(api, kari, kase.id, [world.healthService, world.pptService], [anne, erik]);
    const key = randomUUID();
    const privateNote = { unitId: world.helsestasjon, text: `Helsestasjonens notat (${randomUUID()})` };
    expect((await api(hanne, 'POST', `/api/cases/${kase.id}/private-notes`, privateNote, withKey(key))).status).toBe(200);
    const joined = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/participants`,
      { unitId: world.ppt, role: 'advisory' },
      await currentVersion(api, kari, `/api/cases/${kase.id}`),
    );
    expect(joined.status).toBe(200);
    const health = joined.body.participants.find((p: { unitId: string; active: boolean }) => p.unitId === world.helsestasjon && p.active);
    const left = await api(kari, 'POST', `/api/cases/${kase.id}/participants/${health.id}/leave`, { reason: 'Ferdig' }, ifMatch(joined));
    expect(left.status).toBe(200);
    const retry = await api(hanne, 'POST', `/api/cases/${kase.id}/private-notes`, privateNote, withKey(key));
    expect(retry).toMatchObject({ status: 404, replayed: null });
    expect(JSON.stringify(retry.body)).not.toContain(privateNote.text);
    expect(await count('case_private_note WHERE text = $1', [privateNote.text])).toBe(1);
  });

  it('keeps a key to its user and municipality: another with the same key makes their own record', async () => {
    const key = randomUUID();
    const body = concernBody();
    const byKari = await api(kari, 'POST', '/api/concerns', body, withKey(key));
    // Ola leads Kari's unit and sends the very same request with her key: a concern of his own, not hers.
    const byOla = await api(ola, 'POST', '/api/concerns', body, withKey(key));
    expect(byOla).toMatchObject({ status: 201, replayed: null });
    expect(byOla.body.id).not.toBe(byKari.body.id);
    expect(byOla.body.isAuthor).toBe(true);
    // Nils, in the other municipality, with the same key: his own concern in his own unit.
    const naboBody = { ...body, unitId: nabo.unitId, childId: nabo.childId };
    const byNils = await api(nils, 'POST', '/api/concerns', naboBody, withKey(key));
    expect(byNils).toMatchObject({ status: 201, replayed: null });
    expect(elevenDigitRuns(JSON.stringify(byNils.body))).toEqual([]);
    // And Kari's key still answers Kari's concern.
    expect(await api(kari, 'POST', '/api/concerns', body, withKey(key))).toMatchObject({ replayed: 'true', body: { id: byKari.body.id } });
    const owners = await queryOnce<{ user_id: string; resource_id: string }>(
      t.db.ownerUrl,
      'SELECT user_id, resource_id FROM idempotency_key WHERE key_hash = $1 ORDER BY created_at',
      [hashOf(key)],
    );
    expect(owners.map((o) => o.resource_id).sort()).toEqual([byKari.body.id, byOla.body.id, byNils.body.id].sort());
    expect(new Set(owners.map((o) => o.user_id)).size).toBe(3);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'to ord'],
    ['two keys in one header', 'a, b'],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not ASCII', 'nøkkel'],
  ])('refuses a key %s with 400 naming Idempotency-Key, and creates nothing', async (_what, key) => {
    const body = concernBody();
    const res = await api(kari, 'POST', '/api/concerns', body, withKey(key));
    expect(res).toMatchObject({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/),
      body: { status: 400, errors: [{ field: 'Idempotency-Key' }] },
    });
    expect(await concernsDescribed(body.description)).toBe(0);
  });

  it('takes a key of 255 visible characters, and creates as before without one', async () => {
    const body = concernBody();
    expect((await api(kari, 'POST', '/api/concerns', body, withKey('~'.repeat(255)))).status).toBe(201);
    expect((await api(kari, 'POST', '/api/concerns', body)).status).toBe(201);
    expect((await api(kari, 'POST', '/api/concerns', body)).status).toBe(201);
    expect(await concernsDescribed(body.description)).toBe(3);
  });

  it('treats a key older than 24 hours as never sent: a new record, and the key now points at it', async () => {
    const key = randomUUID();
    const body = concernBody();
    const first = await api(kari, 'POST', '/api/concerns', body, withKey(key));
    await queryOnce(t.db.ownerUrl, `UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key_hash = $1`, [
      hashOf(key),
    ]);
    const later = await api(kari, 'POST', '/api/concerns', body, withKey(key));
    expect(later).toMatchObject({ status: 201, replayed: null });
    expect(later.body.id).not.toBe(first.body.id);
    const rows = await queryOnce<{ resource_id: string; fresh: boolean }>(
      t.db.ownerUrl,
      `SELECT resource_id, created_at > now() - interval '1 hour' AS fresh FROM idempotency_key WHERE key_hash = $1`,
      [hashOf(key)],
    );
    expect(rows).toEqual([{ resource_id: later.body.id, fresh: true }]);
  });

  describe('on every create', () => {
    /** What a create route's retry is checked with: who sends what, and the table whose rows it makes. */
    interface Create {
      who: () => SignedIn;
      path: string;
      body: unknown;
      headers?: Record<string, string>;
      /** Rows counted before and after: the first makes one, the retry none. */
      table: string;
      where?: [string, unknown[]];
    }
    let level2: { id: string; healthParticipantId: string };

    beforeAll(async () => {
      const kase = await openLevel1Case(api, kari, world);
      await giveConsent(api, kari, kase.id, [world.healthService, world.pptService], [anne, erik]);
      const escalated = await api(
        kari,
        'POST',
        `/api/cases/${kase.id}/level`,
        { toLevel: 2, reason: 'Helsestasjonen trengs', joining: [{ unitId: world.helsestasjon, role: 'health_follow_up' }] },
        await currentVersion(api, kari, `/api/cases/${kase.id}`),
      );
      const health = escalated.body.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon);
      level2 = { id: kase.id, healthParticipantId: health.id };
      await addLogNote(api, kari, kase.id, 'Oppstart', 'wellbeing');
    }, 60000);

    const c = () => `/api/cases/${level2.id}`;
    /** A new guardian per create: the same person twice on one child is a conflict. */
    let guardiansAdded = 0;
    const CREATES: Record<string, () => Promise<Create>> = {
      'POST /api/concerns': async () => ({ who: () => kari, path: '/api/concerns', body: concernBody(), table: 'concern' }),
      'POST /api/cases': async () => ({
        who: () => kari,
        path: '/api/cases',
        body: { concernId: await decidedConcern(api, kari, world) },
        table: 'coordinated_case',
      }),
      'POST /api/cases/{caseId}/goals': async () => ({
        who: () => kari,
        path: `${c()}/goals`,
        body: { text: `Emma trives (${randomUUID()})` },
        table: 'case_goal',
      }),
      'POST /api/cases/{caseId}/measures': async () => ({
        who: () => kari,
        path: `${c()}/measures`,
        body: { description: 'Samtaler om søvn', responsibleParticipantId: level2.healthParticipantId, evaluationDueOn: daysFromToday(30) },
        table: 'case_measure',
      }),
      'POST /api/cases/{caseId}/measures/{measureId}/evaluations': async () => {
        const description = `Til evaluering (${randomUUID()})`;
        const made = await api(kari, 'POST', `${c()}/measures`, {
          description,
          responsibleParticipantId: level2.healthParticipantId,
          evaluationDueOn: daysFromToday(30),
        });
        const measure = made.body.measures.find((m: { description: string }) => m.description === description);
        return {
          who: () => hanne,
          path: `${c()}/measures/${measure.id}/evaluations`,
          body: {
            evaluatedOn: daysFromToday(-1),
            effect: 'partly',
            childView: 'Det hjelper',
            decision: 'continue',
            nextEvaluationDueOn: daysFromToday(60),
          },
          // The measure's version as read; a retry sends the same one, stale by then, and is still the replay.
          headers: ifMatch(measure.version),
          table: 'measure_evaluation',
        };
      },
      'POST /api/cases/{caseId}/log-entries': async () => ({
        who: () => kari,
        path: `${c()}/log-entries`,
        body: { text: `Samtale med mor (${randomUUID()})` },
        table: 'case_log_entry',
      }),
      'POST /api/cases/{caseId}/private-notes': async () => ({
        who: () => kari,
        path: `${c()}/private-notes`,
        body: { unitId: world.sentrum, text: 'Internt' },
        table: 'case_private_note',
      }),
      'POST /api/cases/{caseId}/participants': async () => ({
        who: () => kari,
        path: `${c()}/participants`,
        body: { unitId: world.ppt, role: 'advisory' },
        headers: await currentVersion(api, kari, c()),
        table: 'case_participant',
      }),
      'POST /api/cases/{caseId}/transfers': async () => ({
        who: () => kari,
        path: `${c()}/transfers`,
        body: { toUserId: world.hanne },
        headers: await currentVersion(api, kari, c()),
        table: 'baton_transfer',
      }),
      'POST /api/cases/{caseId}/coordinator-wishes': async () => ({
        who: () => kari,
        path: `${c()}/coordinator-wishes`,
        body: { source: 'guardians', wish: 'Foreldrene ønsker Kari' },
        table: 'coordinator_wish',
      }),
      'POST /api/cases/{caseId}/meetings': async () => ({
        who: () => kari,
        path: `${c()}/meetings`,
        body: { meetingAt: instantDaysFromNow(20, 10), agenda: 'Status' },
        table: 'case_meeting',
      }),
      'POST /api/cases/{caseId}/consents': async () => ({
        who: () => kari,
        path: `${c()}/consents`,
        body: { purpose: 'Ny versjon', categories: ['wellbeing'], serviceIds: [world.healthService] },
        table: 'consent',
      }),
      'POST /api/anonymous-discussions': async () => ({
        who: () => kari,
        path: '/api/anonymous-discussions',
        body: newDiscussionBody(world.sentrum, world.helsestasjon),
        table: 'anonymous_discussion',
      }),
      'POST /api/anonymous-discussions/{id}/advice': async () => {
        const discussion = await api(kari, 'POST', '/api/anonymous-discussions', newDiscussionBody(world.sentrum, world.helsestasjon));
        return {
          who: () => hanne,
          path: `/api/anonymous-discussions/${discussion.body.id}/advice`,
          body: { text: 'Snakk med foresatte om søvn og rutiner.' },
          table: 'discussion_advice',
        };
      },
      'POST /api/child-welfare-reports': async () => ({
        who: () => kari,
        path: '/api/child-welfare-reports',
        body: newReportBody(world.sentrum, world.emma),
        table: 'child_welfare_report',
      }),
      'POST /api/children/{id}/guardians': async () => ({
        who: () => kari,
        path: `/api/children/${world.emma}/guardians`,
        body: {
          nationalId: syntheticNationalId(`1971-02-${String((guardiansAdded = guardiansAdded + 1)).padStart(2, '0')}`, 300),
          givenName: 'Idem',
          familyName: 'Potent',
          relation: 'annen_foresatt',
          parentalResponsibility: false,
        },
        table: 'guardianship',
      }),
      'POST /api/admin/units': async () => ({
        who: () => lise,
        path: '/api/admin/units',
        body: { serviceId: world.healthService, name: `Helsestasjon ${randomUUID().slice(0, 8)}` },
        table: 'unit',
      }),
      'POST /api/admin/services': async () => ({
        who: () => lise,
        path: '/api/admin/services',
        body: { kind: 'family_team', name: `Familieteam ${randomUUID().slice(0, 8)}` },
        table: 'service',
      }),
      'POST /api/admin/users': async () => ({
        who: () => lise,
        path: '/api/admin/users',
        body: { displayName: 'Idun Idempotent', email: `idun.${randomUUID().slice(0, 8)}@fjordvik.example` },
        table: 'app_user',
      }),
      'POST /api/admin/users/{id}/roles': async () => {
        const user = await api(lise, 'POST', '/api/admin/users', {
          displayName: 'Idun Rolle',
          email: `idun.r.${randomUUID().slice(0, 8)}@fjordvik.example`,
        });
        return {
          who: () => lise,
          path: `/api/admin/users/${user.body.id}/roles`,
          body: { role: 'privacy_officer' },
          table: 'role_assignment',
        };
      },
    };

    it('covers every route the API documents with an Idempotency-Key, and no other', async () => {
      const doc = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as {
        paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }> }>>;
      };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && !p.required))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented.sort()).toEqual(Object.keys(CREATES).sort());
      expect(documented).toHaveLength(20);
    });

    it.each(Object.keys(CREATES))('%s: the retry answers the first record, replayed, and makes no second row', async (route) => {
      const create = await CREATES[route]();
      const rows = () => count(create.table);
      const key = randomUUID();
      const before = await rows();
      const first = await api(create.who(), 'POST', create.path, create.body, withKey(key, create.headers));
      expect({ route, status: first.status, replayed: first.replayed }).toEqual({ route, status: expect.any(Number), replayed: null });
      expect(first.status).toBeLessThan(300);
      expect(await rows()).toBe(before + 1);
      const again = await api(create.who(), 'POST', create.path, create.body, withKey(key, create.headers));
      expect({ route, status: again.status, replayed: again.replayed }).toEqual({ route, status: first.status, replayed: 'true' });
      expect(again.body.id).toBe(first.body.id);
      expect(again.etag).toBe(first.etag);
      // The record as it is read now; nothing else happened in between, so it is the first answer (a new
      // discussion's estimate is given only in the answer that made it).
      if (route === 'POST /api/anonymous-discussions') expect(again.body).toEqual({ ...first.body, estimatedMatchingChildren: null });
      else expect(again.body).toEqual(first.body);
      expect(await rows()).toBe(before + 1);
    });
  });
});
