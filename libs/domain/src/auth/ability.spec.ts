import { abilityFromPackedRules, defineAbilityFor, packAbilityRules, subject } from './ability';
import type { CoordinatorStanding } from './ability';
import type { Principal, RoleGrant } from './principal';

const M1 = 'm1';
const M2 = 'm2';

function staff(roles: RoleGrant[], municipalityId = M1): Principal {
  return { userId: 'u', municipalityId, kind: 'staff', displayName: 'x', roles, guardianOf: [], youthOf: [] };
}
const inUnit = (role: RoleGrant['role'], unitId: string): RoleGrant => ({ role, unitId, serviceId: 's', serviceKind: 'school' });
const wide = (role: RoleGrant['role']): RoleGrant => ({ role, unitId: null, serviceId: null, serviceKind: null });

const child = (id: string, unitIds: string[], municipalityId = M1) => subject('Child', { id, municipalityId, unitIds });

describe('ability rules', () => {
  it('denies everything to nobody', () => {
    const ability = defineAbilityFor(null);
    expect(ability.can('read', 'Session')).toBe(false);
    expect(ability.can('read', child('c1', ['unit-a']))).toBe(false);
  });

  it('lets staff read children of their own unit only, and never in another municipality', () => {
    const ability = defineAbilityFor(staff([inUnit('staff', 'unit-a')]));
    expect(ability.can('read', child('c1', ['unit-a']))).toBe(true);
    expect(ability.can('read', child('c2', ['unit-b']))).toBe(false);
    expect(ability.can('read', child('c3', ['unit-a'], M2))).toBe(false);
    expect(ability.can('update', child('c1', ['unit-a']))).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
    expect(ability.can('manage', 'User')).toBe(false);
  });

  it('lets an administrator manage users and units but read no child', () => {
    const ability = defineAbilityFor(staff([wide('admin')]));
    expect(ability.can('update', subject('User', { municipalityId: M1 }))).toBe(true);
    expect(ability.can('update', subject('User', { municipalityId: M2 }))).toBe(false);
    expect(ability.can('read', 'Child')).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
  });

  it('lets a privacy officer read the access log of their municipality and nothing of content', () => {
    const ability = defineAbilityFor(staff([wide('privacy_officer')]));
    expect(ability.can('read', subject('AuditEvent', { municipalityId: M1 }))).toBe(true);
    expect(ability.can('read', subject('AuditEvent', { municipalityId: M2 }))).toBe(false);
    expect(ability.can('read', 'Child')).toBe(false);
  });

  it('lets a guardian read their own child only with parental responsibility', () => {
    const guardian: Principal = {
      ...staff([]),
      kind: 'citizen',
      guardianOf: [
        { childId: 'c1', parentalResponsibility: true },
        { childId: 'c2', parentalResponsibility: false },
      ],
    };
    const ability = defineAbilityFor(guardian);
    expect(ability.can('read', child('c1', []))).toBe(true);
    expect(ability.can('read', child('c2', []))).toBe(false);
    expect(ability.can('read', child('c9', []))).toBe(false);
  });

  it('lets a youth above the consent age read their own record', () => {
    const youth: Principal = { ...staff([]), kind: 'citizen', youthOf: ['c5'] };
    const ability = defineAbilityFor(youth);
    expect(ability.can('read', child('c5', []))).toBe(true);
    expect(ability.can('read', child('c6', []))).toBe(false);
  });

  it('shows a concern to its author, the unit’s leaders, and colleagues only when shared', () => {
    const concern = (sharedWithUnit: boolean) =>
      subject('Concern', { municipalityId: M1, unitId: 'unit-a', authorUserId: 'author', sharedWithUnit });
    const author = defineAbilityFor({ ...staff([inUnit('staff', 'unit-a')]), userId: 'author' });
    const colleague = defineAbilityFor(staff([inUnit('staff', 'unit-a')]));
    const leader = defineAbilityFor(staff([inUnit('unit_leader', 'unit-a')]));
    const otherUnit = defineAbilityFor(staff([inUnit('staff', 'unit-b')]));
    expect(author.can('update', concern(false))).toBe(true);
    expect(leader.can('update', concern(false))).toBe(true);
    expect(colleague.can('read', concern(false))).toBe(false);
    expect(colleague.can('read', concern(true))).toBe(true);
    expect(colleague.can('update', concern(true))).toBe(false);
    expect(otherUnit.can('read', concern(true))).toBe(false);
  });

  it('shows a report only to its reporter, the reporter’s leader and child welfare', () => {
    const report = subject('ChildWelfareReport', { municipalityId: M1, reporterUserId: 'reporter', reporterUnitId: 'unit-a' });
    const cw: RoleGrant = { role: 'staff', unitId: 'cw', serviceId: 's-cw', serviceKind: 'child_welfare' };
    expect(defineAbilityFor({ ...staff([inUnit('staff', 'unit-a')]), userId: 'reporter' }).can('read', report)).toBe(true);
    expect(defineAbilityFor(staff([inUnit('unit_leader', 'unit-a')])).can('read', report)).toBe(true);
    expect(defineAbilityFor(staff([cw])).can('update', report)).toBe(true);
    expect(defineAbilityFor(staff([inUnit('staff', 'unit-a')])).can('read', report)).toBe(false);
    expect(defineAbilityFor(staff([{ ...inUnit('staff', 'hs'), serviceKind: 'health_station' }])).can('read', report)).toBe(false);
    expect(defineAbilityFor(staff([cw], M2)).can('read', report)).toBe(false);
  });

  it('gives the client, through packed rules, exactly the server ability', () => {
    const server = defineAbilityFor(staff([inUnit('unit_leader', 'unit-a'), wide('privacy_officer')]));
    const client = abilityFromPackedRules(JSON.parse(JSON.stringify(packAbilityRules(server))));
    for (const [action, target] of [
      ['read', child('c1', ['unit-a'])],
      ['read', child('c2', ['unit-b'])],
      ['read', 'AuditEvent'],
      ['manage', 'User'],
    ] as const) {
      expect(client.can(action, target)).toBe(server.can(action, target));
    }
  });

  describe('coordinated cases', () => {
    const kase = (unitIds: string[], coordinatorUserId = 'someone', municipalityId = M1) =>
      ({ municipalityId, childId: 'c1', unitIds, coordinatorUserId, coordinatorUnitId: 'unit-a' }) as const;

    it('lets staff of a taking-part unit read a case, and only the coordinator run it', () => {
      const ability = defineAbilityFor(staff([inUnit('staff', 'unit-a')]));
      expect(ability.can('read', subject('Case', kase(['unit-a', 'unit-b'])))).toBe(true);
      expect(ability.can('read', subject('Case', kase(['unit-b'])))).toBe(false);
      expect(ability.can('read', subject('Case', kase(['unit-a'], 'u', M2)))).toBe(false);
      expect(ability.can('update', subject('Case', kase(['unit-a'])))).toBe(false);
      expect(ability.can('update', subject('Case', kase(['unit-a'], 'u')))).toBe(true);
      expect(ability.can('create', subject('CaseContribution', kase(['unit-a'])))).toBe(true);
      expect(ability.can('create', subject('CaseContribution', kase(['unit-b'])))).toBe(false);
    });

    it('keeps private notes inside their unit and lets only the person asked answer a transfer', () => {
      const ability = defineAbilityFor(staff([inUnit('staff', 'unit-a')]));
      expect(ability.can('read', subject('CasePrivateNote', { municipalityId: M1, unitId: 'unit-a' }))).toBe(true);
      expect(ability.can('read', subject('CasePrivateNote', { municipalityId: M1, unitId: 'unit-b' }))).toBe(false);
      expect(ability.can('update', subject('BatonTransfer', { municipalityId: M1, toUserId: 'u' }))).toBe(true);
      expect(ability.can('update', subject('BatonTransfer', { municipalityId: M1, toUserId: 'v' }))).toBe(false);
    });

    it('lets a leader of the coordinator’s unit re-assign, and the owning unit’s leader once the coordinator’s service lost access', () => {
      const baton = (coordinatorStanding: CoordinatorStanding) =>
        subject('CaseCoordinator', { ...kase([]), coordinatorUnitId: 'unit-b', ownerUnitId: 'unit-a', coordinatorStanding });
      const leaderOf = (unit: string) => defineAbilityFor(staff([inUnit('unit_leader', unit)]));
      expect(leaderOf('unit-b').can('update', baton('left'))).toBe(true);
      expect(leaderOf('unit-a').can('update', baton('left'))).toBe(false);
      expect(leaderOf('unit-a').can('update', baton('no_access'))).toBe(true);
      expect(leaderOf('unit-c').can('update', baton('no_access'))).toBe(false);
      expect(defineAbilityFor(staff([inUnit('staff', 'unit-a')])).can('update', baton('no_access'))).toBe(false);
      expect(defineAbilityFor(staff([inUnit('staff', 'unit-b')])).can('update', baton('left'))).toBe(false);
      expect(
        leaderOf('unit-a').can(
          'update',
          subject('CaseCoordinator', { ...kase([], 'u', M2), ownerUnitId: 'unit-a', coordinatorStanding: 'no_access' as const }),
        ),
      ).toBe(false);
      for (const p of [staff([wide('admin')]), staff([wide('privacy_officer')]), { ...staff([]), kind: 'citizen' as const }]) {
        // (A citizen with no child in the family has no case rules either.)
        const ability = defineAbilityFor(p);
        expect(ability.can('read', 'Case')).toBe(false);
        expect(ability.can('create', 'Case')).toBe(false);
      }
    });

    it('lets guardians with parental responsibility and the youth read the child’s case, consents and access log, and run nothing', () => {
      const family: Principal = {
        ...staff([]),
        kind: 'citizen',
        guardianOf: [
          { childId: 'c1', parentalResponsibility: true },
          { childId: 'c2', parentalResponsibility: false },
        ],
      };
      const ability = defineAbilityFor(family);
      const ofChild = (childId: string) => ({ ...kase([]), childId });
      expect(ability.can('read', subject('Case', ofChild('c1')))).toBe(true);
      expect(ability.can('read', subject('Case', ofChild('c2')))).toBe(false);
      expect(ability.can('update', subject('Consent', ofChild('c1')))).toBe(true);
      expect(ability.can('read', subject('CaseAccessLog', ofChild('c1')))).toBe(true);
      expect(ability.can('read', subject('CaseAccessLog', ofChild('c2')))).toBe(false);
      expect(ability.can('update', subject('Case', ofChild('c1')))).toBe(false);
      expect(ability.can('create', subject('CaseContribution', ofChild('c1')))).toBe(false);
      const youth = defineAbilityFor({ ...staff([]), kind: 'citizen', youthOf: ['c3'] });
      expect(youth.can('read', subject('Case', ofChild('c3')))).toBe(true);
      expect(youth.can('read', subject('Case', ofChild('c1')))).toBe(false);
    });
  });
});
