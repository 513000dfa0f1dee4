import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import type { InferSubjects, MongoAbility } from '@casl/ability';
import { packRules, unpackRules } from '@casl/ability/extra';
import type { PackRule } from '@casl/ability/extra';
import { familyChildrenOf, isChildWelfareStaff, leaderUnitsOf, memberUnitsOf } from './principal';
import type { Principal } from './principal';

export const ACTIONS = ['manage', 'read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** The record types rules speak about; `all` only in the deny-everything sense. */
export const SUBJECTS = [
  'Session',
  'User',
  'Unit',
  'MunicipalitySettings',
  'AuditEvent',
  'Child',
  'Guardianship',
  'RegisterImport',
  'Concern',
  'ChildWelfareReport',
  'AnonymousDiscussion',
  'Case',
  'CaseContribution',
  'CasePrivateNote',
  'BatonTransfer',
  'CaseCoordinator',
  'Consent',
  'CaseAccessLog',
  'all',
] as const;
export type SubjectName = (typeof SUBJECTS)[number];

/** Shapes the rules' conditions read; the server's query scopes mirror the same fields in SQL. */
export interface ChildFacts {
  id: string;
  municipalityId: string;
  /** Units the child is enrolled in now. */
  unitIds: string[];
}

interface Tagged<T extends SubjectName> {
  __typename: T;
}
interface TenantFacts {
  municipalityId: string;
}
export type ChildSubject = Tagged<'Child'> & ChildFacts;
export type UserSubject = Tagged<'User'> & TenantFacts;
export type GuardianshipSubject = Tagged<'Guardianship'> & ChildFacts;
export type RegisterImportSubject = Tagged<'RegisterImport'> & TenantFacts;
export type UnitSubject = Tagged<'Unit'> & TenantFacts;
export type SettingsSubject = Tagged<'MunicipalitySettings'> & TenantFacts;
export type AuditEventSubject = Tagged<'AuditEvent'> & TenantFacts;
export type ConcernSubject = Tagged<'Concern'> & ConcernFacts;
export type ChildWelfareReportSubject = Tagged<'ChildWelfareReport'> & ChildWelfareReportFacts;
export type AnonymousDiscussionSubject = Tagged<'AnonymousDiscussion'> & AnonymousDiscussionFacts;
export type CaseSubject = Tagged<'Case'> & CaseFacts;
export type CaseContributionSubject = Tagged<'CaseContribution'> & CaseFacts;
export type CaseCoordinatorSubject = Tagged<'CaseCoordinator'> & CaseCoordinatorFacts;
export type CasePrivateNoteSubject = Tagged<'CasePrivateNote'> & CasePrivateNoteFacts;
export type BatonTransferSubject = Tagged<'BatonTransfer'> & BatonTransferFacts;
export type ConsentSubject = Tagged<'Consent'> & CaseFacts;
export type CaseAccessLogSubject = Tagged<'CaseAccessLog'> & CaseFacts;

type Subjects =
  | InferSubjects<
      | ChildSubject
      | UserSubject
      | GuardianshipSubject
      | RegisterImportSubject
      | UnitSubject
      | SettingsSubject
      | AuditEventSubject
      | ConcernSubject
      | ChildWelfareReportSubject
      | AnonymousDiscussionSubject
      | CaseSubject
      | CaseContributionSubject
      | CaseCoordinatorSubject
      | CasePrivateNoteSubject
      | BatonTransferSubject
      | ConsentSubject
      | CaseAccessLogSubject
    >
  | 'Session'
  | 'all';
export interface ConcernFacts {
  municipalityId: string;
  unitId: string;
  authorUserId: string;
  sharedWithUnit: boolean;
}

export interface ChildWelfareReportFacts {
  municipalityId: string;
  reporterUserId: string;
  reporterUnitId: string;
}

export interface AnonymousDiscussionFacts {
  municipalityId: string;
  authorUserId: string;
  authorUnitId: string;
  invitedUnitIds: string[];
}

/** A coordinated case as the rules see it; `unitIds` are the units whose access grant is valid now. */
export interface CaseFacts {
  municipalityId: string;
  childId: string;
  unitIds: string[];
  coordinatorUserId: string;
  coordinatorUnitId: string;
}

/**
 * Whether the coordinator can do the work: `left` when disabled or no longer in the coordinator's
 * unit; `no_access` when that unit no longer reads the case (its service's consent ended).
 */
export type CoordinatorStanding = 'active' | 'left' | 'no_access';

/** Who may take the baton from a coordinator who can no longer hold it. */
export interface CaseCoordinatorFacts extends CaseFacts {
  ownerUnitId: string;
  coordinatorStanding: CoordinatorStanding;
}

export interface CasePrivateNoteFacts {
  municipalityId: string;
  unitId: string;
}

export interface BatonTransferFacts {
  municipalityId: string;
  toUserId: string;
}

export type AppAbility = MongoAbility<[Action, Subjects]>;

const detectSubjectType = (subject: unknown): SubjectName =>
  typeof subject === 'string' ? (subject as SubjectName) : ((subject as { __typename: SubjectName }).__typename ?? 'all');

/** Tags a plain record with its subject type so CASL can match rules against it. */
export function subject<N extends SubjectName, T extends object>(type: N, record: T): T & Tagged<N> {
  return { ...record, __typename: type };
}

/**
 * Every rule of the system, one plain-language comment each. Nothing is allowed unless a rule
 * below allows it (deny by default). Every condition carries the municipality: no rule reaches
 * across tenants.
 */
export function defineAbilityFor(principal: Principal | null): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (!principal) return build({ detectSubjectType });
  const tenant = { municipalityId: principal.municipalityId };

  // Anyone signed in may see their own session: who they are and what they may do.
  can('read', 'Session');

  const unitIds = memberUnitsOf(principal);
  if (unitIds.length > 0) {
    // Staff read the basic facts of children enrolled in a unit they work in (tjenstlig behov).
    can('read', 'Child', { ...tenant, unitIds: { $in: unitIds } });
    // Staff register by hand a guardian the registers lack, on a child they can see; it stays unverified until a register confirms it.
    can('create', 'Guardianship', { ...tenant, unitIds: { $in: unitIds } });
  }

  const leaderOf = leaderUnitsOf(principal);
  if (unitIds.length > 0) {
    // Staff register a concern about a child in a unit they work in.
    can('create', 'Concern', { ...tenant, unitId: { $in: unitIds } });
    // The author of a concern reads and works on it.
    can(['read', 'update'], 'Concern', { ...tenant, authorUserId: principal.userId });
    // Colleagues in the unit read a concern only when its author has shared it with the unit.
    can('read', 'Concern', { ...tenant, unitId: { $in: unitIds }, sharedWithUnit: true });
    // Any staff member may report to child welfare, without consent (opplysningsplikt).
    can('create', 'ChildWelfareReport', tenant);
    // The reporter reads their own report.
    can('read', 'ChildWelfareReport', { ...tenant, reporterUserId: principal.userId });
    // Staff start anonymous discussions from their unit and read their own.
    can('create', 'AnonymousDiscussion', { ...tenant, authorUnitId: { $in: unitIds } });
    can(['read', 'update'], 'AnonymousDiscussion', { ...tenant, authorUserId: principal.userId });
    // Colleagues in the author's unit read the unit's discussions, with the link to the unit's concern.
    can('read', 'AnonymousDiscussion', { ...tenant, authorUnitId: { $in: unitIds } });
    // Staff of an invited unit read a discussion and add advice to it.
    can(['read', 'update'], 'AnonymousDiscussion', { ...tenant, invitedUnitIds: { $in: unitIds } });
  }
  if (unitIds.length > 0) {
    // Staff open a coordinated case from a concern they have decided (its author or the unit's leader).
    can('create', 'Case', tenant);
    // Staff of a unit taking part in a case read its shared information: level, team, plan, meetings and log.
    // (The consent issue adds: a unit of another service only while an active consent names its service.)
    can('read', 'Case', { ...tenant, unitIds: { $in: unitIds } });
    // The coordinator (baton holder) runs the case: level, team, plan, meetings, handover, closure.
    can('update', 'Case', { ...tenant, coordinatorUserId: principal.userId });
    // Staff of a taking-part unit write in the shared log and evaluate the measures their unit is responsible for.
    can('create', 'CaseContribution', { ...tenant, unitIds: { $in: unitIds } });
    // Service-private notes are written and read only inside their own unit.
    can(['create', 'read'], 'CasePrivateNote', { ...tenant, unitId: { $in: unitIds } });
    // The person asked to take over the baton accepts or declines it.
    can('update', 'BatonTransfer', { ...tenant, toUserId: principal.userId });
    // Staff of a taking-part unit see the case's consents: what was agreed, with whom, until when.
    can('read', 'Consent', { ...tenant, unitIds: { $in: unitIds } });
    // The coordinator asks for consent, sends it to the signers, and records an oral or paper answer.
    can(['create', 'update'], 'Consent', { ...tenant, coordinatorUserId: principal.userId });
  }
  if (leaderOf.length > 0) {
    // A unit leader re-assigns the cases their unit coordinates when the coordinator is inactive or has left.
    can('update', 'CaseCoordinator', { ...tenant, coordinatorUnitId: { $in: leaderOf } });
    // A leader of the unit that owns the case takes the baton back when the coordinator's service lost its consent.
    can('update', 'CaseCoordinator', { ...tenant, ownerUnitId: { $in: leaderOf }, coordinatorStanding: 'no_access' });
    // A unit leader reads and decides every concern registered in the unit they lead.
    can(['read', 'update'], 'Concern', { ...tenant, unitId: { $in: leaderOf } });
    // A unit leader reads the reports to child welfare filed from the unit they lead.
    can('read', 'ChildWelfareReport', { ...tenant, reporterUnitId: { $in: leaderOf } });
  }
  if (isChildWelfareStaff(principal)) {
    // Child welfare reads and handles the reports it receives — and nothing else about the child without consent.
    can(['read', 'update'], 'ChildWelfareReport', tenant);
  }

  if (principal.roles.some((r) => r.role === 'admin')) {
    // A municipal administrator manages users, units and settings of their municipality — and no case content.
    can('manage', 'User', tenant);
    can('manage', 'Unit', tenant);
    can('manage', 'MunicipalitySettings', tenant);
    // They bring in the population register and the enrolments of the municipality's units (never case content).
    can('create', 'RegisterImport', tenant);
  }

  if (principal.roles.some((r) => r.role === 'privacy_officer')) {
    // A privacy officer reads the access log of their municipality, never the content it refers to.
    can('read', 'AuditEvent', tenant);
  }

  const responsibleFor = principal.guardianOf.filter((g) => g.parentalResponsibility).map((g) => g.childId);
  if (responsibleFor.length > 0) {
    // A guardian with parental responsibility reads the basic facts of their own children.
    can('read', 'Child', { ...tenant, id: { $in: responsibleFor } });
  }

  if (principal.youthOf.length > 0) {
    // A youth at or above the consent age reads their own record.
    can('read', 'Child', { ...tenant, id: { $in: principal.youthOf } });
  }

  const family = familyChildrenOf(principal);
  if (family.length > 0) {
    // Guardians with parental responsibility, and the youth from the consent age, read the child's cases: level, team, plan, meetings and the shared log.
    can('read', 'Case', { ...tenant, childId: { $in: family } });
    // They read the consents in full, and sign, decline or withdraw those they are asked to give.
    can(['read', 'update'], 'Consent', { ...tenant, childId: { $in: family } });
    // They see who accessed the child's cases, when, in which role and service, and on what basis.
    can('read', 'CaseAccessLog', { ...tenant, childId: { $in: family } });
  }

  return build({ detectSubjectType });
}

/** Rules packed for the wire (`GET /api/me`). */
export function packAbilityRules(ability: AppAbility): PackRule<AppAbility['rules'][number]>[] {
  return packRules(ability.rules);
}

/** The client rebuilds the server's ability from the packed rules it was given. */
export function abilityFromPackedRules(packed: unknown[]): AppAbility {
  return createMongoAbility(unpackRules(packed as PackRule<AppAbility['rules'][number]>[]), { detectSubjectType }) as AppAbility;
}
