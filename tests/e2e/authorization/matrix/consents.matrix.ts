import { freshLevel2Case } from './cases.matrix';
import { newConcernBody } from './concerns.matrix';
import type { ActAs, Answer, BodyCheck, MatrixRow, MatrixTargets, Persona } from './personas';
import { seenBy, signedIn } from './personas';
import { keysOf, logSeen, opened } from './seen';
import { etagOf, ifMatch } from './versions';

/**
 * Consents and the family's side. Kari coordinates; Anne (Emma's mother, parental responsibility)
 * answers and withdraws; Geir (no parental responsibility) has no function; Sofie (youth) has her
 * own rules but Emma's case is not hers (404). Staff only ever record answers, never sign.
 */
const staffTeam = { ownUnitStaff: 200, unitColleague: 200, unitLeader: 200, healthNurse: 200 };
const json = async (res: Response) => (await res.json()) as { id: string; [key: string]: Answer };

/** A level-1 case with a consent sent to both of Emma's guardians (nobody has answered). */
async function pendingConsent(t: MatrixTargets, as: ActAs) {
  const created = await as('ownUnitStaff', 'POST', '/api/concerns', newConcernBody(t.ownUnit, t.childInOwnUnit));
  const concern = await json(created);
  await as(
    'ownUnitStaff',
    'POST',
    `/api/concerns/${concern.id}/decision`,
    { decision: 'own_service', reason: 'Tiltak' },
    ifMatch(etagOf(created)),
  );
  const kase = await json(await as('ownUnitStaff', 'POST', '/api/cases', { concernId: concern.id }));
  const drafted = await as('ownUnitStaff', 'POST', `/api/cases/${kase.id}/consents`, {
    purpose: 'Samarbeid med helsestasjonen',
    categories: ['wellbeing'],
    serviceIds: [t.healthService],
  });
  const consent = await json(drafted);
  const sent = await as('ownUnitStaff', 'POST', `/api/consents/${consent.id}/submit`, {}, ifMatch(etagOf(drafted)));
  return { caseId: kase.id, consentId: consent.id, version: etagOf(sent) };
}

async function draftConsent(t: MatrixTargets, as: ActAs) {
  const { caseId } = await freshLevel2Case(t, as);
  const drafted = await as('ownUnitStaff', 'POST', `/api/cases/${caseId}/consents`, {
    purpose: 'Også PPT',
    categories: ['wellbeing', 'development'],
    serviceIds: [t.healthService, t.pptService],
  });
  return { caseId, consentId: (await json(drafted)).id, version: etagOf(drafted) };
}

const teamAndFamily: Persona[] = ['ownUnitStaff', 'unitColleague', 'unitLeader', 'healthNurse', 'guardian'];

/** A consent as the persona sees it: whole for everyone who reads it; managed by the coordinator, withdrawn by a signer. */
function expectConsentSeenBy(consent: Answer, persona: Persona): void {
  expect(consent.permissions).toEqual({
    canManage: persona === 'ownUnitStaff',
    // Nothing of this case waits for an answer.
    canAnswer: false,
    canWithdraw: persona === 'guardian' && consent.status === 'active',
  });
}

/** The level-2 case's consents: its active one naming the health station and PPT; no draft for the family. */
const consentsSeen: BodyCheck = async (body, { persona, t }) => {
  const active = body.find((c: { id: string }) => c.id === t.levelTwoConsent);
  expect(active).toMatchObject({ caseId: t.levelTwoCase, status: 'active', categories: ['wellbeing', 'health'] });
  expect(active.services.map((s: { id: string }) => s.id).sort()).toEqual([t.healthService, t.pptService].sort());
  // Kari has drafted a new version (targets): the family does not see it until it is sent.
  expect(body.some((c: { status: string }) => c.status === 'draft')).toBe(persona !== 'guardian');
  for (const consent of body) expectConsentSeenBy(consent, persona);
};

const readers = signedIn(404, { ...staffTeam, admin: 403, privacyOfficer: 403, guardian: 200, guardianWithoutResponsibility: 403 });
/** The coordinator manages; the team may not (403); family passes the function check but manages nothing (403). */
const coordinatorManages = signedIn(404, {
  ownUnitStaff: 200,
  unitColleague: 403,
  unitLeader: 403,
  healthNurse: 403,
  admin: 403,
  privacyOfficer: 403,
  guardian: 403,
  guardianWithoutResponsibility: 403,
});
/** Only a signer answers: staff who see the case get 403, the guardian 200. */
const signerAnswers = signedIn(404, {
  ownUnitStaff: 403,
  unitColleague: 403,
  unitLeader: 403,
  admin: 403,
  privacyOfficer: 403,
  guardian: 200,
  guardianWithoutResponsibility: 403,
});

export const CONSENT_ROUTES: Record<string, MatrixRow> = {
  'POST /api/cases/{caseId}/consents': {
    request: (t) => ({
      path: `/api/cases/${t.levelTwoCase}/consents`,
      body: { purpose: 'Samarbeid om trivsel', categories: ['wellbeing'], serviceIds: [t.healthService] },
    }),
    // Citizens have no function to create consents (403), the youth included.
    expect: { ...coordinatorManages, ownUnitStaff: 201, youth: 403 },
  },
  'GET /api/cases/{caseId}/consents': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/consents` }),
    expect: readers,
    see: seenBy(teamAndFamily, consentsSeen),
  },
  'GET /api/consents/{id}': {
    request: (t) => ({ path: `/api/consents/${t.levelTwoConsent}` }),
    expect: readers,
    // The same consent as in the case's list of consents, for the same persona.
    see: seenBy(teamAndFamily, async (body, seen) => {
      expect(body).toMatchObject({ id: seen.t.levelTwoConsent, status: 'active' });
      expectConsentSeenBy(body, seen.persona);
      const listed = (await opened(seen, `/api/cases/${seen.t.levelTwoCase}/consents`)).find((c: { id: string }) => c.id === body.id);
      expect(listed).toEqual(body);
    }),
  },
  'POST /api/consents/{id}/submit': {
    prepareEach: draftConsent,
    request: (_t, p) => ({ path: `/api/consents/${p['consentId']}/submit`, body: {}, headers: ifMatch(p['version']) }),
    // A draft is not yet the family's to see: 404 for the guardian too.
    expect: { ...coordinatorManages, guardian: 404 },
  },
  'POST /api/consents/{id}/sign': {
    // The pending consent's case is at level 1: the health nurse does not take part yet (404).
    prepareEach: pendingConsent,
    request: (_t, p) => ({ path: `/api/consents/${p['consentId']}/sign`, headers: ifMatch(p['version']) }),
    expect: signerAnswers,
  },
  'POST /api/consents/{id}/decline': {
    prepareEach: pendingConsent,
    request: (_t, p) => ({ path: `/api/consents/${p['consentId']}/decline`, headers: ifMatch(p['version']) }),
    expect: signerAnswers,
  },
  'POST /api/consents/{id}/withdraw': {
    prepareEach: async (t, as) => {
      const { consentId, consentVersion } = await freshLevel2Case(t, as);
      return { consentId, version: consentVersion };
    },
    request: (_t, p) => ({
      path: `/api/consents/${p['consentId']}/withdraw`,
      body: { reason: 'Vi ønsker ikke samarbeid nå' },
      headers: ifMatch(p['version']),
    }),
    // The coordinator may record a withdrawal, but must say whose and how (400 naming onBehalfOf); the team may not (403).
    expect: { ...signerAnswers, ownUnitStaff: 400, healthNurse: 403 },
  },
  'POST /api/consents/{id}/answers': {
    prepareEach: pendingConsent,
    request: (t, p) => ({
      path: `/api/consents/${p['consentId']}/answers`,
      body: { signerKey: t.otherGuardianUser, decision: 'signed', method: 'paper', note: 'Signert skjema, arkivert i barnehagen' },
      headers: ifMatch(p['version']),
    }),
    expect: { ...coordinatorManages, healthNurse: 404 },
  },
  'GET /api/cases/{caseId}/log': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/log` }),
    expect: signedIn(404, { ...staffTeam, admin: 403, privacyOfficer: 403, guardian: 200, guardianWithoutResponsibility: 403 }),
    see: seenBy(teamAndFamily, logSeen),
  },
  'GET /api/cases/{caseId}/log/{entryId}': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/log/${t.levelTwoLogEntry}` }),
    expect: signedIn(404, { ...staffTeam, admin: 403, privacyOfficer: 403, guardian: 200, guardianWithoutResponsibility: 403 }),
    see: seenBy(teamAndFamily, (body, { t }) =>
      expect(body).toEqual({
        id: t.levelTwoLogEntry,
        kind: 'note',
        text: 'Samtale med mor',
        category: 'wellbeing',
        author: { userId: t.users.ownUnitStaff, displayName: expect.stringContaining('Kari Larsen') },
        createdAt: expect.any(String),
      }),
    ),
  },
  'GET /api/cases/{caseId}/access-log': {
    request: (t) => ({ path: `/api/cases/${t.levelTwoCase}/access-log` }),
    // Only the family: staff need a separate permission to see access logs (and have none here).
    expect: signedIn(403, { guardian: 200, youth: 404 }),
    // Who read the case, when, as what and on which basis: staff only (not the family's own reads), never content.
    see: {
      guardian: (body) => {
        expect([...new Set(body.map((e: object) => keysOf(e).join()))]).toEqual([
          'action,actor,basis,occurredAt,recordType,role,serviceName,unitName',
        ]);
        expect(body).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ actor: expect.stringContaining('Hanne Moe'), unitName: 'Fjordvik helsestasjon', basis: 'consent' }),
            expect.objectContaining({ actor: expect.stringContaining('Kari Larsen'), unitName: 'Sentrum barnehage', basis: 'coordinator' }),
          ]),
        );
        const text = JSON.stringify(body);
        for (const hidden of ['Anne Nordmann', 'Samtale med mor', 'interne vurdering', 'Helsesykepleier tar'])
          expect(text).not.toContain(hidden);
      },
    },
  },
};
