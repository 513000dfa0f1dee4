import { daysFromToday, queryOnce } from '@stafett/testing';
import { apiFor } from './cases';
import { seedSecondMunicipality } from './second-municipality';
import { signIn } from './sign-in';
import type { SignedIn } from './sign-in';

export interface TwoMunicipalities {
  nabodal: { childId: string; userId: string };
  anneFjordvikUser: string;
  anneNabodalUser: string;
  nabodalCaseId: string;
  fjordvikCaseId: string;
}

/** A concern about `childId` in `unitId` by `author`, decided as own service, and the case it opens. */
async function openCase(api: ReturnType<typeof apiFor>, author: SignedIn, unitId: string, childId: string): Promise<string> {
  const concern = await api(author, 'POST', '/api/concerns', {
    unitId,
    childId,
    aroseOn: daysFromToday(-20),
    observedBy: 'kontaktlærer',
    description: 'Virker urolig i timene.',
    categories: ['wellbeing'],
  });
  if (concern.status !== 201) throw new Error(`concern: ${concern.status} ${JSON.stringify(concern.body)}`);
  const decided = await api(
    author,
    'POST',
    `/api/concerns/${concern.body.id}/decision`,
    { decision: 'own_service', reason: 'Tiltak i egen enhet' },
    { 'if-match': concern.etag as string },
  );
  if (decided.status !== 200) throw new Error(`decision: ${decided.status} ${JSON.stringify(decided.body)}`);
  const opened = await api(author, 'POST', '/api/cases', { concernId: concern.body.id });
  if (opened.status !== 201) throw new Error(`case: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body.id;
}

/**
 * Anne Nordmann, Emma's mother in Fjordvik, is also Ida's mother in Nabodal (seedSecondMunicipality):
 * a citizen user there with the same identity number and parental responsibility. Ida has a case
 * opened by Nils, her teacher; Emma one opened by Kari.
 */
export async function guardianInTwoMunicipalities(baseUrl: string, ownerUrl: string): Promise<TwoMunicipalities> {
  const api = apiFor(baseUrl);
  const one = async <T = { id: string }>(sql: string, params: unknown[] = []) => (await queryOnce<T>(ownerUrl, sql, params))[0];
  const nabodal = await seedSecondMunicipality(ownerUrl);
  const anne = await one<{ id: string; national_id: string }>(
    `SELECT id, national_id FROM app_user WHERE kind = 'citizen' AND display_name LIKE 'Anne Nordmann%'`,
  );
  const { municipality_id: nabodalId } = await one<{ municipality_id: string }>(`SELECT municipality_id FROM child WHERE id = $1`, [
    nabodal.childId,
  ]);
  const { id: anneNabodalUser } = await one(
    `INSERT INTO app_user (municipality_id, kind, display_name, national_id, active) VALUES ($1, 'citizen', 'Anne Nordmann', $2, true) RETURNING id`,
    [nabodalId, anne.national_id],
  );
  await queryOnce(
    ownerUrl,
    `INSERT INTO guardianship (municipality_id, child_id, guardian_user_id, has_parental_responsibility) VALUES ($1, $2, $3, true)`,
    [nabodalId, nabodal.childId, anneNabodalUser],
  );
  const nils = await signIn(baseUrl, 'staff', 'Nils Nabo');
  const { id: nabodalUnit } = await one(`SELECT unit_id AS id FROM enrolment WHERE child_id = $1`, [nabodal.childId]);
  const nabodalCaseId = await openCase(api, nils, nabodalUnit, nabodal.childId);
  const kari = await signIn(baseUrl, 'staff', 'Kari Larsen');
  const { id: emma } = await one(`SELECT id FROM child WHERE given_name = 'Emma'`);
  const { id: sentrum } = await one(`SELECT id FROM unit WHERE name = 'Sentrum barnehage'`);
  const fjordvikCaseId = await openCase(api, kari, sentrum, emma);
  return { nabodal, anneFjordvikUser: anne.id, anneNabodalUser, nabodalCaseId, fjordvikCaseId };
}
