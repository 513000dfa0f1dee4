import { daysFromToday, instantDaysFromNow, queryOnce } from '@stafett/testing';
import { freshLevel2Case } from './cases.matrix';
import { newConcernBody } from './concerns.matrix';
import { PERSONAS } from './personas';
import type { ActAs, Answer, MatrixTargets, SignedInPersona } from './personas';
import { newReportBody } from './reports.matrix';
import { versionNow } from './versions';

/**
 * The records the matrix's requests point at, found in the demo data or made through the API as
 * Kari (ownUnitStaff), with content each persona may or may not see (notes of two units, a draft
 * consent, a measure and a meeting, a decided shared concern). Shared by the authorization matrix
 * and the unsafe-input sweep over every route. Every persona must be signed in already.
 */
export async function matrixTargets(ownerUrl: string, actAs: ActAs): Promise<MatrixTargets> {
  /** A preparing request that must succeed; its body. */
  const must = async (persona: SignedInPersona, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await actAs(persona, method, path, body, headers);
    if (res.status >= 300) throw new Error(`${method} ${path} as ${persona}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Answer;
  };
  const [emma] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`);
  const [geir] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM app_user WHERE display_name = 'Geir Hansen'`);
  const [unit] = await queryOnce<{ id: string; service_id: string }>(
    ownerUrl,
    `SELECT id, service_id FROM unit WHERE name = 'Sentrum barnehage'`,
  );
  const users = {} as Record<SignedInPersona, string>;
  for (const persona of Object.keys(PERSONAS) as SignedInPersona[])
    users[persona] = ((await must(persona, 'GET', '/api/me')) as { user: { id: string } }).user.id;
  const concern = async (shared: boolean) => {
    const created = (await must('ownUnitStaff', 'POST', '/api/concerns', newConcernBody(unit.id, emma.id))) as { id: string };
    if (shared) await must('ownUnitStaff', 'PATCH', `/api/concerns/${created.id}/steps`, { sharedWithUnit: true }, { 'if-match': '"1"' });
    return created.id;
  };
  const unitId = async (name: string) => (await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM unit WHERE name = $1`, [name]))[0].id;
  const serviceOf = async (name: string) =>
    (await queryOnce<{ id: string }>(ownerUrl, `SELECT service_id AS id FROM unit WHERE name = $1`, [name]))[0].id;
  const [hanne] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM app_user WHERE subject = 'hanne.moe'`);
  const partial = {
    users,
    childInOwnUnit: emma.id,
    userInTenant: geir.id,
    serviceInTenant: unit.service_id,
    unitInTenant: unit.id,
    ownUnit: unit.id,
    concernByOwnUnitStaff: await concern(false),
    sharedConcern: await concern(true),
    reportByOwnUnitStaff: (
      (await must('ownUnitStaff', 'POST', '/api/child-welfare-reports', newReportBody(unit.id, emma.id))) as { id: string }
    ).id,
    healthUnit: await unitId('Fjordvik helsestasjon'),
    pptUnit: await unitId('PPT Fjordvik'),
    healthNurseUser: hanne.id,
    healthService: await serviceOf('Fjordvik helsestasjon'),
    pptService: await serviceOf('PPT Fjordvik'),
  };
  const [erik] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM app_user WHERE display_name = 'Erik Nordmann'`);
  const content = {
    kindergartenNoteText: 'Barnehagens interne vurdering av Emma',
    healthNoteText: 'Helsestasjonens interne vurdering av Emma',
    draftDecisions: 'Helsesykepleier tar en ny samtale med Emma',
  };
  const blank = {
    ...content,
    levelTwoCase: '',
    healthParticipant: '',
    levelTwoConsent: '',
    levelTwoLogEntry: '',
    otherGuardianUser: erik.id,
    soonMeasure: '',
    soonMeeting: '',
    sharedDecidedConcern: '',
  };
  const shared = await freshLevel2Case({ ...partial, ...blank }, actAs);
  const caseUrl = `/api/cases/${shared.caseId}`;
  const withNote = await must('ownUnitStaff', 'POST', `${caseUrl}/log-entries`, { text: 'Samtale med mor', category: 'wellbeing' });
  await must('ownUnitStaff', 'POST', `${caseUrl}/private-notes`, { unitId: unit.id, text: content.kindergartenNoteText });
  await must('healthNurse', 'POST', `${caseUrl}/private-notes`, { unitId: partial.healthUnit, text: content.healthNoteText });
  const measured = await must('ownUnitStaff', 'POST', `${caseUrl}/measures`, {
    description: 'Samtaler om søvn med helsesykepleier',
    responsibleParticipantId: shared.healthParticipantId,
    evaluationDueOn: daysFromToday(7),
  });
  const meetingAt = instantDaysFromNow(3, 10);
  const met = await must('ownUnitStaff', 'POST', `${caseUrl}/meetings`, {
    meetingAt,
    agenda: 'Oppfølging av søvn og trivsel',
    decisions: content.draftDecisions,
  });
  // A new version in draft: the coordinator's work in progress, not yet the family's to see.
  await must('ownUnitStaff', 'POST', `${caseUrl}/consents`, {
    purpose: 'Også skolen',
    categories: ['wellbeing'],
    serviceIds: [partial.healthService],
  });
  const sharedDecidedConcern = await concern(true);
  await must(
    'ownUnitStaff',
    'POST',
    `/api/concerns/${sharedDecidedConcern}/decision`,
    { decision: 'own_service', reason: 'Tiltak i barnehagen' },
    { 'if-match': await versionNow(actAs, 'ownUnitStaff', `/api/concerns/${sharedDecidedConcern}`) },
  );
  // The health nurse has read the case on her consent: a line of the family's access log.
  await must('healthNurse', 'GET', caseUrl);
  return {
    ...partial,
    ...blank,
    levelTwoCase: shared.caseId,
    healthParticipant: shared.healthParticipantId,
    levelTwoConsent: shared.consentId,
    levelTwoLogEntry: withNote.log.find((l: { kind: string }) => l.kind === 'note')?.id as string,
    soonMeasure: measured.measures.find((m: { description: string }) => m.description === 'Samtaler om søvn med helsesykepleier').id,
    soonMeeting: met.meetings.find((m: { meetingAt: string }) => m.meetingAt === meetingAt).id,
    sharedDecidedConcern,
  };
}
