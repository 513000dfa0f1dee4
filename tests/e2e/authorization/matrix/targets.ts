import { queryOnce } from '@stafett/testing';
import { freshLevel2Case } from './cases.matrix';
import { newConcernBody } from './concerns.matrix';
import type { ActAs, MatrixTargets } from './personas';
import { newReportBody } from './reports.matrix';

/**
 * The records the matrix's requests point at, found in the demo data or made through the API as
 * Kari (ownUnitStaff). Shared by the authorization matrix and the unsafe-input sweep over every route.
 */
export async function matrixTargets(ownerUrl: string, actAs: ActAs): Promise<MatrixTargets> {
  const [emma] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`);
  const [geir] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM app_user WHERE display_name = 'Geir Hansen'`);
  const [unit] = await queryOnce<{ id: string; service_id: string }>(
    ownerUrl,
    `SELECT id, service_id FROM unit WHERE name = 'Sentrum barnehage'`,
  );
  const concern = async (shared: boolean) => {
    const created = (await (await actAs('ownUnitStaff', 'POST', '/api/concerns', newConcernBody(unit.id, emma.id))).json()) as {
      id: string;
    };
    if (shared) await actAs('ownUnitStaff', 'PATCH', `/api/concerns/${created.id}/steps`, { sharedWithUnit: true });
    return created.id;
  };
  const unitId = async (name: string) => (await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM unit WHERE name = $1`, [name]))[0].id;
  const [hanne] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM app_user WHERE subject = 'hanne.moe'`);
  const partial = {
    childInOwnUnit: emma.id,
    userInTenant: geir.id,
    serviceInTenant: unit.service_id,
    unitInTenant: unit.id,
    ownUnit: unit.id,
    concernByOwnUnitStaff: await concern(false),
    sharedConcern: await concern(true),
    reportByOwnUnitStaff: (
      (await (await actAs('ownUnitStaff', 'POST', '/api/child-welfare-reports', newReportBody(unit.id, emma.id))).json()) as {
        id: string;
      }
    ).id,
    healthUnit: await unitId('Fjordvik helsestasjon'),
    pptUnit: await unitId('PPT Fjordvik'),
    healthNurseUser: hanne.id,
    healthService: (await queryOnce<{ id: string }>(ownerUrl, `SELECT service_id AS id FROM unit WHERE name = 'Fjordvik helsestasjon'`))[0]
      .id,
    pptService: (await queryOnce<{ id: string }>(ownerUrl, `SELECT service_id AS id FROM unit WHERE name = 'PPT Fjordvik'`))[0].id,
  };
  const [erik] = await queryOnce<{ id: string }>(ownerUrl, `SELECT id FROM app_user WHERE display_name = 'Erik Nordmann'`);
  const blank = { levelTwoCase: '', healthParticipant: '', levelTwoConsent: '', levelTwoLogEntry: '', otherGuardianUser: erik.id };
  const shared = await freshLevel2Case({ ...partial, ...blank }, actAs);
  const withNote = (await (
    await actAs('ownUnitStaff', 'POST', `/api/cases/${shared.caseId}/log-entries`, { text: 'Samtale med mor', category: 'wellbeing' })
  ).json()) as { log: Array<{ id: string; kind: string }> };
  return {
    ...partial,
    ...blank,
    levelTwoCase: shared.caseId,
    healthParticipant: shared.healthParticipantId,
    levelTwoConsent: shared.consentId,
    levelTwoLogEntry: withNote.log.find((l) => l.kind === 'note')?.id as string,
  };
}
