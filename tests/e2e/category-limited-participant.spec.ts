import { daysFromToday, instantDaysFromNow, queryOnce } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { ROUTE_MATRIX } from './authorization/route-matrix';
import { elevenDigitRuns } from './support/identity-numbers';
import {
  addLogNote,
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
 * Issue 10, point 7: a participant whose consent covers one category, over every route of the
 * authorization matrix. Hanne (health nurse) takes part in a level-2 case on a consent naming the
 * health station for `wellbeing` only; Kari (coordinator) writes a goal, measures, a meeting, an
 * evaluation and a note in `health` — each text carrying a marker word — and one of each in
 * `wellbeing`. Nothing of the health-category content, nor its count, time or existence, may reach
 * Hanne by any route; what the consent covers reaches her everywhere it belongs. Then a unit whose
 * consent was replaced by a version without its service is not named to her.
 */
describe('a participant whose consent covers one category, over every route (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let hanne: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;

  /** Every health-category text holds this word; none of it may reach Hanne. */
  const HEALTH = 'HELSEMERKE';
  /** The kindergarten's private note: it never leaves its unit, consent or not. */
  const KINDERGARTEN_NOTE = 'BARNEHAGEMERKE intern vurdering';
  const WELLBEING = {
    goal: 'Emma trives i barnehagen (trivselsmål)',
    measure: 'Samtaler om trivsel med helsesykepleier',
    agenda: 'Trivselsmøte: hvordan har Emma det',
    note: 'Emma lekte med flere barn denne uken',
  };

  interface Fixture {
    caseId: string;
    concernId: string;
    consentId: string;
    healthParticipantId: string;
    health: { goal: string; measure: string; overdueMeasure: string; meeting: string; note: string };
    wellbeing: { goal: string; measure: string; meeting: string; meetingAt: string; note: string };
  }
  let f: Fixture;

  /** The answer as a client compares it: all of it but the request id. */
  const comparable = (a: ApiAnswer) => ({ status: a.status, body: { ...a.body, requestId: undefined } });
  const must = async (answer: Promise<ApiAnswer>, status = 200) => {
    const a = await answer;
    if (a.status !== status) throw new Error(`expected ${status}, got ${a.status}: ${JSON.stringify(a.body)}`);
    return a.body;
  };
  const idOf = (list: Array<{ id: string; [k: string]: unknown }>, field: string, value: string) =>
    (list.find((x) => x[field] === value) as { id: string }).id;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    hanne = await signIn(t.baseUrl, 'staff', 'Hanne Moe');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');

    const kase = await openLevel2Case(api, kari, world, [anne, erik], { categories: ['wellbeing'] });
    const url = `/api/cases/${kase.id}`;
    const healthParticipantId = kase.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon).id;
    const consentId = (await must(api(kari, 'GET', `${url}/consents`)))[0].id;

    // In `health`: what the consent does not cover.
    const healthMeetingAt = instantDaysFromNow(2, 10);
    let c = await must(api(kari, 'POST', `${url}/goals`, { category: 'health', text: `${HEALTH} mål om søvnutredning` }));
    c = await must(
      api(kari, 'POST', `${url}/measures`, {
        category: 'health',
        description: `${HEALTH} oppfølging av astmamedisin`,
        responsibleParticipantId: healthParticipantId,
        evaluationDueOn: daysFromToday(5),
      }),
    );
    const healthMeasure = idOf(c.measures, 'description', `${HEALTH} oppfølging av astmamedisin`);
    c = await must(
      api(
        kari,
        'POST',
        `${url}/measures/${healthMeasure}/evaluations`,
        {
          evaluatedOn: daysFromToday(0),
          effect: 'partly',
          childView: `${HEALTH} Emma sier pusten er bedre`,
          decision: 'continue',
          note: `${HEALTH} ny dose fra legen`,
          nextEvaluationDueOn: daysFromToday(5),
        },
        ifMatch(1),
      ),
    );
    c = await must(
      api(kari, 'POST', `${url}/measures`, {
        category: 'health',
        description: `${HEALTH} kontroll hos fastlegen`,
        responsibleParticipantId: healthParticipantId,
        evaluationDueOn: daysFromToday(1),
      }),
    );
    const overdueMeasure = idOf(c.measures, 'description', `${HEALTH} kontroll hos fastlegen`);
    // A measure cannot be made with a due date in the past: this one's date passes (as it would with time).
    await queryOnce(t.db.ownerUrl, `UPDATE case_measure SET evaluation_due_on = current_date - 3 WHERE id = $1`, [overdueMeasure]);
    c = await must(
      api(kari, 'POST', `${url}/meetings`, {
        category: 'health',
        meetingAt: healthMeetingAt,
        agenda: `${HEALTH} gjennomgang av epikrise`,
        decisions: `${HEALTH} henvise til BUP`,
        otherAttendees: `${HEALTH} fastlege`,
      }),
    );
    const healthMeeting = idOf(c.meetings, 'meetingAt', healthMeetingAt);
    const healthNote = await addLogNote(api, kari, kase.id, `${HEALTH} legen fant forhøyet blodtrykk`, 'health');
    await must(api(kari, 'POST', `${url}/private-notes`, { unitId: world.sentrum, text: KINDERGARTEN_NOTE }));

    // In `wellbeing`: what it covers; its meeting is later than the health one, so a leaked "next meeting" shows.
    const wellbeingMeetingAt = instantDaysFromNow(5, 10);
    c = await must(api(kari, 'POST', `${url}/goals`, { category: 'wellbeing', text: WELLBEING.goal }));
    c = await must(
      api(kari, 'POST', `${url}/measures`, {
        category: 'wellbeing',
        description: WELLBEING.measure,
        responsibleParticipantId: healthParticipantId,
        evaluationDueOn: daysFromToday(6),
      }),
    );
    c = await must(
      api(kari, 'POST', `${url}/meetings`, { category: 'wellbeing', meetingAt: wellbeingMeetingAt, agenda: WELLBEING.agenda }),
    );
    const wellbeingNote = await addLogNote(api, kari, kase.id, WELLBEING.note, 'wellbeing');

    f = {
      caseId: kase.id,
      concernId: kase.concernId,
      consentId,
      healthParticipantId,
      health: {
        goal: idOf(c.goals, 'text', `${HEALTH} mål om søvnutredning`),
        measure: healthMeasure,
        overdueMeasure,
        meeting: healthMeeting,
        note: healthNote,
      },
      wellbeing: {
        goal: idOf(c.goals, 'text', WELLBEING.goal),
        measure: idOf(c.measures, 'description', WELLBEING.measure),
        meeting: idOf(c.meetings, 'meetingAt', wellbeingMeetingAt),
        meetingAt: wellbeingMeetingAt,
        note: wellbeingNote,
      },
    };
    // The markers are there to be found: the coordinator sees every health item (else their absence would prove nothing).
    const asKari = JSON.stringify(await must(api(kari, 'GET', url)));
    expect(asKari.split(HEALTH).length - 1).toBe(9);
    expect(asKari).toContain(KINDERGARTEN_NOTE);
  }, 120000);
  afterAll(() => t?.close());

  /**
   * A request for one route of the matrix, as Hanne, on a case's ids; with the status she must get.
   * `headers` may be read just before the call (the version a change is based on, read as she may read it).
   */
  interface HanneCall {
    method: string;
    path: string;
    body?: unknown;
    headers?: Record<string, string> | (() => Promise<Record<string, string>>);
    status: number;
  }
  interface OnCase {
    caseId: string;
    concernId: string;
    consentId: string;
    healthParticipantId: string;
    /** A wellbeing note, a wellbeing measure she is responsible for, and a health goal and meeting (not hers to see). */
    noteId: string;
    measureId: string;
    goalId: string;
    meetingId: string;
  }

  /**
   * Every route of the matrix as Hanne: GET routes on the case's ids; the writes she may do that
   * answer the case, done harmlessly; every other write with what it is refused with (so its
   * refusal is checked too, and nothing is written). Only logout is left out: it ends her session
   * and answers nothing.
   */
  async function hanneCalls(on: OnCase): Promise<Record<string, HanneCall | { skipped: string }>> {
    const c = `/api/cases/${on.caseId}`;
    const nowhere = randomUUID();
    const measure = (await must(api(hanne, 'GET', c))).measures.find((m: { id: string }) => m.id === on.measureId);
    // The versions as they are when each call is made: the calls before it change the case and the measure.
    const caseTag = () => currentVersion(api, hanne, c);
    const consentTag = () => currentVersion(api, hanne, `/api/consents/${on.consentId}`);
    const measureTag = async () =>
      ifMatch((await must(api(hanne, 'GET', c))).measures.find((m: { id: string }) => m.id === on.measureId).version);
    // A record she does not see is refused before its version is compared: any version will do.
    const anyVersion = ifMatch(1);
    return {
      'GET /api/health/live': { method: 'GET', path: '/api/health/live', status: 200 },
      'GET /api/health/ready': { method: 'GET', path: '/api/health/ready', status: 200 },
      'GET /api/municipalities': { method: 'GET', path: '/api/municipalities', status: 200 },
      'GET /api/municipalities/{code}/organisation': { method: 'GET', path: '/api/municipalities/9999/organisation', status: 200 },
      'GET /api/auth/login': { method: 'GET', path: '/api/auth/login?as=staff', status: 302 },
      'GET /api/auth/callback': { method: 'GET', path: '/api/auth/callback?code=forged&state=forged', status: 401 },
      'POST /api/auth/logout': { skipped: 'ends her session and answers where to end the provider’s' },
      'GET /api/me': { method: 'GET', path: '/api/me', status: 200 },
      // Staff: no citizen users, no family overview, no switching.
      'GET /api/me/municipalities': { method: 'GET', path: '/api/me/municipalities', status: 200 },
      'POST /api/me/municipality': { method: 'POST', path: '/api/me/municipality', body: { userId: nowhere }, status: 403 },
      'GET /api/family/overview': { method: 'GET', path: '/api/family/overview', status: 403 },
      'GET /api/children': { method: 'GET', path: '/api/children', status: 200 },
      'GET /api/children/{id}': { method: 'GET', path: `/api/children/${world.emma}`, status: 404 },
      'GET /api/admin/users': { method: 'GET', path: '/api/admin/users', status: 403 },
      // Register imports are the administrator's; Emma is no child of Hanne's unit, so no guardian of hers to register.
      'POST /api/admin/imports/population': { method: 'POST', path: '/api/admin/imports/population', body: { children: [] }, status: 403 },
      'POST /api/admin/imports/enrolments': {
        method: 'POST',
        path: '/api/admin/imports/enrolments',
        body: { enrolments: [] },
        status: 403,
      },
      'POST /api/children/{id}/guardians': {
        method: 'POST',
        path: `/api/children/${world.emma}/guardians`,
        body: {
          nationalId: '02828810130',
          givenName: 'Ikke',
          familyName: 'Henne',
          relation: 'annen_foresatt',
          parentalResponsibility: false,
        },
        status: 404,
      },
      'PATCH /api/admin/users/{id}': {
        method: 'PATCH',
        path: `/api/admin/users/${world.siri}`,
        body: { active: true },
        headers: anyVersion,
        status: 403,
      },
      'GET /api/admin/settings': { method: 'GET', path: '/api/admin/settings', status: 403 },
      'PATCH /api/admin/settings': {
        method: 'PATCH',
        path: '/api/admin/settings',
        body: { concernDecisionDays: 14 },
        headers: anyVersion,
        status: 403,
      },
      'POST /api/admin/units': {
        method: 'POST',
        path: '/api/admin/units',
        body: { serviceId: world.healthService, name: 'X' },
        status: 403,
      },
      'GET /api/admin/units/{id}': { method: 'GET', path: `/api/admin/units/${world.helsestasjon}`, status: 403 },
      'PATCH /api/admin/units/{id}': {
        method: 'PATCH',
        path: `/api/admin/units/${world.helsestasjon}`,
        body: { name: 'X' },
        headers: anyVersion,
        status: 403,
      },
      'POST /api/admin/units/{id}/close': {
        method: 'POST',
        path: `/api/admin/units/${world.helsestasjon}/close`,
        headers: anyVersion,
        status: 403,
      },
      'GET /api/admin/services': { method: 'GET', path: '/api/admin/services', status: 403 },
      'POST /api/admin/services': { method: 'POST', path: '/api/admin/services', body: { kind: 'nav', name: 'X' }, status: 403 },
      'GET /api/admin/services/{id}': { method: 'GET', path: `/api/admin/services/${world.healthService}`, status: 403 },
      'PATCH /api/admin/services/{id}': {
        method: 'PATCH',
        path: `/api/admin/services/${world.healthService}`,
        body: { name: 'X' },
        headers: anyVersion,
        status: 403,
      },
      'POST /api/admin/users': { method: 'POST', path: '/api/admin/users', body: { displayName: 'X', email: 'x@x.example' }, status: 403 },
      'GET /api/admin/users/{id}': { method: 'GET', path: `/api/admin/users/${world.siri}`, status: 403 },
      'GET /api/admin/users/{id}/roles': { method: 'GET', path: `/api/admin/users/${world.siri}/roles`, status: 403 },
      'POST /api/admin/users/{id}/roles': {
        method: 'POST',
        path: `/api/admin/users/${world.siri}/roles`,
        body: { role: 'admin' },
        status: 403,
      },
      'POST /api/admin/users/{id}/roles/{roleId}/end': {
        method: 'POST',
        path: `/api/admin/users/${world.siri}/roles/${world.siri}/end`,
        body: {},
        headers: anyVersion,
        status: 403,
      },
      'GET /api/audit-events': { method: 'GET', path: `/api/audit-events?childId=${world.emma}`, status: 403 },
      'POST /api/concerns': {
        method: 'POST',
        path: '/api/concerns',
        body: {
          unitId: world.sentrum,
          childId: world.emma,
          aroseOn: daysFromToday(-1),
          observedBy: 'helsesykepleier',
          description: 'Refused: not her unit',
          categories: ['health'],
        },
        status: 400,
      },
      'GET /api/concerns': { method: 'GET', path: '/api/concerns', status: 200 },
      'GET /api/concerns/{id}': { method: 'GET', path: `/api/concerns/${on.concernId}`, status: 404 },
      'PATCH /api/concerns/{id}/steps': {
        method: 'PATCH',
        path: `/api/concerns/${on.concernId}/steps`,
        body: { talkedWithChildOn: daysFromToday(-1) },
        headers: anyVersion,
        status: 404,
      },
      'POST /api/concerns/{id}/decision': {
        method: 'POST',
        path: `/api/concerns/${on.concernId}/decision`,
        body: { decision: 'close', reason: 'x' },
        headers: anyVersion,
        status: 404,
      },
      'GET /api/tasks': { method: 'GET', path: '/api/tasks', status: 200 },
      'POST /api/child-welfare-reports': {
        method: 'POST',
        path: '/api/child-welfare-reports',
        body: { reporterUnitId: world.sentrum, childId: world.emma, content: 'Refused: not her unit' },
        status: 400,
      },
      'GET /api/child-welfare-reports': { method: 'GET', path: '/api/child-welfare-reports', status: 200 },
      'GET /api/child-welfare-reports/{id}': { method: 'GET', path: `/api/child-welfare-reports/${nowhere}`, status: 404 },
      'POST /api/child-welfare-reports/{id}/review': {
        method: 'POST',
        path: `/api/child-welfare-reports/${nowhere}/review`,
        headers: anyVersion,
        status: 403,
      },
      'POST /api/child-welfare-reports/{id}/receipt': {
        method: 'POST',
        path: `/api/child-welfare-reports/${nowhere}/receipt`,
        headers: anyVersion,
        status: 403,
      },
      'POST /api/anonymous-discussions': {
        method: 'POST',
        path: '/api/anonymous-discussions',
        body: {
          authorUnitId: world.sentrum,
          topic: 'Refused',
          description: 'Refused: not her unit, and long enough to pass the length check.',
          ageBand: '3-5',
          categories: ['health'],
          namesGroup: false,
          namesDiagnosis: false,
          invitedUnitIds: [world.ppt],
        },
        status: 400,
      },
      'GET /api/anonymous-discussions': { method: 'GET', path: '/api/anonymous-discussions', status: 200 },
      'GET /api/anonymous-discussions/{id}': { method: 'GET', path: `/api/anonymous-discussions/${nowhere}`, status: 404 },
      'POST /api/anonymous-discussions/{id}/advice': {
        method: 'POST',
        path: `/api/anonymous-discussions/${nowhere}/advice`,
        body: { text: 'Et råd som ikke kommer fram, langt nok til å bli godtatt.' },
        status: 404,
      },
      'POST /api/anonymous-discussions/{id}/close': {
        method: 'POST',
        path: `/api/anonymous-discussions/${nowhere}/close`,
        headers: anyVersion,
        status: 404,
      },
      // The case, read.
      'GET /api/cases': { method: 'GET', path: '/api/cases', status: 200 },
      'GET /api/cases/{id}': { method: 'GET', path: c, status: 200 },
      'GET /api/cases/{caseId}/coordinator-candidates': { method: 'GET', path: `${c}/coordinator-candidates`, status: 200 },
      'GET /api/cases/{caseId}/consents': { method: 'GET', path: `${c}/consents`, status: 200 },
      'GET /api/consents/{id}': { method: 'GET', path: `/api/consents/${on.consentId}`, status: 200 },
      'GET /api/cases/{caseId}/log': { method: 'GET', path: `${c}/log`, status: 200 },
      'GET /api/cases/{caseId}/log/{entryId}': { method: 'GET', path: `${c}/log/${on.noteId}`, status: 200 },
      'GET /api/cases/{caseId}/access-log': { method: 'GET', path: `${c}/access-log`, status: 403 },
      // The case, written as she may: each answers the whole case as she sees it.
      'POST /api/cases/{caseId}/log-entries': {
        method: 'POST',
        path: `${c}/log-entries`,
        body: { text: 'Helsesykepleier snakket med Emma om vennskap', category: 'wellbeing', shareHealthInformation: true },
        status: 200,
      },
      'POST /api/cases/{caseId}/private-notes': {
        method: 'POST',
        path: `${c}/private-notes`,
        body: { unitId: world.helsestasjon, text: 'Helsestasjonens eget notat' },
        status: 200,
      },
      'POST /api/cases/{caseId}/coordinator-wishes': {
        method: 'POST',
        path: `${c}/coordinator-wishes`,
        body: { source: 'child', wish: 'Emma vil at Kari fortsetter' },
        status: 200,
      },
      'PATCH /api/cases/{caseId}/measures/{measureId}': {
        method: 'PATCH',
        path: `${c}/measures/${on.measureId}`,
        body: { description: measure.description },
        headers: measureTag,
        status: 200,
      },
      'POST /api/cases/{caseId}/measures/{measureId}/evaluations': {
        method: 'POST',
        path: `${c}/measures/${on.measureId}/evaluations`,
        body: {
          evaluatedOn: daysFromToday(0),
          effect: 'partly',
          childView: 'Emma liker samtalene',
          decision: 'continue',
          nextEvaluationDueOn: measure.evaluationDueOn,
        },
        headers: measureTag,
        status: 200,
      },
      'POST /api/cases/{caseId}/transfers/{transferId}/decline': {
        method: 'POST',
        path: `${c}/transfers/${await transferToHanne(on.caseId)}/decline`,
        body: { reason: 'Ikke kapasitet nå' },
        headers: caseTag,
        status: 200,
      },
      // The coordinator's work, refused to her; on a health record, refused as on any other.
      'POST /api/cases': { method: 'POST', path: '/api/cases', body: { concernId: on.concernId }, status: 404 },
      'POST /api/cases/{id}/level': {
        method: 'POST',
        path: `${c}/level`,
        body: { toLevel: 3, reason: 'x' },
        headers: caseTag,
        status: 403,
      },
      'POST /api/cases/{id}/close': {
        method: 'POST',
        path: `${c}/close`,
        body: { reason: 'goals_reached' },
        headers: caseTag,
        status: 403,
      },
      'POST /api/cases/{id}/reopen': { method: 'POST', path: `${c}/reopen`, body: { reason: 'x' }, headers: caseTag, status: 403 },
      'POST /api/cases/{caseId}/participants': {
        method: 'POST',
        path: `${c}/participants`,
        body: { unitId: world.skole, role: 'advisory' },
        headers: caseTag,
        status: 403,
      },
      'POST /api/cases/{caseId}/participants/{participantId}/leave': {
        method: 'POST',
        path: `${c}/participants/${on.healthParticipantId}/leave`,
        body: { reason: 'x' },
        headers: caseTag,
        status: 403,
      },
      'POST /api/cases/{caseId}/transfers': {
        method: 'POST',
        path: `${c}/transfers`,
        body: { toUserId: world.siri },
        headers: caseTag,
        status: 403,
      },
      // On a case she sees, a transfer that is not the one waiting is a field error (400 naming transferId), for anyone.
      'POST /api/cases/{caseId}/transfers/{transferId}/accept': {
        method: 'POST',
        path: `${c}/transfers/${nowhere}/accept`,
        headers: caseTag,
        status: 400,
      },
      'POST /api/cases/{caseId}/transfers/{transferId}/cancel': {
        method: 'POST',
        path: `${c}/transfers/${nowhere}/cancel`,
        headers: caseTag,
        status: 400,
      },
      'POST /api/cases/{caseId}/reassign': { method: 'POST', path: `${c}/reassign`, body: { reason: 'x' }, headers: caseTag, status: 403 },
      'POST /api/cases/{caseId}/goals': { method: 'POST', path: `${c}/goals`, body: { text: 'x', category: 'wellbeing' }, status: 403 },
      'PATCH /api/cases/{caseId}/goals/{goalId}': {
        method: 'PATCH',
        path: `${c}/goals/${on.goalId}`,
        body: { achieved: true },
        headers: { 'if-match': '"1"' },
        status: 403,
      },
      'POST /api/cases/{caseId}/measures': {
        method: 'POST',
        path: `${c}/measures`,
        body: { description: 'x', responsibleParticipantId: on.healthParticipantId, evaluationDueOn: daysFromToday(9) },
        status: 403,
      },
      'POST /api/cases/{caseId}/meetings': {
        method: 'POST',
        path: `${c}/meetings`,
        body: { meetingAt: instantDaysFromNow(9), agenda: 'x' },
        status: 403,
      },
      'PATCH /api/cases/{caseId}/meetings/{meetingId}': {
        method: 'PATCH',
        path: `${c}/meetings/${on.meetingId}`,
        body: { agenda: 'x' },
        headers: { 'if-match': '"1"' },
        status: 403,
      },
      'POST /api/cases/{caseId}/meetings/{meetingId}/finalize': {
        method: 'POST',
        path: `${c}/meetings/${on.meetingId}/finalize`,
        headers: { 'if-match': '"1"' },
        status: 403,
      },
      'POST /api/cases/{caseId}/consents': {
        method: 'POST',
        path: `${c}/consents`,
        body: { purpose: 'x', categories: ['health'], serviceIds: [world.healthService] },
        status: 403,
      },
      'POST /api/consents/{id}/submit': {
        method: 'POST',
        path: `/api/consents/${on.consentId}/submit`,
        body: {},
        headers: consentTag,
        status: 403,
      },
      'POST /api/consents/{id}/sign': { method: 'POST', path: `/api/consents/${on.consentId}/sign`, headers: consentTag, status: 403 },
      'POST /api/consents/{id}/decline': {
        method: 'POST',
        path: `/api/consents/${on.consentId}/decline`,
        headers: consentTag,
        status: 403,
      },
      'POST /api/consents/{id}/withdraw': {
        method: 'POST',
        path: `/api/consents/${on.consentId}/withdraw`,
        body: { reason: 'x' },
        headers: consentTag,
        status: 403,
      },
      'POST /api/consents/{id}/answers': {
        method: 'POST',
        path: `/api/consents/${on.consentId}/answers`,
        body: { signerKey: 'youth', decision: 'signed', method: 'paper', note: 'x' },
        headers: consentTag,
        status: 403,
      },
    };
  }

  /** Kari asks Hanne to take the baton: a transfer for Hanne to decline (an answer that returns the case). */
  async function transferToHanne(caseId: string): Promise<string> {
    const tag = await currentVersion(api, kari, `/api/cases/${caseId}`);
    return (await must(api(kari, 'POST', `/api/cases/${caseId}/transfers`, { toUserId: world.hanne }, tag))).pendingTransfer.id;
  }

  /** Calls every route of the matrix as Hanne; the answers' texts by route. */
  async function overEveryRoute(on: OnCase): Promise<Record<string, string>> {
    const calls = await hanneCalls(on);
    expect(Object.keys(calls).sort()).toEqual(Object.keys(ROUTE_MATRIX).sort());
    const texts: Record<string, string> = {};
    for (const [route, call] of Object.entries(calls)) {
      if ('skipped' in call) continue;
      const headers = typeof call.headers === 'function' ? await call.headers() : call.headers;
      const res = await fetch(`${t.baseUrl}${call.path}`, {
        method: call.method,
        redirect: 'manual',
        headers: {
          cookie: hanne.cookie,
          'x-xsrf-token': hanne.csrfToken,
          ...(call.body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: call.body ? JSON.stringify(call.body) : undefined,
      });
      texts[route] = await res.text();
      expect({ route, status: res.status }).toEqual({ route, status: call.status });
    }
    return texts;
  }

  const onHealthCase = (): OnCase => ({
    caseId: f.caseId,
    concernId: f.concernId,
    consentId: f.consentId,
    healthParticipantId: f.healthParticipantId,
    noteId: f.wellbeing.note,
    measureId: f.wellbeing.measure,
    goalId: f.health.goal,
    meetingId: f.health.meeting,
  });

  it('sends her nothing of the health-category content by any route, and the wellbeing content where it belongs', async () => {
    const texts = await overEveryRoute(onHealthCase());
    const leaking = Object.entries(texts)
      .filter(([, text]) => text.includes(HEALTH) || text.includes(KINDERGARTEN_NOTE) || elevenDigitRuns(text).length > 0)
      .map(([route]) => route);
    expect(leaking).toEqual([]);
    // The writes that answer the case: each shows her the wellbeing plan, nothing of health.
    for (const route of [
      'GET /api/cases/{id}',
      'POST /api/cases/{caseId}/log-entries',
      'POST /api/cases/{caseId}/private-notes',
      'POST /api/cases/{caseId}/coordinator-wishes',
      'PATCH /api/cases/{caseId}/measures/{measureId}',
      'POST /api/cases/{caseId}/measures/{measureId}/evaluations',
      'POST /api/cases/{caseId}/transfers/{transferId}/decline',
    ]) {
      const kase = JSON.parse(texts[route]);
      expect([route, kase.goals.map((g: { id: string }) => g.id)]).toEqual([route, [f.wellbeing.goal]]);
      expect([route, kase.measures.map((m: { id: string }) => m.id)]).toEqual([route, [f.wellbeing.measure]]);
      expect([route, kase.meetings.map((m: { id: string }) => m.id)]).toEqual([route, [f.wellbeing.meeting]]);
      expect([route, kase.log.map((l: { id: string }) => l.id)]).toEqual([route, expect.arrayContaining([f.wellbeing.note])]);
      expect([
        route,
        kase.log.map((l: { category: string | null }) => l.category).filter((c: string | null) => c && c !== 'wellbeing'),
      ]).toEqual([route, []]);
    }
    expect(JSON.parse(texts['GET /api/cases/{caseId}/log']).map((l: { id: string }) => l.id)).toContain(f.wellbeing.note);
    expect(JSON.parse(texts['GET /api/cases/{caseId}/log/{entryId}'])).toMatchObject({ id: f.wellbeing.note, text: WELLBEING.note });
  });

  it('counts in "my cases" exactly the rows she sees on the case page', async () => {
    const row = (await must(api(hanne, 'GET', '/api/cases'))).find((r: { id: string }) => r.id === f.caseId);
    const page = await must(api(hanne, 'GET', `/api/cases/${f.caseId}`));
    const active = page.measures.filter((m: { status: string }) => m.status === 'active');
    const next = page.meetings
      .map((m: { meetingAt: string }) => m.meetingAt)
      .filter((at: string) => Date.parse(at) >= Date.now())
      .sort()[0];
    expect(row).toMatchObject({
      activeMeasures: active.length,
      overdueEvaluations: active.filter((m: { evaluationOverdue: boolean }) => m.evaluationOverdue).length,
      privateNotes: page.privateNotes.length,
      nextMeetingAt: next ?? null,
    });
    expect([...row.participantUnitNames].sort()).toEqual(
      page.participants
        .filter((p: { leftAt: string | null }) => p.leftAt === null)
        .map((p: { unitName: string }) => p.unitName)
        .sort(),
    );
    // In numbers: the wellbeing measure and meeting only — not the two health measures, the overdue one, or the earlier health meeting.
    expect(row).toMatchObject({ activeMeasures: 1, overdueEvaluations: 0, nextMeetingAt: f.wellbeing.meetingAt });
    const asKari = (await must(api(kari, 'GET', '/api/cases'))).find((r: { id: string }) => r.id === f.caseId);
    expect(asKari).toMatchObject({ activeMeasures: 3, overdueEvaluations: 1 });
    expect(Date.parse(asKari.nextMeetingAt)).toBeLessThan(Date.parse(f.wellbeing.meetingAt));
  });

  it('answers a health-category record exactly like one that does not exist (404, same body)', async () => {
    const c = `/api/cases/${f.caseId}`;
    const pairs: Array<[string, Promise<ApiAnswer>, Promise<ApiAnswer>]> = [
      ['log entry', api(hanne, 'GET', `${c}/log/${f.health.note}`), api(hanne, 'GET', `${c}/log/${randomUUID()}`)],
      // Her unit is responsible for the health measure, yet she may not see it: it is not there for her to change or evaluate.
      [
        'measure change',
        api(hanne, 'PATCH', `${c}/measures/${f.health.measure}`, { description: 'x' }, { 'if-match': '"2"' }),
        api(hanne, 'PATCH', `${c}/measures/${randomUUID()}`, { description: 'x' }, { 'if-match': '"2"' }),
      ],
      [
        'evaluation',
        api(
          hanne,
          'POST',
          `${c}/measures/${f.health.measure}/evaluations`,
          { evaluatedOn: daysFromToday(0), effect: 'none', childView: 'x', decision: 'stop' },
          ifMatch(2),
        ),
        api(
          hanne,
          'POST',
          `${c}/measures/${randomUUID()}/evaluations`,
          { evaluatedOn: daysFromToday(0), effect: 'none', childView: 'x', decision: 'stop' },
          ifMatch(2),
        ),
      ],
    ];
    for (const [what, hidden, missing] of pairs) {
      const [h, m] = [await hidden, await missing];
      expect([what, h.status]).toEqual([what, 404]);
      expect([what, comparable(h)]).toEqual([what, comparable(m)]);
    }
    const [stored] = await queryOnce<{ status: string; description: string; evaluations: number }>(
      t.db.ownerUrl,
      `SELECT status, description, (SELECT count(*)::int FROM measure_evaluation e WHERE e.measure_id = m.id) AS evaluations
         FROM case_measure m WHERE id = $1`,
      [f.health.measure],
    );
    expect(stored).toEqual({ status: 'active', description: `${HEALTH} oppfølging av astmamedisin`, evaluations: 1 });
  });

  it('lists in her tasks the wellbeing measure and meeting, not the health ones', async () => {
    const tasks = await must(api(hanne, 'GET', '/api/tasks'));
    const measures = tasks.evaluationsDue.map((i: { measureId: string }) => i.measureId);
    const meetings = tasks.meetingsComingUp.map((i: { meetingId: string }) => i.meetingId);
    expect(measures).toContain(f.wellbeing.measure);
    expect(meetings).toContain(f.wellbeing.meeting);
    expect(measures).not.toContain(f.health.measure);
    expect(measures).not.toContain(f.health.overdueMeasure);
    expect(meetings).not.toContain(f.health.meeting);
    expect(JSON.stringify(tasks)).not.toContain(HEALTH);
    // The coordinator's tasks hold them: they are tasks, only not hers.
    const kariTasks = await must(api(kari, 'GET', '/api/tasks'));
    expect(kariTasks.evaluationsDue.map((i: { measureId: string }) => i.measureId)).toEqual(
      expect.arrayContaining([f.health.measure, f.health.overdueMeasure, f.wellbeing.measure]),
    );
    expect(kariTasks.meetingsComingUp.map((i: { meetingId: string }) => i.meetingId)).toEqual(
      expect.arrayContaining([f.health.meeting, f.wellbeing.meeting]),
    );
  });

  it('refuses her writing in the category `health` (400 naming category) and writes nothing', async () => {
    const c = `/api/cases/${f.caseId}`;
    const count = async () =>
      (await queryOnce<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM case_log_entry WHERE case_id = $1', [f.caseId]))[0].n;
    const before = await count();
    const note = await api(hanne, 'POST', `${c}/log-entries`, {
      text: 'Helsesykepleiers helseopplysning',
      category: 'health',
      shareHealthInformation: true,
    });
    expect(note.status).toBe(400);
    expect(note.body.errors.map((e: { field: string }) => e.field)).toEqual(['category']);
    expect(await count()).toBe(before);
    // Nor may she move her unit's wellbeing measure into `health`, out of her own sight (SECURITY.md S6).
    // A change checks the new category as a new record does (CaseAccess.changedCategory); row-level security would refuse it too.
    const measure = (await must(api(hanne, 'GET', c))).measures.find((m: { id: string }) => m.id === f.wellbeing.measure);
    const moved = await api(
      hanne,
      'PATCH',
      `${c}/measures/${f.wellbeing.measure}`,
      { category: 'health' },
      { 'if-match': `"${measure.version}"` },
    );
    expect(moved.status).toBe(400);
    expect(moved.body.errors?.map((e: { field: string }) => e.field)).toEqual(['category']);
    const [stored] = await queryOnce<{ category: string; version: number }>(
      t.db.ownerUrl,
      'SELECT category, version FROM case_measure WHERE id = $1',
      [f.wellbeing.measure],
    );
    expect(stored).toEqual({ category: 'wellbeing', version: measure.version });
  });

  it('does not name to her a unit whose consent was replaced by a version without its service', async () => {
    const PPT_NAMES = ['PPT Fjordvik', 'Eva Strand'];
    const kase = await openLevel1Case(api, kari, world);
    const c = `/api/cases/${kase.id}`;
    // v1 names the health station and PPT; both join.
    await giveConsent(api, kari, kase.id, [world.healthService, world.pptService], [anne, erik], { categories: ['wellbeing'] });
    const escalated = await must(
      api(
        kari,
        'POST',
        `${c}/level`,
        {
          toLevel: 2,
          reason: 'Helsestasjonen og PPT trengs',
          joining: [
            { unitId: world.helsestasjon, role: 'health_follow_up' },
            { unitId: world.ppt, role: 'advisory', staffUserIds: [world.eva] },
          ],
        },
        await currentVersion(api, kari, c),
      ),
    );
    const health = escalated.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon);
    const ppt = escalated.participants.find((p: { unitId: string }) => p.unitId === world.ppt);
    const noteId = await addLogNote(api, kari, kase.id, 'Samarbeidsmøte avtalt', 'wellbeing');
    // While v1 names PPT, she may know of it: the names are there to be found.
    expect(JSON.stringify(await must(api(hanne, 'GET', c)))).toContain('PPT Fjordvik');
    expect(JSON.stringify(await must(api(hanne, 'GET', `${c}/coordinator-candidates`)))).toContain('Eva Strand');

    // v2 names the health station only, and is signed: v1 is superseded.
    const v2 = await giveConsent(api, kari, kase.id, [world.healthService], [anne, erik], { categories: ['wellbeing'] });
    expect(v2.status).toBe('active');
    const v2Goal = await must(api(kari, 'POST', `${c}/goals`, { category: 'wellbeing', text: 'Trives med venner' }));
    const v2Measure = await must(
      api(kari, 'POST', `${c}/measures`, {
        category: 'wellbeing',
        description: 'Vennskapssamtaler',
        responsibleParticipantId: health.id,
        evaluationDueOn: daysFromToday(8),
      }),
    );
    const meetingAt = instantDaysFromNow(6, 13);
    const v2Meeting = await must(api(kari, 'POST', `${c}/meetings`, { category: 'wellbeing', meetingAt, agenda: 'Samarbeid videre' }));
    const on: OnCase = {
      caseId: kase.id,
      concernId: kase.concernId,
      consentId: v2.id,
      healthParticipantId: health.id,
      noteId,
      measureId: idOf(v2Measure.measures, 'description', 'Vennskapssamtaler'),
      goalId: idOf(v2Goal.goals, 'text', 'Trives med venner'),
      meetingId: idOf(v2Meeting.meetings, 'meetingAt', meetingAt),
    };
    // The public overview of the municipality lists every unit, PPT Fjordvik too; it says nothing of any case.
    const naming = (texts: Record<string, string>) =>
      Object.entries(texts)
        .filter(([route]) => route !== 'GET /api/municipalities/{code}/organisation')
        .filter(([, text]) => PPT_NAMES.some((name) => text.includes(name)))
        .map(([route]) => route);

    // PPT still takes part, on no consent: she must not learn of it by any route.
    expect(naming(await overEveryRoute(on))).toEqual([]);
    // Then PPT leaves: neither its joining nor its leaving is hers to read.
    await must(
      api(kari, 'POST', `${c}/participants/${ppt.id}/leave`, { reason: 'Ferdig med utredningen' }, await currentVersion(api, kari, c)),
    );
    const texts = await overEveryRoute(on);
    expect(naming(texts)).toEqual([]);
    const page = await must(api(hanne, 'GET', c));
    expect(page.participants.map((p: { unitId: string }) => p.unitId)).not.toContain(world.ppt);
    expect(page.log.map((l: { kind: string }) => l.kind)).not.toContain('participant_left');
    const row = (await must(api(hanne, 'GET', '/api/cases'))).find((r: { id: string }) => r.id === kase.id);
    expect(row.participantUnitNames).not.toContain('PPT Fjordvik');
    // The coordinator still reads the whole history.
    const asKari = JSON.stringify(await must(api(kari, 'GET', c)));
    expect(asKari).toContain('PPT Fjordvik');
  });
});
