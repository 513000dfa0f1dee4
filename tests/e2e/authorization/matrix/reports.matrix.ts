import type { BodyCheck } from './personas';
import { MatrixRow, seenBy, signedIn } from './personas';
import { opened } from './seen';
import { etagOf, ifMatch } from './versions';

/** The reports a persona lists: Kari's only for those who may read it, each shown as it opens. */
const reportsSeen =
  (listsKarisReport: boolean): BodyCheck =>
  async (body, seen) => {
    expect(body.some((r: { id: string }) => r.id === seen.t.reportByOwnUnitStaff)).toBe(listsKarisReport);
    for (const report of body) expect(await opened(seen, `/api/child-welfare-reports/${report.id}`)).toEqual(report);
  };

const noFunction = { admin: 403, privacyOfficer: 403, guardian: 403, guardianWithoutResponsibility: 403, youth: 403 };
/** Only child welfare handles reports: everyone else lacks the function. */
const onlyChildWelfare = signedIn(403, { childWelfare: 200 });

export const newReportBody = (unitId: string, childId: string) => ({
  reporterUnitId: unitId,
  childId,
  content: 'Barnet forteller om vold hjemme; blåmerker på armene i dag.',
});

const fileReport = async (
  t: Parameters<NonNullable<MatrixRow['prepareEach']>>[0],
  as: Parameters<NonNullable<MatrixRow['prepareEach']>>[1],
) => {
  const res = await as('ownUnitStaff', 'POST', '/api/child-welfare-reports', newReportBody(t.ownUnit, t.childInOwnUnit));
  return { reportId: ((await res.json()) as { id: string }).id, version: etagOf(res) };
};

export const REPORT_ROUTES: Record<string, MatrixRow> = {
  'POST /api/child-welfare-reports': {
    request: (t) => ({ path: '/api/child-welfare-reports', body: newReportBody(t.ownUnit, t.childInOwnUnit) }),
    // Any staff member may report; the body names Kari's unit, so staff of other units get 400 naming reporterUnitId.
    expect: signedIn(400, { ownUnitStaff: 201, unitColleague: 201, unitLeader: 201, ...noFunction }),
  },
  'GET /api/child-welfare-reports': {
    request: () => ({ path: '/api/child-welfare-reports' }),
    expect: signedIn(200, noFunction),
    see: {
      ...seenBy(['ownUnitStaff', 'unitLeader', 'childWelfare'], reportsSeen(true)),
      // That Kari reported is not her colleague's to know, nor anyone else's.
      ...seenBy(['unitColleague', 'otherUnitStaff', 'healthNurse', 'otherTenantStaff'], reportsSeen(false)),
    },
  },
  'GET /api/child-welfare-reports/{id}': {
    request: (t) => ({ path: `/api/child-welfare-reports/${t.reportByOwnUnitStaff}` }),
    // Reporter, the reporter's leader and child welfare; a colleague in the same unit does not see it.
    expect: signedIn(404, { ownUnitStaff: 200, unitLeader: 200, childWelfare: 200, ...noFunction }),
    see: seenBy(['ownUnitStaff', 'unitLeader', 'childWelfare'], (body, { t }) =>
      expect(body).toMatchObject({
        id: t.reportByOwnUnitStaff,
        child: { id: t.childInOwnUnit, givenName: 'Emma' },
        reporterUnitName: 'Sentrum barnehage',
        content: newReportBody(t.ownUnit, t.childInOwnUnit).content,
      }),
    ),
  },
  'POST /api/child-welfare-reports/{id}/review': {
    prepareEach: fileReport,
    request: (_t, p) => ({ path: `/api/child-welfare-reports/${p['reportId']}/review`, headers: ifMatch(p['version']) }),
    expect: onlyChildWelfare,
  },
  'POST /api/child-welfare-reports/{id}/receipt': {
    prepareEach: fileReport,
    request: (_t, p) => ({ path: `/api/child-welfare-reports/${p['reportId']}/receipt`, headers: ifMatch(p['version']) }),
    expect: onlyChildWelfare,
  },
};
