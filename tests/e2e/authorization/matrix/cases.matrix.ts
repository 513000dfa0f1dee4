import type { ActAs, MatrixRow, MatrixTargets } from './personas';
import { signedIn } from './personas';
import { newConcernBody } from './concerns.matrix';

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

const json = async (res: Response) => (await res.json()) as { id: string; [key: string]: any };

async function decidedConcern(t: MatrixTargets, as: ActAs): Promise<string> {
  const concern = await json(await as('ownUnitStaff', 'POST', '/api/concerns', newConcernBody(t.ownUnit, t.childInOwnUnit)));
  await as('ownUnitStaff', 'POST', `/api/concerns/${concern.id}/decision`, { decision: 'own_service', reason: 'Tiltak i barnehagen' });
  return concern.id;
}

/** A fresh level-2 case coordinated by Kari with the health station taking part, on a consent Anne signed (Erik cannot be reached). */
export async function freshLevel2Case(t: MatrixTargets, as: ActAs) {
  const opened = await json(await as('ownUnitStaff', 'POST', '/api/cases', { concernId: await decidedConcern(t, as) }));
  const consent = await json(
    await as('ownUnitStaff', 'POST', `/api/cases/${opened.id}/consents`, {
      purpose: 'Samarbeid med helsestasjonen',
      categories: ['wellbeing', 'health'],
      serviceIds: [t.healthService, t.pptService],
    }),
  );
  await as('ownUnitStaff', 'POST', `/api/consents/${consent.id}/submit`, { singleSignatureReason: 'Far kan ikke nås' });
  await as('guardian', 'POST', `/api/consents/${consent.id}/sign`);
  const escalated = await json(
    await as('ownUnitStaff', 'POST', `/api/cases/${opened.id}/level`, {
      toLevel: 2,
      reason: 'Helsestasjonen trengs',
      joining: [{ unitId: t.healthUnit, role: 'health_follow_up' }],
    }),
  );
  const health = (escalated['participants'] as Array<{ id: string; unitId: string }>).find((p) => p.unitId === t.healthUnit);
  return { caseId: escalated.id, healthParticipantId: health?.id as string, consentId: consent.id };
}

const withTransferToHanne = async (t: MatrixTargets, as: ActAs) => {
  const { caseId } = await freshLevel2Case(t, as);
  const asked = await json(await as('ownUnitStaff', 'POST', `/api/cases/${caseId}/transfers`, { toUserId: t.healthNurseUser }));
  return { caseId, transferId: asked['pendingTransfer'].id as string };
};

let measuresMade = 0;
/** A fresh measure the health station is responsible for, found by its own description (measures are listed by due date). */
const withMeasure = async (t: MatrixTargets, as: ActAs) => {
  const description = `Samtaler med helsesykepleier (${++measuresMade})`;
  const res = await json(
    await as('ownUnitStaff', 'POST', `/api/cases/${t.levelTwoCase}/measures`, {
      description,
      responsibleParticipantId: t.healthParticipant,
      evaluationDueOn: '2027-03-01',
    }),
  );
  const measures = res['measures'] as Array<{ id: string; description: string }>;
  return { measureId: (measures.find((m) => m.description === description) as { id: string }).id };
};

let meetingsMade = 0;
/** A draft meeting with decisions, at a time of its own (meetings are listed by time). */
const withMeeting = async (t: MatrixTargets, as: ActAs) => {
  const meetingAt = new Date(Date.UTC(2027, 1, 1, 9) + ++meetingsMade * 60_000).toISOString();
  const res = await json(
    await as('ownUnitStaff', 'POST', `/api/cases/${t.levelTwoCase}/meetings`, { meetingAt, agenda: 'Status', decisions: 'Fortsette' }),
  );
  const meetings = res['meetings'] as Array<{ id: string; meetingAt: string }>;
  return { meetingId: meetings.find((m) => m.meetingAt === meetingAt)?.id as string };
};

const ifMatch1 = { 'if-match': '"1"' };

export const CASE_ROUTES: Record<string, MatrixRow> = {
  'POST /api/cases': {
    prepareEach: async (t, as) => ({ concernId: await decidedConcern(t, as) }),
    request: (_t, p) => ({ path: '/api/cases', body: { concernId: p['concernId'] } }),
    // The concern's author and the unit's leader open it; a colleague does not even see the unshared concern.
    expect: signedIn(404, { ownUnitStaff: 201, unitLeader: 201, ...noFunction }),
  },
  // Families read their children's cases: Anne (Emma's mother) sees Emma's; Sofie (youth) has none of hers here.
  'GET /api/cases': {
    request: () => ({ path: '/api/cases' }),
    expect: signedIn(200, { admin: 403, privacyOfficer: 403, guardianWithoutResponsibility: 403 }),
  },
  'GET /api/cases/{id}': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}` }),
    expect: { ...wholeTeam, guardian: 200, youth: 404 },
  },
  'POST /api/cases/{id}/level': {
    prepareEach: freshLevel2Case,
    request: (t, p) => ({
      path: `/api/cases/${p['caseId']}/level`,
      body: { toLevel: 3, reason: 'Omfattende behov', joining: [{ unitId: t.pptUnit, role: 'advisory' }] },
    }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{id}/close': {
    prepareEach: freshLevel2Case,
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/close`, body: { reason: 'goals_reached' } }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{id}/reopen': {
    prepareEach: async (t, as) => {
      const { caseId } = await freshLevel2Case(t, as);
      await as('ownUnitStaff', 'POST', `/api/cases/${caseId}/close`, { reason: 'goals_reached' });
      return { caseId };
    },
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/reopen`, body: { reason: 'Ny bekymring' } }),
    // The coordinator, or a leader of the coordinator's unit.
    expect: { ...coordinatorOnly, unitLeader: 200 },
  },
  'POST /api/cases/{caseId}/participants': {
    prepareEach: freshLevel2Case,
    request: (t, p) => ({ path: `/api/cases/${p['caseId']}/participants`, body: { unitId: t.pptUnit, role: 'advisory' } }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{caseId}/participants/{participantId}/leave': {
    prepareEach: async (t, as) => {
      const { caseId } = await freshLevel2Case(t, as);
      const joined = await json(
        await as('ownUnitStaff', 'POST', `/api/cases/${caseId}/participants`, { unitId: t.pptUnit, role: 'advisory' }),
      );
      const ppt = (joined['participants'] as Array<{ id: string; unitId: string }>).find((x) => x.unitId === t.pptUnit);
      return { caseId, participantId: ppt?.id as string };
    },
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/participants/${p['participantId']}/leave`, body: { reason: 'Ferdig' } }),
    expect: coordinatorOnly,
  },
  'GET /api/cases/{caseId}/coordinator-candidates': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/coordinator-candidates` }),
    expect: wholeTeam,
  },
  'POST /api/cases/{caseId}/transfers': {
    prepareEach: freshLevel2Case,
    request: (t, p) => ({ path: `/api/cases/${p['caseId']}/transfers`, body: { toUserId: t.healthNurseUser } }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{caseId}/transfers/{transferId}/accept': {
    prepareEach: withTransferToHanne,
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/transfers/${p['transferId']}/accept` }),
    // Only the person asked answers: the coordinator herself may not accept for Hanne.
    expect: signedIn(404, { healthNurse: 200, ownUnitStaff: 403, unitColleague: 403, unitLeader: 403, ...noFunction }),
  },
  'POST /api/cases/{caseId}/transfers/{transferId}/decline': {
    prepareEach: withTransferToHanne,
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/transfers/${p['transferId']}/decline`, body: { reason: 'Ikke kapasitet' } }),
    expect: signedIn(404, { healthNurse: 200, ownUnitStaff: 403, unitColleague: 403, unitLeader: 403, ...noFunction }),
  },
  'POST /api/cases/{caseId}/transfers/{transferId}/cancel': {
    prepareEach: withTransferToHanne,
    request: (_t, p) => ({ path: `/api/cases/${p['caseId']}/transfers/${p['transferId']}/cancel` }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{caseId}/reassign': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/reassign`, body: { reason: 'Koordinator har sluttet' } }),
    // Only unit leaders have the function; Ola leads the coordinator's unit, but Kari is active: 400 naming coordinator.
    expect: signedIn(403, { unitLeader: 400 }),
  },
  'POST /api/cases/{caseId}/coordinator-wishes': {
    request: (t) => ({
      path: `/api/cases/${t.levelTwoCase}/coordinator-wishes`,
      body: { source: 'guardians', wish: 'Foreldrene ønsker at helsesykepleier koordinerer' },
    }),
    expect: wholeTeam,
  },
  'POST /api/cases/{caseId}/goals': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/goals`, body: { text: 'Emma trives' } }),
    expect: coordinatorOnly,
  },
  'PATCH /api/cases/{caseId}/goals/{goalId}': {
    prepareEach: async (t, as) => {
      const res = await json(await as('ownUnitStaff', 'POST', `/api/cases/${t.levelTwoCase}/goals`, { text: 'Et mål' }));
      const goals = res['goals'] as Array<{ id: string }>;
      return { goalId: goals[goals.length - 1].id };
    },
    request: (t, p) => ({ path: `/api/cases/${t.levelTwoCase}/goals/${p['goalId']}`, body: { achieved: true }, headers: ifMatch1 }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{caseId}/measures': {
    request: (t) => ({
      path: `/api/cases/${t.levelTwoCase}/measures`,
      body: { description: 'Samtaler', responsibleParticipantId: t.healthParticipant, evaluationDueOn: '2027-03-01' },
    }),
    expect: coordinatorOnly,
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
  },
  'POST /api/cases/{caseId}/measures/{measureId}/evaluations': {
    prepareEach: withMeasure,
    request: (t, p) => ({
      path: `/api/cases/${t.levelTwoCase}/measures/${p['measureId']}/evaluations`,
      body: {
        evaluatedOn: '2026-11-20',
        effect: 'partly',
        childView: 'Det hjelper litt',
        decision: 'continue',
        nextEvaluationDueOn: '2027-04-01',
      },
    }),
    expect: { ...coordinatorOnly, healthNurse: 200 },
  },
  'POST /api/cases/{caseId}/meetings': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/meetings`, body: { meetingAt: '2027-01-10T09:00:00.000Z', agenda: 'Status' } }),
    expect: coordinatorOnly,
  },
  'PATCH /api/cases/{caseId}/meetings/{meetingId}': {
    prepareEach: withMeeting,
    request: (t, p) => ({ path: `/api/cases/${t.levelTwoCase}/meetings/${p['meetingId']}`, body: { agenda: 'Endret' }, headers: ifMatch1 }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{caseId}/meetings/{meetingId}/finalize': {
    prepareEach: withMeeting,
    request: (t, p) => ({ path: `/api/cases/${t.levelTwoCase}/meetings/${p['meetingId']}/finalize`, headers: ifMatch1 }),
    expect: coordinatorOnly,
  },
  'POST /api/cases/{caseId}/log-entries': {
    // Chosen sharing, so the health nurse's row tests her access, not the health-regime rule (tests/e2e/cases.spec.ts has that).
    request: (t) => ({
      path: `/api/cases/${t.levelTwoCase}/log-entries`,
      body: { text: 'Samtale med mor i dag', shareHealthInformation: true },
    }),
    expect: wholeTeam,
  },
  'POST /api/cases/{caseId}/private-notes': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/private-notes`, body: { unitId: t.ownUnit, text: 'Internt notat' } }),
    // A note names the writer's own unit: Hanne takes part, but Sentrum barnehage is not her unit (400 naming unitId).
    expect: { ...wholeTeam, healthNurse: 400 },
  },
};
