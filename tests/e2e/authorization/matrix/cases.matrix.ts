import { daysFromToday, instantDaysFromNow } from '@stafett/testing';
import type { ActAs, Answer, BodyCheck, MatrixRow, MatrixTargets, Persona } from './personas';
import { seenBy, signedIn } from './personas';
import { newConcernBody } from './concerns.matrix';
import { caseAnswer, caseListSeen, keysOf, levelTwoCaseSeen, opened } from './seen';
import { etagOf, ifMatch, versionNow } from './versions';

/**
 * The coordinated case. Kari (ownUnitStaff) coordinates a level-2 case about Emma with the health
 * station, where Hanne (healthNurse) works; Siri (unitColleague) and Ola (unitLeader) work in the
 * owning unit. Administrators, privacy officers and citizens have no case rules (403); staff
 * outside the team, child welfare included, do not see the case at all (404).
 */
const noFunction = { admin: 403, privacyOfficer: 403, guardian: 403, guardianWithoutResponsibility: 403, youth: 403 };
/** Everyone of the team reads; only the coordinator runs the case. */
const coordinatorOnly = signedIn(404, { ownUnitStaff: 200, unitColleague: 403, unitLeader: 403, healthNurse: 403, ...noFunction });
const wholeTeam = signedIn(404, { ownUnitStaff: 200, unitColleague: 200, unitLeader: 200, healthNurse: 200, ...noFunction });

const json = async (res: Response) => (await res.json()) as { id: string; [key: string]: Answer };

export async function decidedConcern(t: MatrixTargets, as: ActAs): Promise<string> {
  const created = await as('ownUnitStaff', 'POST', '/api/concerns', newConcernBody(t.ownUnit, t.childInOwnUnit));
  const concern = await json(created);
  await as(
    'ownUnitStaff',
    'POST',
    `/api/concerns/${concern.id}/decision`,
    { decision: 'own_service', reason: 'Tiltak i barnehagen' },
    ifMatch(etagOf(created)),
  );
  return concern.id;
}

/** The case's version now, read by its coordinator (Kari): what a command on the case as a whole sends as If-Match. */
export const caseVersion = (as: ActAs, caseId: string) => versionNow(as, 'ownUnitStaff', `/api/cases/${caseId}`);

/** A fresh level-2 case coordinated by Kari with the health station taking part, on a consent Anne signed (Erik cannot be reached). */
export async function freshLevel2Case(t: MatrixTargets, as: ActAs) {
  const opened = await as('ownUnitStaff', 'POST', '/api/cases', { concernId: await decidedConcern(t, as) });
  const caseId = (await json(opened)).id;
  const drafted = await as('ownUnitStaff', 'POST', `/api/cases/${caseId}/consents`, {
    purpose: 'Samarbeid med helsestasjonen',
    categories: ['wellbeing', 'health'],
    serviceIds: [t.healthService, t.pptService],
  });
  const consentId = (await json(drafted)).id;
  const sent = await as(
    'ownUnitStaff',
    'POST',
    `/api/consents/${consentId}/submit`,
    { singleSignatureReason: 'Far kan ikke nås' },
    ifMatch(etagOf(drafted)),
  );
  const signed = await as('guardian', 'POST', `/api/consents/${consentId}/sign`, undefined, ifMatch(etagOf(sent)));
  const consentVersion = etagOf(signed);
  const escalated = await json(
    await as(
      'ownUnitStaff',
      'POST',
      `/api/cases/${caseId}/level`,
      { toLevel: 2, reason: 'Helsestasjonen trengs', joining: [{ unitId: t.healthUnit, role: 'health_follow_up' }] },
      ifMatch(await caseVersion(as, caseId)),
    ),
  );
  const health = (escalated['participants'] as Array<{ id: string; unitId: string }>).find((p) => p.unitId === t.healthUnit);
  return { caseId: escalated.id, healthParticipantId: health?.id as string, consentId, consentVersion };
}

/** A fresh level-2 case and its version now: for a command on the case as a whole. */
const freshCaseToChange = async (t: MatrixTargets, as: ActAs) => {
  const { caseId } = await freshLevel2Case(t, as);
  return { caseId, version: await caseVersion(as, caseId) };
};

const withTransferToHanne = async (t: MatrixTargets, as: ActAs) => {
  const { caseId } = await freshLevel2Case(t, as);
  const asked = await as(
    'ownUnitStaff',
    'POST',
    `/api/cases/${caseId}/transfers`,
    { toUserId: t.healthNurseUser },
    ifMatch(await caseVersion(as, caseId)),
  );
  return { caseId, transferId: (await json(asked))['pendingTransfer'].id as string, version: etagOf(asked) };
};

let measuresMade = 0;
/** A fresh measure the health station is responsible for, found by its own description (measures are listed by due date). */
const withMeasure = async (t: MatrixTargets, as: ActAs) => {
  const description = `Samtaler med helsesykepleier (${++measuresMade})`;
  const res = await json(
    await as('ownUnitStaff', 'POST', `/api/cases/${t.levelTwoCase}/measures`, {
      description,
      responsibleParticipantId: t.healthParticipant,
      evaluationDueOn: daysFromToday(90),
    }),
  );
  const measures = res['measures'] as Array<{ id: string; description: string }>;
  return { measureId: (measures.find((m) => m.description === description) as { id: string }).id };
};

let meetingsMade = 0;
/** A draft meeting with decisions, at a time of its own (meetings are listed by time). */
const withMeeting = async (t: MatrixTargets, as: ActAs) => {
  const meetingAt = new Date(Date.parse(instantDaysFromNow(60, 9)) + ++meetingsMade * 60_000).toISOString();
  const res = await json(
    await as('ownUnitStaff', 'POST', `/api/cases/${t.levelTwoCase}/meetings`, { meetingAt, agenda: 'Status', decisions: 'Fortsette' }),
  );
  const meetings = res['meetings'] as Array<{ id: string; meetingAt: string }>;
  return { meetingId: meetings.find((m) => m.meetingAt === meetingAt)?.id as string };
};

/** A goal, measure or meeting made for the row is at its first version. */
const ifMatch1 = { 'if-match': '"1"' };

type Found = { id: string; [key: string]: Answer };
/** The record of a case answer's list with the given id (or matching fields), for a write's own check. */
const find = (list: Found[], match: Partial<Found>) => list.find((x) => Object.entries(match).every(([k, v]) => x[k] === v));

/** Who may be a coordinator candidate: active staff of the units the persona sees taking part, never the holder. */
const candidatesSeen: BodyCheck = async (body, seen) => {
  const page = await opened(seen, `/api/cases/${seen.t.levelTwoCase}`);
  const units = page.participants.filter((p: { leftAt: string | null }) => p.leftAt === null).map((p: { unitId: string }) => p.unitId);
  expect(body.filter((c: { unitId: string }) => !units.includes(c.unitId))).toEqual([]);
  expect(body.map((c: { userId: string }) => c.userId)).not.toContain(page.coordinator.userId);
  expect(body.map((c: { userId: string }) => c.userId)).toEqual(
    expect.arrayContaining([seen.t.users.unitColleague, seen.t.users.unitLeader, seen.t.healthNurseUser]),
  );
  expect([...new Set(body.map((c: object) => keysOf(c).join()))]).toEqual(['displayName,unitId,unitName,userId']);
};

const teamAndFamily: Persona[] = ['ownUnitStaff', 'unitColleague', 'unitLeader', 'healthNurse', 'guardian'];

export const CASE_ROUTES: Record<string, MatrixRow> = {
  'POST /api/cases': {
    prepareEach: async (t, as) => ({ concernId: await decidedConcern(t, as) }),
    request: (_t, p) => ({ path: '/api/cases', body: { concernId: p['concernId'] } }),
    // The concern's author and the unit's leader open it; a colleague does not even see the unshared concern.
    expect: signedIn(404, { ownUnitStaff: 201, unitLeader: 201, ...noFunction }),
    see: caseAnswer(signedIn(404, { ownUnitStaff: 201, unitLeader: 201 }), (body, { persona, t, prepared }) => {
      expect(body).toMatchObject({
        concernId: prepared['concernId'],
        level: 1,
        coordinator: { userId: t.users[persona as 'ownUnitStaff'] },
      });
      expect(body.participants.map((p: { unitId: string }) => p.unitId)).toEqual([t.ownUnit]);
    }),
  },
  // Families read their children's cases: Anne (Emma's mother) sees Emma's; Sofie (youth) has none of hers here.
  'GET /api/cases': {
    request: () => ({ path: '/api/cases' }),
    expect: signedIn(200, { admin: 403, privacyOfficer: 403, guardianWithoutResponsibility: 403 }),
    see: {
      ...seenBy(teamAndFamily, caseListSeen(true)),
      ...seenBy(['otherUnitStaff', 'childWelfare', 'otherTenantStaff', 'youth'], caseListSeen(false)),
    },
  },
  'GET /api/cases/{id}': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}` }),
    expect: { ...wholeTeam, guardian: 200, youth: 404 },
    see: seenBy(teamAndFamily, levelTwoCaseSeen),
  },
  'POST /api/cases/{id}/level': {
    prepareEach: freshCaseToChange,
    request: (t, p) => ({
      path: `/api/cases/${p['caseId']}/level`,
      body: { toLevel: 3, reason: 'Omfattende behov', joining: [{ unitId: t.pptUnit, role: 'advisory' }] },
      headers: ifMatch(p['version']),
    }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { t }) => {
      expect(body.level).toBe(3);
      expect(find(body.participants, { unitId: t.pptUnit })).toMatchObject({ active: true });
    }),
  },
  'POST /api/cases/{id}/close': {
    prepareEach: freshCaseToChange,
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/close`, body: { reason: 'goals_reached' }, headers: ifMatch(p['version']) }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body) => expect(body).toMatchObject({ status: 'closed', closure: { reason: 'goals_reached' } })),
  },
  'POST /api/cases/{id}/reopen': {
    prepareEach: async (t, as) => {
      const { caseId, version } = await freshCaseToChange(t, as);
      const closed = await as('ownUnitStaff', 'POST', `/api/cases/${caseId}/close`, { reason: 'goals_reached' }, ifMatch(version));
      return { caseId, version: etagOf(closed) };
    },
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/reopen`, body: { reason: 'Ny bekymring' }, headers: ifMatch(p['version']) }),
    // The coordinator, or a leader of the coordinator's unit.
    expect: { ...coordinatorOnly, unitLeader: 200 },
    see: caseAnswer({ ...coordinatorOnly, unitLeader: 200 }, (body) => expect(body).toMatchObject({ status: 'open', closure: null })),
  },
  'POST /api/cases/{caseId}/participants': {
    prepareEach: freshCaseToChange,
    request: (t, p) => ({
      path: `/api/cases/${p['caseId']}/participants`,
      body: { unitId: t.pptUnit, role: 'advisory' },
      headers: ifMatch(p['version']),
    }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { t }) =>
      expect(find(body.participants, { unitId: t.pptUnit })).toMatchObject({ active: true }),
    ),
  },
  'POST /api/cases/{caseId}/participants/{participantId}/leave': {
    prepareEach: async (t, as) => {
      const { caseId, version } = await freshCaseToChange(t, as);
      const answer = await as(
        'ownUnitStaff',
        'POST',
        `/api/cases/${caseId}/participants`,
        { unitId: t.pptUnit, role: 'advisory' },
        ifMatch(version),
      );
      const joined = await json(answer);
      const ppt = (joined['participants'] as Array<{ id: string; unitId: string }>).find((x) => x.unitId === t.pptUnit);
      return { caseId, participantId: ppt?.id as string, version: etagOf(answer) };
    },
    request: (_t, p) => ({
      path: `/api/cases/${p['caseId']}/participants/${p['participantId']}/leave`,
      body: { reason: 'Ferdig' },
      headers: ifMatch(p['version']),
    }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { prepared }) =>
      expect(find(body.participants, { id: prepared['participantId'] })).toMatchObject({ active: false, leftAt: expect.any(String) }),
    ),
  },
  'GET /api/cases/{caseId}/coordinator-candidates': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/coordinator-candidates` }),
    expect: wholeTeam,
    see: seenBy(['ownUnitStaff', 'unitColleague', 'unitLeader', 'healthNurse'], candidatesSeen),
  },
  'POST /api/cases/{caseId}/transfers': {
    prepareEach: freshCaseToChange,
    request: (t, p) => ({
      path: `/api/cases/${p['caseId']}/transfers`,
      body: { toUserId: t.healthNurseUser },
      headers: ifMatch(p['version']),
    }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { t }) =>
      expect(body.pendingTransfer).toMatchObject({ status: 'pending', to: { userId: t.healthNurseUser, unitId: t.healthUnit } }),
    ),
  },
  'POST /api/cases/{caseId}/transfers/{transferId}/accept': {
    prepareEach: withTransferToHanne,
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/transfers/${p['transferId']}/accept`, headers: ifMatch(p['version']) }),
    // Only the person asked answers: the coordinator herself may not accept for Hanne.
    expect: signedIn(404, { healthNurse: 200, ownUnitStaff: 403, unitColleague: 403, unitLeader: 403, ...noFunction }),
    see: {
      healthNurse: caseAnswer(signedIn(404, { healthNurse: 200 }), (body, { t }) => {
        expect(body).toMatchObject({ pendingTransfer: null, coordinator: { userId: t.healthNurseUser, unitId: t.healthUnit } });
        expect(body.permissions.isCoordinator).toBe(true);
      })['healthNurse'],
    },
  },
  'POST /api/cases/{caseId}/transfers/{transferId}/decline': {
    prepareEach: withTransferToHanne,
    request: (_t, p) => ({
      path: `/api/cases/${p['caseId']}/transfers/${p['transferId']}/decline`,
      body: { reason: 'Ikke kapasitet' },
      headers: ifMatch(p['version']),
    }),
    expect: signedIn(404, { healthNurse: 200, ownUnitStaff: 403, unitColleague: 403, unitLeader: 403, ...noFunction }),
    see: caseAnswer(signedIn(404, { healthNurse: 200 }), (body, { t }) =>
      expect(body).toMatchObject({ pendingTransfer: null, coordinator: { userId: t.users.ownUnitStaff } }),
    ),
  },
  'POST /api/cases/{caseId}/transfers/{transferId}/cancel': {
    prepareEach: withTransferToHanne,
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/transfers/${p['transferId']}/cancel`, headers: ifMatch(p['version']) }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body) => expect(body.pendingTransfer).toBeNull()),
  },
  'POST /api/cases/{caseId}/reassign': {
    prepareEach: async (t, as) => ({ version: await caseVersion(as, t.levelTwoCase) }),
    request: (t, p) => ({
      path: `/api/cases/${t.levelTwoCase}/reassign`,
      body: { reason: 'Koordinator har sluttet' },
      headers: ifMatch(p['version']),
    }),
    // Only unit leaders have the function; Ola leads the coordinator's unit, but Kari is active: 400 naming coordinator.
    expect: signedIn(403, { unitLeader: 400 }),
  },
  'POST /api/cases/{caseId}/coordinator-wishes': {
    request: (t) => ({
      path: `/api/cases/${t.levelTwoCase}/coordinator-wishes`,
      body: { source: 'guardians', wish: 'Foreldrene ønsker at helsesykepleier koordinerer' },
    }),
    expect: wholeTeam,
    see: caseAnswer(wholeTeam, (body, { persona, t }) =>
      expect(body.coordinatorWishes.at(-1)).toMatchObject({
        wish: 'Foreldrene ønsker at helsesykepleier koordinerer',
        recordedBy: { userId: t.users[persona as 'ownUnitStaff'] },
      }),
    ),
  },
  'POST /api/cases/{caseId}/goals': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/goals`, body: { text: 'Emma trives' } }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body) => expect(find(body.goals, { text: 'Emma trives' })).toMatchObject({ category: 'wellbeing' })),
  },
  'PATCH /api/cases/{caseId}/goals/{goalId}': {
    prepareEach: async (t, as) => {
      const res = await json(await as('ownUnitStaff', 'POST', `/api/cases/${t.levelTwoCase}/goals`, { text: 'Et mål' }));
      const goals = res['goals'] as Array<{ id: string }>;
      return { goalId: goals[goals.length - 1].id };
    },
    request: (t, p) => ({ path: `/api/cases/${t.levelTwoCase}/goals/${p['goalId']}`, body: { achieved: true }, headers: ifMatch1 }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { prepared }) =>
      expect(find(body.goals, { id: prepared['goalId'] })).toMatchObject({ achieved: true }),
    ),
  },
  'POST /api/cases/{caseId}/measures': {
    request: (t) => ({
      path: `/api/cases/${t.levelTwoCase}/measures`,
      body: { description: 'Samtaler', responsibleParticipantId: t.healthParticipant, evaluationDueOn: daysFromToday(90) },
    }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { t }) =>
      expect(find(body.measures, { description: 'Samtaler' })).toMatchObject({
        responsibleParticipantId: t.healthParticipant,
        status: 'active',
      }),
    ),
  },
  'PATCH /api/cases/{caseId}/measures/{measureId}': {
    prepareEach: withMeasure,
    request: (t, p) => ({
      path: `/api/cases/${t.levelTwoCase}/measures/${p['measureId']}`,
      body: { description: 'Endret' },
      headers: ifMatch1,
    }),
    // The coordinator and the responsible unit (the health station).
    expect: { ...coordinatorOnly, healthNurse: 200 },
    see: caseAnswer({ ...coordinatorOnly, healthNurse: 200 }, (body, { prepared }) =>
      expect(find(body.measures, { id: prepared['measureId'] })).toMatchObject({ description: 'Endret', version: 2 }),
    ),
  },
  'POST /api/cases/{caseId}/measures/{measureId}/evaluations': {
    prepareEach: withMeasure,
    request: (t, p) => ({
      path: `/api/cases/${t.levelTwoCase}/measures/${p['measureId']}/evaluations`,
      body: {
        evaluatedOn: daysFromToday(-1),
        effect: 'partly',
        childView: 'Det hjelper litt',
        decision: 'continue',
        nextEvaluationDueOn: daysFromToday(120),
      },
      // The measure's version (a fresh one): an evaluation decides its next date.
      headers: ifMatch1,
    }),
    expect: { ...coordinatorOnly, healthNurse: 200 },
    see: caseAnswer({ ...coordinatorOnly, healthNurse: 200 }, (body, { persona, t, prepared }) =>
      expect(find(body.measures, { id: prepared['measureId'] })?.evaluations).toEqual([
        expect.objectContaining({
          childView: 'Det hjelper litt',
          decision: 'continue',
          evaluatedBy: expect.objectContaining({ userId: t.users[persona as 'ownUnitStaff'] }),
        }),
      ]),
    ),
  },
  'POST /api/cases/{caseId}/meetings': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/meetings`, body: { meetingAt: instantDaysFromNow(38, 10), agenda: 'Status' } }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body) =>
      expect(find(body.meetings, { agenda: 'Status', decisions: null })).toMatchObject({ minutesStatus: 'draft' }),
    ),
  },
  'PATCH /api/cases/{caseId}/meetings/{meetingId}': {
    prepareEach: withMeeting,
    request: (t, p) => ({ path: `/api/cases/${t.levelTwoCase}/meetings/${p['meetingId']}`, body: { agenda: 'Endret' }, headers: ifMatch1 }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { prepared }) =>
      expect(find(body.meetings, { id: prepared['meetingId'] })).toMatchObject({ agenda: 'Endret', decisions: 'Fortsette' }),
    ),
  },
  'POST /api/cases/{caseId}/meetings/{meetingId}/finalize': {
    prepareEach: withMeeting,
    request: (t, p) => ({ path: `/api/cases/${t.levelTwoCase}/meetings/${p['meetingId']}/finalize`, headers: ifMatch1 }),
    expect: coordinatorOnly,
    see: caseAnswer(coordinatorOnly, (body, { prepared }) =>
      expect(find(body.meetings, { id: prepared['meetingId'] })).toMatchObject({ minutesStatus: 'final', decisions: 'Fortsette' }),
    ),
  },
  'POST /api/cases/{caseId}/log-entries': {
    // Chosen sharing, so the health nurse's row tests her access, not the health-regime rule (tests/e2e/cases.spec.ts has that).
    request: (t) => ({
      path: `/api/cases/${t.levelTwoCase}/log-entries`,
      body: { text: 'Samtale med mor i dag', shareHealthInformation: true },
    }),
    expect: wholeTeam,
    see: caseAnswer(wholeTeam, (body, { persona, t }) =>
      expect(body.log[0]).toMatchObject({
        kind: 'note',
        text: 'Samtale med mor i dag',
        author: { userId: t.users[persona as 'ownUnitStaff'] },
      }),
    ),
  },
  'POST /api/cases/{caseId}/private-notes': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/private-notes`, body: { unitId: t.ownUnit, text: 'Internt notat' } }),
    // A note names the writer's own unit: Hanne takes part, but Sentrum barnehage is not her unit (400 naming unitId).
    expect: { ...wholeTeam, healthNurse: 400 },
    see: caseAnswer({ ...wholeTeam, healthNurse: 400 }, (body, { persona, t }) =>
      expect(body.privateNotes[0]).toMatchObject({
        unitId: t.ownUnit,
        text: 'Internt notat',
        author: { userId: t.users[persona as 'ownUnitStaff'] },
      }),
    ),
  },
};
