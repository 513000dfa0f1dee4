import type { ActAs, BodyCheck, MatrixRow, MatrixTargets } from './personas';
import { seenBy, signedIn } from './personas';
import { keysOf, opened } from './seen';
import { etagOf, ifMatch } from './versions';

const SUMMARY_FIELDS = [
  'adviceCount',
  'ageBand',
  'authorDisplayName',
  'authorUnitName',
  'categories',
  'createdAt',
  'id',
  'identifiabilityWarning',
  'isAuthor',
  'status',
  'topic',
];

/**
 * The discussions a persona lists: summaries without the description or the link to a concern,
 * each one they open; staff of other units and municipalities list none from Sentrum barnehage.
 */
const discussionsSeen =
  (listsSentrum: boolean): BodyCheck =>
  async (body, seen) => {
    expect(body.some((d: { authorUnitName: string }) => d.authorUnitName === 'Sentrum barnehage')).toBe(listsSentrum);
    for (const summary of body) {
      expect(keysOf(summary)).toEqual(SUMMARY_FIELDS);
      expect(await opened(seen, `/api/anonymous-discussions/${summary.id}`)).toMatchObject(summary);
    }
  };

/** Kari's discussion: its link to her concern is for staff of her unit; the invited health nurse gets null. */
const discussionSeen =
  (seesLink: boolean): BodyCheck =>
  (body, { t, prepared }) => {
    expect(body).toMatchObject({ id: prepared['discussionId'], authorUnitName: 'Sentrum barnehage' });
    expect(body.invitedUnits.map((u: { id: string }) => u.id)).toEqual([prepared['invitedUnit']]);
    expect(body.linkedConcernId).toBe(seesLink ? t.concernByOwnUnitStaff : null);
  };

/** Everyone without the function: administrators, privacy officers and citizens have no discussion rules. */
const noFunction = { admin: 403, privacyOfficer: 403, guardian: 403, guardianWithoutResponsibility: 403, youth: 403 };

export const newDiscussionBody = (authorUnitId: string, invitedUnitId: string) => ({
  authorUnitId,
  topic: 'Trekker seg unna i lek',
  description: 'Et barn i avdelingen har over tid trukket seg unna lek og virker ofte sliten om morgenen.',
  ageBand: '3-5',
  categories: ['wellbeing'],
  namesGroup: false,
  namesDiagnosis: false,
  invitedUnitIds: [invitedUnitId],
});

/** The health station of the demo municipality, from the public organisation overview. */
async function healthStationUnit(as: ActAs): Promise<string> {
  const res = await as('ownUnitStaff', 'GET', '/api/municipalities/9999/organisation');
  const overview = (await res.json()) as { services: Array<{ kind: string; units: Array<{ id: string }> }> };
  return (overview.services.find((s) => s.kind === 'health_station') as { units: Array<{ id: string }> }).units[0].id;
}

/** Kari (Sentrum barnehage) asks the health station for advice; the health nurse is invited. */
const discussionByOwnUnitStaff = async (t: MatrixTargets, as: ActAs): Promise<Record<string, string>> => {
  const invitedUnit = await healthStationUnit(as);
  const res = await as('ownUnitStaff', 'POST', '/api/anonymous-discussions', {
    ...newDiscussionBody(t.ownUnit, invitedUnit),
    linkedConcernId: t.concernByOwnUnitStaff,
  });
  return { invitedUnit, discussionId: ((await res.json()) as { id: string }).id, version: etagOf(res) };
};

export const DISCUSSION_ROUTES: Record<string, MatrixRow> = {
  'POST /api/anonymous-discussions': {
    prepareEach: async (_t, as) => ({ invitedUnit: await healthStationUnit(as) }),
    request: (t, p) => ({ path: '/api/anonymous-discussions', body: newDiscussionBody(t.ownUnit, p['invitedUnit']) }),
    // Staff of other units (and of the other municipality) may start discussions, but only from their own unit: 400 naming authorUnitId.
    expect: signedIn(400, { ownUnitStaff: 201, unitColleague: 201, unitLeader: 201, ...noFunction }),
  },
  'GET /api/anonymous-discussions': {
    request: () => ({ path: '/api/anonymous-discussions' }),
    expect: signedIn(200, noFunction),
    see: {
      // Kari's unit started some (the row above); the health station is invited to them.
      ...seenBy(['ownUnitStaff', 'unitColleague', 'unitLeader', 'healthNurse'], discussionsSeen(true)),
      ...seenBy(['otherUnitStaff', 'childWelfare', 'otherTenantStaff'], discussionsSeen(false)),
    },
  },
  'GET /api/anonymous-discussions/{id}': {
    prepareEach: discussionByOwnUnitStaff,
    request: (_t, p) => ({ path: `/api/anonymous-discussions/${p['discussionId']}` }),
    // The author, colleagues and the leader of the author's unit, and the invited health station; nobody else.
    expect: signedIn(404, { ownUnitStaff: 200, unitColleague: 200, unitLeader: 200, healthNurse: 200, ...noFunction }),
    see: { ...seenBy(['ownUnitStaff', 'unitColleague', 'unitLeader'], discussionSeen(true)), healthNurse: discussionSeen(false) },
  },
  'POST /api/anonymous-discussions/{id}/advice': {
    prepareEach: discussionByOwnUnitStaff,
    request: (_t, p) => ({
      path: `/api/anonymous-discussions/${p['discussionId']}/advice`,
      body: { text: 'Snakk gjerne med foresatte om søvn og rutiner, og ta kontakt med helsestasjonen.' },
    }),
    expect: signedIn(404, { ownUnitStaff: 201, unitColleague: 403, unitLeader: 403, healthNurse: 201, ...noFunction }),
  },
  'POST /api/anonymous-discussions/{id}/close': {
    prepareEach: discussionByOwnUnitStaff,
    request: (_t, p) => ({ path: `/api/anonymous-discussions/${p['discussionId']}/close`, headers: ifMatch(p['version']) }),
    // Invited advisers read and advise, but only the author closes.
    expect: signedIn(404, { ownUnitStaff: 200, unitColleague: 403, unitLeader: 403, healthNurse: 403, ...noFunction }),
  },
};
