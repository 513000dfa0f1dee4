import type { Principal } from '@stafett/domain';
import { discussionAccess } from './discussion-scope';
import { DiscussionRow, toDiscussionResponse } from './discussion.mapper';

const SENTRUM = '00000000-0000-4000-8000-000000000001';
const HEALTH = '00000000-0000-4000-8000-000000000002';
const CONCERN = '00000000-0000-4000-8000-000000000003';

const staffOf = (userId: string, ...unitIds: string[]): Principal => ({
  userId,
  municipalityId: 'm',
  kind: 'staff',
  displayName: userId,
  roles: unitIds.map((unitId) => ({ role: 'staff', unitId, serviceId: null, serviceKind: null })),
  guardianOf: [],
  youthOf: [],
});

const row: DiscussionRow = {
  id: 'd',
  authorUserId: 'kari',
  authorUnitId: SENTRUM,
  authorUnitName: 'Sentrum barnehage',
  authorDisplayName: 'Kari',
  linkedConcernId: CONCERN,
  invitedUnitIds: [HEALTH],
  topic: 'Trekker seg unna',
  description: 'Virker sliten.',
  ageBand: '3-5',
  categories: ['wellbeing'],
  identifiabilityWarning: false,
  status: 'open',
  adviceCount: 0,
  createdAt: new Date(0),
  version: 1,
};
const details = { invitedUnits: [], advice: [] };

describe('anonymous discussion mapper', () => {
  it('gives the link to the author’s concern to staff of the author’s unit', () => {
    expect(toDiscussionResponse(staffOf('kari', SENTRUM), row, details).linkedConcernId).toBe(CONCERN);
    expect(toDiscussionResponse(staffOf('siri', SENTRUM, HEALTH), row, details).linkedConcernId).toBe(CONCERN);
  });

  it('hides the link from invited advisers and never sends author ids', () => {
    const response = toDiscussionResponse(staffOf('hanne', HEALTH), row, details);
    expect(response.linkedConcernId).toBeNull();
    expect(JSON.stringify(response)).not.toMatch(/authorUserId|authorUnitId|invitedUnitIds/);
  });

  it('names the basis and the unit the caller acts for', () => {
    expect(discussionAccess(staffOf('kari', SENTRUM), row)).toEqual({ basis: 'ownership', unitId: SENTRUM });
    expect(discussionAccess(staffOf('hanne', HEALTH), row)).toEqual({ basis: 'invited', unitId: HEALTH });
  });
});
