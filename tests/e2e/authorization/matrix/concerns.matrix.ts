import { daysFromToday } from '@stafett/testing';
import { MatrixRow, signedIn } from './personas';

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
  'GET /api/concerns': { request: () => ({ path: '/api/concerns' }), expect: signedIn(200, noFunction) },
  'GET /api/concerns/{id}': {
    request: (t) => ({ path: `/api/concerns/${t.concernByOwnUnitStaff}` }),
    // Not shared: a colleague of the same unit does not see it.
    expect: signedIn(404, { ownUnitStaff: 200, unitLeader: 200, ...noFunction }),
  },
  'PATCH /api/concerns/{id}/steps': {
    request: (t) => ({ path: `/api/concerns/${t.sharedConcern}/steps`, body: { talkedWithChildOn: daysFromToday(-29) } }),
    // Shared with the unit: the colleague reads it but may not change it.
    expect: signedIn(404, { ownUnitStaff: 200, unitLeader: 200, unitColleague: 403, ...noFunction }),
  },
  'POST /api/concerns/{id}/decision': {
    prepareEach: async (t, as) => {
      const res = await as('ownUnitStaff', 'POST', '/api/concerns', newConcernBody(t.ownUnit, t.childInOwnUnit));
      return { concernId: ((await res.json()) as { id: string }).id };
    },
    request: (_t, prepared) => ({
      path: `/api/concerns/${prepared['concernId']}/decision`,
      body: { decision: 'close', reason: 'Samtale med foresatte avklarte saken.' },
    }),
    expect: signedIn(404, { ownUnitStaff: 200, unitLeader: 200, ...noFunction }),
  },
  'GET /api/tasks': { request: () => ({ path: '/api/tasks' }), expect: signedIn(200) },
};
