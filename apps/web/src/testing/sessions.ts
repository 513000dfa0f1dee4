import { defineAbilityFor, familyRoleOf, packAbilityRules } from '@stafett/domain';
import type { Principal, SessionInfo } from '@stafett/domain';

export const MUNICIPALITY_ID = 'municipality-1';

/** What `GET /api/me` returns for a principal, with rules from the same factory the server uses. */
export function sessionFor(principal: Partial<Principal> & Pick<Principal, 'displayName' | 'kind'>): SessionInfo {
  const full: Principal = { userId: 'user-1', municipalityId: MUNICIPALITY_ID, roles: [], guardianOf: [], youthOf: [], ...principal };
  return {
    user: {
      id: full.userId,
      displayName: full.displayName,
      kind: full.kind,
      municipalityId: full.municipalityId,
      familyRole: familyRoleOf(full),
    },
    roles: full.roles,
    rules: packAbilityRules(defineAbilityFor(full)),
    csrfToken: 'csrf-token-1',
  };
}

export const SESSIONS = {
  staff: sessionFor({
    displayName: 'Kari Lærer',
    kind: 'staff',
    roles: [{ role: 'staff', unitId: 'unit-school', serviceId: 'service-school', serviceKind: 'school' }],
  }),
  unitLeader: sessionFor({
    displayName: 'Lena Leder',
    kind: 'staff',
    roles: [{ role: 'unit_leader', unitId: 'unit-kg', serviceId: 'service-kg', serviceKind: 'kindergarten' }],
  }),
  admin: sessionFor({
    displayName: 'Ada Admin',
    kind: 'staff',
    roles: [{ role: 'admin', unitId: null, serviceId: null, serviceKind: null }],
  }),
  privacyOfficer: sessionFor({
    displayName: 'Per Personvern',
    kind: 'staff',
    roles: [{ role: 'privacy_officer', unitId: null, serviceId: null, serviceKind: null }],
  }),
  guardian: sessionFor({
    displayName: 'Gro Foresatt',
    kind: 'citizen',
    guardianOf: [{ childId: 'child-1', parentalResponsibility: true }],
  }),
  youth: sessionFor({ displayName: 'Ylva Ungdom', kind: 'citizen', youthOf: ['child-2'] }),
} satisfies Record<string, SessionInfo>;

export const UNAUTHORIZED = {
  body: { type: 'about:blank', title: 'Unauthorized', status: 401 },
  init: { status: 401, statusText: 'Unauthorized', headers: { 'Content-Type': 'application/problem+json' } },
};
