import { daysFromToday, instantDaysFromNow, queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { newDiscussionBody } from './authorization/matrix/discussions.matrix';
import { newReportBody } from './authorization/matrix/reports.matrix';
import {
  apiFor,
  ApiAnswer,
  CaseWorld,
  caseWorld,
  currentVersion,
  giveConsent,
  ifMatch,
  openLevel1Case,
  openLevel2Case,
} from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SECURITY.md S22 on every update of a shared record, over HTTP on PostgreSQL: without If-Match
 * 428 and nothing changed; with a version that is not the record's 412 and nothing changed; with the
 * version read, 2xx — and the ETag is the new version of the record the body is. A change of a goal,
 * measure or meeting (and an evaluation) names the part's version and answers the whole case: no
 * ETag then, and the part's new version in the body.
 */
describe('If-Match on every update of a shared record (S22)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let ola: SignedIn;
  let siri: SignedIn;
  let hanne: SignedIn;
  let jon: SignedIn;
  let lise: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;
  let ids: { municipality: string; erik: string; per: string };

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    ola = await signIn(t.baseUrl, 'staff', 'Ola Berg');
    siri = await signIn(t.baseUrl, 'staff', 'Siri Nilsen');
    hanne = await signIn(t.baseUrl, 'staff', 'Hanne Moe');
    jon = await signIn(t.baseUrl, 'staff', 'Jon Vik');
    lise = await signIn(t.baseUrl, 'staff', 'Lise Aas');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
    const one = async (sql: string) => (await queryOnce<{ id: string }>(t.db.ownerUrl, sql))[0].id;
    ids = {
      municipality: await one(`SELECT id FROM municipality WHERE code = '9999'`),
      erik: await one(`SELECT id FROM app_user WHERE display_name = 'Erik Nordmann'`),
      per: await one(`SELECT id FROM app_user WHERE subject = 'per.lund'`),
    };
  }, 90000);
  afterAll(() => t?.close());

  /** The record an update changes: its table and id; `part` when the answer is the whole case with the part in a list. */
  interface Target {
    table: string;
    id: string;
    part?: 'goals' | 'measures' | 'meetings';
  }
  /** One update, on a record made for it in a state where the change is allowed. */
  interface Update {
    who: SignedIn;
    method: 'POST' | 'PATCH';
    path: string;
    body?: unknown;
    target: Target;
    /** Further rows the change would write (a participant, an answer, an evaluation): counted before and after. */
    writes?: string[];
    cleanup?: () => Promise<void>;
  }

  const c = (caseId: string) => `/api/cases/${caseId}`;
  const caseTarget = (id: string): Target => ({ table: 'coordinated_case', id });
  const json = async (answer: Promise<ApiAnswer>) => {
    const a = await answer;
    if (a.status >= 300) throw new Error(`preparing: ${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  };
  /** A level-2 case whose consent names the health station and PPT (PPT may join), with the health station taking part. */
  const collaboration = async () => {
    const kase = await openLevel1Case(api, kari, world);
    await giveConsent(api, kari, kase.id, [world.healthService, world.pptService], [anne, erik]);
    return json(
      api(
        kari,
        'POST',
        `${c(kase.id)}/level`,
        { toLevel: 2, reason: 'Helsestasjonen trengs', joining: [{ unitId: world.helsestasjon, role: 'health_follow_up' }] },
        await currentVersion(api, kari, c(kase.id)),
      ),
    );
  };
  const withTransfer = async () => {
    const kase = await openLevel2Case(api, kari, world, [anne, erik]);
    const asked = await json(api(kari, 'POST', `${c(kase.id)}/transfers`, { toUserId: world.hanne }, ifMatch(kase.version)));
    return { caseId: kase.id as string, transferId: asked.pendingTransfer.id as string };
  };
  const withMeasure = async () => {
    const kase = await openLevel2Case(api, kari, world, [anne, erik]);
    const health = kase.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon);
    const made = await json(
      api(kari, 'POST', `${c(kase.id)}/measures`, {
        description: 'Samtaler om søvn',
        responsibleParticipantId: health.id,
        evaluationDueOn: daysFromToday(30),
      }),
    );
    return { caseId: kase.id as string, measureId: made.measures[0].id as string };
  };
  const withMeeting = async (decisions?: string) => {
    const kase = await openLevel1Case(api, kari, world);
    const made = await json(
      api(kari, 'POST', `${c(kase.id)}/meetings`, {
        meetingAt: instantDaysFromNow(9, 10),
        agenda: 'Status',
        ...(decisions ? { decisions } : {}),
      }),
    );
    return { caseId: kase.id as string, meetingId: made.meetings[0].id as string };
  };
  const concern = async () =>
    json(
      api(kari, 'POST', '/api/concerns', {
        unitId: world.sentrum,
        childId: world.emma,
        aroseOn: daysFromToday(-10),
        observedBy: 'pedagogisk leder',
        description: 'Virker sliten.',
        categories: ['wellbeing'],
      }),
    );
  const draftConsent = async () => {
    const kase = await openLevel1Case(api, kari, world);
    return json(
      api(kari, 'POST', `${c(kase.id)}/consents`, { purpose: 'Samarbeid', categories: ['wellbeing'], serviceIds: [world.healthService] }),
    );
  };
  const pendingConsent = async () => {
    const draft = await draftConsent();
    return json(api(kari, 'POST', `/api/consents/${draft.id}/submit`, {}, ifMatch(draft.version)));
  };
  const consentTarget = (id: string): Target => ({ table: 'consent', id });

  const UPDATES: Record<string, () => Promise<Update>> = {
    'PATCH /api/concerns/{id}/steps': async () => {
      const made = await concern();
      return {
        who: kari,
        method: 'PATCH',
        path: `/api/concerns/${made.id}/steps`,
        body: { talkedWithChildOn: daysFromToday(-9) },
        target: { table: 'concern', id: made.id },
      };
    },
    'POST /api/concerns/{id}/decision': async () => {
      const made = await concern();
      return {
        who: ola,
        method: 'POST',
        path: `/api/concerns/${made.id}/decision`,
        body: { decision: 'close', reason: 'Avklart med foresatte' },
        target: { table: 'concern', id: made.id },
      };
    },
    'POST /api/cases/{id}/level': async () => {
      const kase = await collaboration();
      return {
        who: kari,
        method: 'POST',
        path: `${c(kase.id)}/level`,
        body: { toLevel: 3, reason: 'Omfattende behov', joining: [{ unitId: world.ppt, role: 'advisory' }] },
        target: caseTarget(kase.id),
        writes: ['case_level_decision', 'case_participant'],
      };
    },
    'POST /api/cases/{id}/close': async () => {
      const kase = await openLevel1Case(api, kari, world);
      return { who: kari, method: 'POST', path: `${c(kase.id)}/close`, body: { reason: 'goals_reached' }, target: caseTarget(kase.id) };
    },
    'POST /api/cases/{id}/reopen': async () => {
      const kase = await openLevel1Case(api, kari, world);
      await json(api(kari, 'POST', `${c(kase.id)}/close`, { reason: 'goals_reached' }, ifMatch(kase.version)));
      return { who: kari, method: 'POST', path: `${c(kase.id)}/reopen`, body: { reason: 'Ny bekymring' }, target: caseTarget(kase.id) };
    },
    'POST /api/cases/{caseId}/participants': async () => {
      const kase = await collaboration();
      return {
        who: kari,
        method: 'POST',
        path: `${c(kase.id)}/participants`,
        body: { unitId: world.ppt, role: 'advisory' },
        target: caseTarget(kase.id),
        writes: ['case_participant', 'case_access_grant'],
      };
    },
    'POST /api/cases/{caseId}/participants/{participantId}/leave': async () => {
      const kase = await collaboration();
      const joined = await json(
        api(kari, 'POST', `${c(kase.id)}/participants`, { unitId: world.ppt, role: 'advisory' }, ifMatch(kase.version)),
      );
      const ppt = joined.participants.find((p: { unitId: string }) => p.unitId === world.ppt);
      return {
        who: kari,
        method: 'POST',
        path: `${c(kase.id)}/participants/${ppt.id}/leave`,
        body: { reason: 'Ferdig' },
        target: caseTarget(kase.id),
        writes: ['case_access_grant'],
      };
    },
    'POST /api/cases/{caseId}/transfers': async () => {
      const kase = await openLevel2Case(api, kari, world, [anne, erik]);
      return {
        who: kari,
        method: 'POST',
        path: `${c(kase.id)}/transfers`,
        body: { toUserId: world.hanne },
        target: caseTarget(kase.id),
        writes: ['baton_transfer'],
      };
    },
    'POST /api/cases/{caseId}/transfers/{transferId}/accept': async () => {
      const { caseId, transferId } = await withTransfer();
      return { who: hanne, method: 'POST', path: `${c(caseId)}/transfers/${transferId}/accept`, target: caseTarget(caseId) };
    },
    'POST /api/cases/{caseId}/transfers/{transferId}/decline': async () => {
      const { caseId, transferId } = await withTransfer();
      return {
        who: hanne,
        method: 'POST',
        path: `${c(caseId)}/transfers/${transferId}/decline`,
        body: { reason: 'Ikke kapasitet' },
        target: caseTarget(caseId),
      };
    },
    'POST /api/cases/{caseId}/transfers/{transferId}/cancel': async () => {
      const { caseId, transferId } = await withTransfer();
      return { who: kari, method: 'POST', path: `${c(caseId)}/transfers/${transferId}/cancel`, target: caseTarget(caseId) };
    },
    'POST /api/cases/{caseId}/reassign': async () => {
      // Siri coordinates and is disabled: the leader of her unit takes the baton.
      const kase = await openLevel1Case(api, siri, world);
      await queryOnce(t.db.ownerUrl, `UPDATE app_user SET active = false WHERE id = $1`, [world.siri]);
      return {
        who: ola,
        method: 'POST',
        path: `${c(kase.id)}/reassign`,
        body: { reason: 'Siri har sluttet' },
        target: caseTarget(kase.id),
        cleanup: async () => {
          await queryOnce(t.db.ownerUrl, `UPDATE app_user SET active = true WHERE id = $1`, [world.siri]);
        },
      };
    },
    'PATCH /api/cases/{caseId}/goals/{goalId}': async () => {
      const kase = await openLevel1Case(api, kari, world);
      const made = await json(api(kari, 'POST', `${c(kase.id)}/goals`, { text: 'Emma trives' }));
      return {
        who: kari,
        method: 'PATCH',
        path: `${c(kase.id)}/goals/${made.goals[0].id}`,
        body: { achieved: true },
        target: { table: 'case_goal', id: made.goals[0].id, part: 'goals' },
      };
    },
    'PATCH /api/cases/{caseId}/measures/{measureId}': async () => {
      const { caseId, measureId } = await withMeasure();
      return {
        who: hanne,
        method: 'PATCH',
        path: `${c(caseId)}/measures/${measureId}`,
        body: { description: 'Samtaler om søvn og mat' },
        target: { table: 'case_measure', id: measureId, part: 'measures' },
      };
    },
    'POST /api/cases/{caseId}/measures/{measureId}/evaluations': async () => {
      const { caseId, measureId } = await withMeasure();
      return {
        who: hanne,
        method: 'POST',
        path: `${c(caseId)}/measures/${measureId}/evaluations`,
        body: {
          evaluatedOn: daysFromToday(-1),
          effect: 'partly',
          childView: 'Det hjelper',
          decision: 'continue',
          nextEvaluationDueOn: daysFromToday(60),
        },
        target: { table: 'case_measure', id: measureId, part: 'measures' },
        writes: ['measure_evaluation'],
      };
    },
    'PATCH /api/cases/{caseId}/meetings/{meetingId}': async () => {
      const { caseId, meetingId } = await withMeeting();
      return {
        who: kari,
        method: 'PATCH',
        path: `${c(caseId)}/meetings/${meetingId}`,
        body: { agenda: 'Status og plan' },
        target: { table: 'case_meeting', id: meetingId, part: 'meetings' },
      };
    },
    'POST /api/cases/{caseId}/meetings/{meetingId}/finalize': async () => {
      const { caseId, meetingId } = await withMeeting('Fortsette samtalene');
      return {
        who: kari,
        method: 'POST',
        path: `${c(caseId)}/meetings/${meetingId}/finalize`,
        target: { table: 'case_meeting', id: meetingId, part: 'meetings' },
      };
    },
    'POST /api/consents/{id}/submit': async () => {
      const draft = await draftConsent();
      return { who: kari, method: 'POST', path: `/api/consents/${draft.id}/submit`, body: {}, target: consentTarget(draft.id) };
    },
    'POST /api/consents/{id}/sign': async () => {
      const pending = await pendingConsent();
      return {
        who: anne,
        method: 'POST',
        path: `/api/consents/${pending.id}/sign`,
        target: consentTarget(pending.id),
        writes: ['consent_answer'],
      };
    },
    'POST /api/consents/{id}/decline': async () => {
      const pending = await pendingConsent();
      return {
        who: anne,
        method: 'POST',
        path: `/api/consents/${pending.id}/decline`,
        target: consentTarget(pending.id),
        writes: ['consent_answer'],
      };
    },
    'POST /api/consents/{id}/withdraw': async () => {
      const kase = await openLevel2Case(api, kari, world, [anne, erik]);
      const [active] = await json(api(anne, 'GET', `${c(kase.id)}/consents`));
      return {
        who: anne,
        method: 'POST',
        path: `/api/consents/${active.id}/withdraw`,
        body: { reason: 'Vi trekker samtykket' },
        target: consentTarget(active.id),
        writes: ['case_access_grant'],
      };
    },
    'POST /api/consents/{id}/answers': async () => {
      const pending = await pendingConsent();
      return {
        who: kari,
        method: 'POST',
        path: `/api/consents/${pending.id}/answers`,
        body: { signerKey: ids.erik, decision: 'signed', method: 'paper', note: 'Signert skjema mottatt' },
        target: consentTarget(pending.id),
        writes: ['consent_answer'],
      };
    },
    'POST /api/anonymous-discussions/{id}/close': async () => {
      const made = await json(api(kari, 'POST', '/api/anonymous-discussions', newDiscussionBody(world.sentrum, world.helsestasjon)));
      return {
        who: kari,
        method: 'POST',
        path: `/api/anonymous-discussions/${made.id}/close`,
        target: { table: 'anonymous_discussion', id: made.id },
      };
    },
    'POST /api/child-welfare-reports/{id}/review': async () => {
      const made = await json(api(kari, 'POST', '/api/child-welfare-reports', newReportBody(world.sentrum, world.emma)));
      return {
        who: jon,
        method: 'POST',
        path: `/api/child-welfare-reports/${made.id}/review`,
        target: { table: 'child_welfare_report', id: made.id },
      };
    },
    'POST /api/child-welfare-reports/{id}/receipt': async () => {
      const made = await json(api(kari, 'POST', '/api/child-welfare-reports', newReportBody(world.sentrum, world.emma)));
      return {
        who: jon,
        method: 'POST',
        path: `/api/child-welfare-reports/${made.id}/receipt`,
        target: { table: 'child_welfare_report', id: made.id },
      };
    },
    'PATCH /api/admin/users/{id}': async () => ({
      who: lise,
      method: 'PATCH',
      path: `/api/admin/users/${ids.per}`,
      body: { active: true },
      target: { table: 'app_user', id: ids.per },
    }),
    'PATCH /api/admin/settings': async () => ({
      who: lise,
      method: 'PATCH',
      path: '/api/admin/settings',
      body: { concernDecisionDays: 14 },
      target: { table: 'municipality', id: ids.municipality },
    }),
    'PATCH /api/admin/units/{id}': async () => ({
      who: lise,
      method: 'PATCH',
      path: `/api/admin/units/${world.ppt}`,
      body: { name: 'PPT Fjordvik' },
      target: { table: 'unit', id: world.ppt },
    }),
    'POST /api/admin/units/{id}/close': async () => {
      const unit = await json(
        api(lise, 'POST', '/api/admin/units', { serviceId: world.pptService, name: `PPT filial ${randomUUID().slice(0, 8)}` }),
      );
      return { who: lise, method: 'POST', path: `/api/admin/units/${unit.id}/close`, target: { table: 'unit', id: unit.id } };
    },
    'PATCH /api/admin/services/{id}': async () => ({
      who: lise,
      method: 'PATCH',
      path: `/api/admin/services/${world.pptService}`,
      body: { name: 'PPT' },
      target: { table: 'service', id: world.pptService },
    }),
    'POST /api/admin/users/{id}/roles/{roleId}/end': async () => {
      const user = await json(
        api(lise, 'POST', '/api/admin/users', { displayName: 'Ida Ifmatch', email: `ida.${randomUUID().slice(0, 8)}@fjordvik.example` }),
      );
      const role = await json(api(lise, 'POST', `/api/admin/users/${user.id}/roles`, { role: 'staff', unitId: world.ppt }));
      return {
        who: lise,
        method: 'POST',
        path: `/api/admin/users/${user.id}/roles/${role.id}/end`,
        body: {},
        target: { table: 'role_assignment', id: role.id },
      };
    },
  };

  it('covers every route the API documents with a required If-Match, and no other', async () => {
    const doc = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }> }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match' && p.required))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(Object.keys(UPDATES).sort());
    // No route takes an If-Match it does not require.
    const optional = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match' && !p.required))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(optional).toEqual([]);
  });

  it.each(Object.keys(UPDATES))(
    '%s: 428 without If-Match, 412 when stale, both changing nothing; then 2xx with the new version',
    async (route) => {
      const update = await UPDATES[route]();
      try {
        const { table, id, part } = update.target;
        const row = async () => (await queryOnce<Record<string, unknown>>(t.db.ownerUrl, `SELECT * FROM ${table} WHERE id = $1`, [id]))[0];
        const writes = async () => {
          const n: Record<string, number> = {};
          for (const w of update.writes ?? [])
            n[w] = (await queryOnce<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM ${w}`))[0].n;
          return n;
        };
        const before = { row: await row(), writes: await writes() };
        const version = before.row['version'] as number;
        expect(version).toEqual(expect.any(Number));
        const send = (headers: Record<string, string> = {}) => api(update.who, update.method, update.path, update.body, headers);

        const missing = await send();
        expect({ route, status: missing.status }).toEqual({ route, status: 428 });
        expect(missing).toMatchObject({
          type: expect.stringMatching(/^application\/problem\+json/),
          body: { status: 428, title: 'Precondition Required' },
        });
        expect({ row: await row(), writes: await writes() }).toEqual(before);

        const stale = await send(ifMatch(version - 1));
        expect({ route, status: stale.status }).toEqual({ route, status: 412 });
        expect(stale).toMatchObject({ type: expect.stringMatching(/^application\/problem\+json/), body: { status: 412 } });
        expect(stale.body.detail).toMatch(/changed by someone else/);
        expect({ row: await row(), writes: await writes() }).toEqual(before);

        const current = await send(ifMatch(version));
        expect({ route, status: current.status }).toEqual({ route, status: 200 });
        const now = (await row())['version'] as number;
        expect(now).toBeGreaterThan(version);
        if (part) {
          // The whole case, without the case's ETag (it would read as the part's); the part's new version in the body.
          expect(current.etag).toBeNull();
          expect(current.body[part].find((p: { id: string }) => p.id === id)).toMatchObject({ version: now });
        } else {
          expect(current.etag).toBe(`"${now}"`);
          // A body that is the record carries the same version (the settings are the municipality's, and carry none).
          if (table !== 'municipality') expect(current.body.version).toBe(now);
        }
        // What was read before the change is stale now.
        expect((await send(ifMatch(version))).status).toBe(412);
      } finally {
        await update.cleanup?.();
      }
    },
  );

  it('takes the ETag as sent (weak or unquoted too) and refuses anything else, "*" included, with 400 naming If-Match', async () => {
    const made = await concern();
    const path = `/api/concerns/${made.id}/steps`;
    for (const header of ['*', 'latest', '"1", "2"', '"-1"'])
      expect(await api(kari, 'PATCH', path, { talkedWithChildOn: daysFromToday(-9) }, { 'if-match': header })).toMatchObject({
        status: 400,
        body: { errors: [{ field: 'If-Match' }] },
      });
    expect((await api(kari, 'PATCH', path, { talkedWithChildOn: daysFromToday(-9) }, { 'if-match': 'W/"1"' })).status).toBe(200);
    expect((await api(kari, 'PATCH', path, { talkedWithChildOn: daysFromToday(-8) }, { 'if-match': '2' })).status).toBe(200);
  });

  it('sends no ETag the API did not mean: none on lists and reads of what has no version, the version on what has one', async () => {
    const made = await concern();
    const list = await api(kari, 'GET', '/api/concerns');
    expect(list.etag).toBeNull();
    expect((await api(kari, 'GET', '/api/me')).etag).toBeNull();
    expect((await api(kari, 'GET', `/api/concerns/${made.id}`)).etag).toBe(`"${made.version}"`);
    const report = await json(api(kari, 'POST', '/api/child-welfare-reports', newReportBody(world.sentrum, world.emma)));
    expect((await api(jon, 'GET', `/api/child-welfare-reports/${report.id}`)).etag).toBe(`"${report.version}"`);
    expect((await api(lise, 'GET', `/api/admin/units/${world.ppt}`)).etag).toMatch(/^"\d+"$/);
    expect((await api(lise, 'GET', '/api/admin/settings')).etag).toMatch(/^"\d+"$/);
    // Nothing identifies a version but the version: no weak body hashes.
    expect((await api(kari, 'GET', `/api/concerns/${randomUUID()}`)).etag).toBeNull();
  });
});
