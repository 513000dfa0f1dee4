import type { Principal } from '@stafett/domain';

/** Units the principal works in as staff or leader: the units through which they may see cases. */
export const memberUnitsOf = (principal: Principal): string[] =>
  principal.roles.filter((r) => r.unitId && (r.role === 'staff' || r.role === 'unit_leader')).map((r) => r.unitId as string);

export const leaderUnitsOf = (principal: Principal): string[] =>
  principal.roles.filter((r) => r.unitId && r.role === 'unit_leader').map((r) => r.unitId as string);

/** Staff of a child welfare unit: they read and handle every report to child welfare of their municipality. */
export const isChildWelfareStaff = (principal: Principal): boolean =>
  principal.roles.some((r) => r.unitId && r.serviceKind === 'child_welfare' && (r.role === 'staff' || r.role === 'unit_leader'));

/** Children whose cases the principal reads as family: with parental responsibility, or themself from the consent age. */
export const familyChildrenOf = (principal: Principal): string[] => [
  ...principal.guardianOf.filter((g) => g.parentalResponsibility).map((g) => g.childId),
  ...principal.youthOf,
];
