import { daysFromToday } from '@stafett/testing';
import type { BodyCheck } from './personas';
import { MatrixRow, signedIn } from './personas';
import { noTasks, opened, tasksSeen } from './seen';
import { etagOf, ifMatch, versionNow } from './versions';

const OUTCOME = ['decision', 'decisionReason', 'requestedCaseLevel', 'caseId'] as const;
const outcomeOf = (c: Record<string, unknown>) => Object.fromEntries(OUTCOME.map((f) => [f, c[f]]));

/**
 * The concerns a persona lists: each one they open, shown the same; Kari's unshared concern only to
 * her and the leader; how the shared, decided one ended only to those who may know (seesConcernOutcome).
 */
const concernsSeen =
  (sees: { unshared: boolean; shared: boolean; outcome: boolean }): BodyCheck =>
  async (body, seen) => {
    const { t } = seen;
    const ids = body.map((c: { id: string }) => c.id);
    expect(ids.includes(t.concernByOwnUnitStaff)).toBe(sees.unshared);
    expect(ids.includes(t.sharedDecidedConcern)).toBe(sees.shared);
    if (!sees.shared) expect(body.filter((c: { child: { id: string } }) => c.child.id === t.childInOwnUnit)).toEqual([]);
    const decided = body.find((c: { id: string }) => c.id === t.sharedDecidedConcern);
    if (decided)
      expect(outcomeOf(decided)).toEqual(
        sees.outcome
          ? { decision: 'own_service', decisionReason: 'Tiltak i barnehagen', requestedCaseLevel: 1, caseId: null }
          : { decision: null, decisionReason: null, requestedCaseLevel: null, caseId: null },
      );
    for (const concern of body) {
      expect(concern.isAuthor || concern.sharedWithUnit || sees.unshared).toBe(true);
      expect(await opened(seen, `/api/concerns/${concern.id}`)).toEqual(concern);
    }
  };

/** Everyone without the function: administrators, privacy officers and citizens have no concern rules. */
const noFunction = { admin: 403, privacyOfficer: 403, guardian: 403, guardianWithoutResponsibility: 403, youth: 403 };

export const newConcernBody = (unitId: string, childId: string) => ({
  unitId,
  childId,
  aroseOn: daysFromToday(-30),
  observedBy: 'pedagogisk leder',
  description: 'Virker sliten og trekker seg unna i lek de siste ukene.',
  categories: ['wellbeing'],
});

export const CONCERN_ROUTES: Record<string, MatrixRow> = {
  'POST /api/concerns': {
    request: (t) => ({ path: '/api/concerns', body: newConcernBody(t.ownUnit, t.childInOwnUnit) }),
    // Staff of other units pass the function check but may only register in their own units: 400 naming unitId.
    expect: signedIn(400, { ownUnitStaff: 201, unitColleague: 201, unitLeader: 201, ...noFunction }),
  },
  'GET /api/concerns': {
    request: () => ({ path: '/api/concerns' }),
    expect: signedIn(200, noFunction),
    see: {
      ownUnitStaff: concernsSeen({ unshared: true, shared: true, outcome: true }),
      unitLeader: concernsSeen({ unshared: true, shared: true, outcome: true }),
      unitColleague: concernsSeen({ unshared: false, shared: true, outcome: false }),
      otherUnitStaff: concernsSeen({ unshared: false, shared: false, outcome: false }),
      healthNurse: concernsSeen({ unshared: false, shared: false, outcome: false }),
      childWelfare: concernsSeen({ unshared: false, shared: false, outcome: false }),
      otherTenantStaff: concernsSeen({ unshared: false, shared: false, outcome: false }),
    },
  },
  'GET /api/concerns/{id}': {
    request: (t) => ({ path: `/api/concerns/${t.concernByOwnUnitStaff}` }),
    // Not shared: a colleague of the same unit does not see it.
    expect: signedIn(404, { ownUnitStaff: 200, unitLeader: 200, ...noFunction }),
    see: {
      ownUnitStaff: (body, { t }) => expect(body).toMatchObject({ id: t.concernByOwnUnitStaff, isAuthor: true, sharedWithUnit: false }),
      unitLeader: (body, { t }) => expect(body).toMatchObject({ id: t.concernByOwnUnitStaff, isAuthor: false, sharedWithUnit: false }),
    },
  },
  'PATCH /api/concerns/{id}/steps': {
    // Each change the author and the leader make is a new version: read it first, as the author.
    prepareEach: async (t, as) => ({ version: await versionNow(as, 'ownUnitStaff', `/api/concerns/${t.sharedConcern}`) }),
    request: (t, p) => ({
      path: `/api/concerns/${t.sharedConcern}/steps`,
      body: { talkedWithChildOn: daysFromToday(-29) },
      headers: ifMatch(p['version']),
    }),
    // Shared with the unit: the colleague reads it but may not change it.
    expect: signedIn(404, { ownUnitStaff: 200, unitLeader: 200, unitColleague: 403, ...noFunction }),
  },
  'POST /api/concerns/{id}/decision': {
    prepareEach: async (t, as) => {
      const res = await as('ownUnitStaff', 'POST', '/api/concerns', newConcernBody(t.ownUnit, t.childInOwnUnit));
      return { concernId: ((await res.json()) as { id: string }).id, version: etagOf(res) };
    },
    request: (_t, prepared) => ({
      path: `/api/concerns/${prepared['concernId']}/decision`,
      body: { decision: 'close', reason: 'Samtale med foresatte avklarte saken.' },
      headers: ifMatch(prepared['version']),
    }),
    expect: signedIn(404, { ownUnitStaff: 200, unitLeader: 200, ...noFunction }),
  },
  'GET /api/tasks': {
    request: () => ({ path: '/api/tasks' }),
    // An administrator has no tasks, in her own municipality or any other.
    expect: signedIn(200, { otherTenantAdmin: 200 }),
    // The level-2 case's measure due within a week is the coordinator's and the responsible health station's;
    // its meeting in three days is everyone's on the team. Each item is one the persona opens.
    see: {
      ownUnitStaff: tasksSeen({ evaluation: true, meeting: true }),
      unitColleague: tasksSeen({ evaluation: false, meeting: true }),
      unitLeader: tasksSeen({ evaluation: false, meeting: true }),
      healthNurse: tasksSeen({ evaluation: true, meeting: true }),
      otherUnitStaff: tasksSeen({ evaluation: false, meeting: false }),
      childWelfare: tasksSeen({ evaluation: false, meeting: false }),
      otherTenantStaff: tasksSeen({ evaluation: false, meeting: false }),
      admin: noTasks,
      otherTenantAdmin: noTasks,
      privacyOfficer: noTasks,
      guardian: noTasks,
      guardianWithoutResponsibility: noTasks,
      youth: noTasks,
    },
  },
};
