import type { CaseLevel, ClosureReason, LevelDecisionKind, LogEntryKind, ParticipantRole } from '@stafett/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Child } from '../children/child.entity';
import { Concern } from '../concerns/concern.entity';
import { tenantJoin } from '../database/tenant-join';
import { Unit } from '../organisation/unit.entity';
import { AppUser } from '../users/app-user.entity';

/**
 * A coordinated case (levels 1–3), opened from a concern's decision. From level 1 it has exactly
 * one coordinator (the baton holder); `version` guards every command against stale writes.
 */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'childId'])
@Index(['municipalityId', 'coordinatorUserId', 'status'])
@Index(['concernId'], { unique: true, where: 'concern_id IS NOT NULL' })
export class CoordinatedCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  childId!: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('child_id'))
  child?: Child;

  /** The concern whose decision opened the case; one case per concern. */
  @Column({ type: 'uuid', nullable: true })
  concernId!: string | null;

  @ManyToOne(() => Concern, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('concern_id'))
  concern?: Concern;

  /** The unit where the concern was raised: it owns the case and needs no consent to read it. */
  @Column({ type: 'uuid' })
  ownerUnitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('owner_unit_id'))
  ownerUnit?: Unit;

  @Column({ type: 'smallint' })
  level!: CaseLevel;

  /** The categories of the concern it came from; the default category of what is written in the case. */
  @Column({ type: 'text', array: true, default: () => "'{other}'" })
  categories!: string[];

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'closed';

  @Column({ type: 'uuid' })
  coordinatorUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('coordinator_user_id'))
  coordinator?: AppUser;

  @Column({ type: 'uuid' })
  coordinatorUnitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('coordinator_unit_id'))
  coordinatorUnit?: Unit;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  coordinatorSince!: Date;

  @Column({ type: 'uuid' })
  openedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'text', nullable: true })
  closureReason!: ClosureReason | null;

  @Column({ type: 'text', nullable: true })
  closureOtherText!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** Every change of level — opening, escalation, de-escalation, closure, reopening — as a decision. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId'])
export class CaseLevelDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CoordinatedCase, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('case_id'))
  case?: CoordinatedCase;

  @Column({ type: 'text' })
  kind!: LevelDecisionKind;

  @Column({ type: 'smallint', nullable: true })
  fromLevel!: CaseLevel | null;

  @Column({ type: 'smallint' })
  toLevel!: CaseLevel;

  @Column({ type: 'text' })
  reason!: string;

  /** The child's own view of the decision (DOMAIN.md: heard from 7, weighs heavily from 12). */
  @Column({ type: 'text', nullable: true })
  childView!: string | null;

  /** The meeting the decision was taken in, if any (a meeting of the same case). */
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @Column({ type: 'uuid' })
  decidedByUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('decided_by_user_id'))
  decidedBy?: AppUser;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt!: Date;
}

/** A unit taking part in a case (the team around the child), with its role and period. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId'])
@Index(['caseId', 'unitId'], { unique: true, where: 'left_at IS NULL' })
export class CaseParticipant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CoordinatedCase, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('case_id'))
  case?: CoordinatedCase;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('unit_id'))
  unit?: Unit;

  @Column({ type: 'text' })
  role!: ParticipantRole;

  /** Named staff within the unit (contact persons). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  staffUserIds!: string[];

  @Column({ type: 'date' })
  fromOn!: string;

  @Column({ type: 'date', nullable: true })
  toOn!: string | null;

  @Column({ type: 'uuid' })
  joinedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  leftByUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  leftReason!: string | null;
}

/**
 * Who may read a case, materialised: one row per unit and participation, valid from–to, written
 * in the same transaction as every change of the team (SECURITY.md S10). Queries select cases
 * through it with one index range scan; the consent issue narrows `valid_*` to the consent period.
 */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'unitId', 'caseId', 'validFrom', 'validTo'])
@Index(['municipalityId', 'caseId'])
// "My cases" a page at a time, walked backwards: open first, newest first (migration 1796410000000).
@Index('case_access_grant_my_cases', ['municipalityId', 'unitId', 'caseStatus', 'caseOpenedAt', 'caseId'])
export class CaseAccessGrant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CoordinatedCase, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('case_id'))
  case?: CoordinatedCase;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('unit_id'))
  unit?: Unit;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => CaseParticipant, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('participant_id'))
  participant?: CaseParticipant;

  /**
   * `ownership` for units of the owning unit's service; `consent` for other services while a
   * consent names theirs (`participation` only before consents were enforced).
   */
  @Column({ type: 'text' })
  basis!: 'ownership' | 'participation' | 'consent';

  /** The consent this access derives from; it ends with it. */
  @Column({ type: 'uuid', nullable: true })
  consentId!: string | null;

  /** Categories of information readable through this grant; null: all. */
  @Column({ type: 'text', array: true, nullable: true })
  categories!: string[] | null;

  /** Persons the consent excludes, even though their unit takes part. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  excludedUserIds!: string[];

  /** Services whose part in the case this grant lets the unit know of (the consent's and the owner's); null: all. */
  @Column({ type: 'uuid', array: true, nullable: true })
  serviceIds!: string[] | null;

  @Column({ type: 'timestamptz' })
  validFrom!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validTo!: Date | null;

  /** The case's status and opening, the order of "my cases"; set and kept by triggers from the case. */
  @Column({ type: 'text' })
  caseStatus!: string;

  @Column({ type: 'timestamptz' })
  caseOpenedAt!: Date;
}

/** The shared log (stafettlogg): short notes, and an entry for every change of team, level and baton. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId', 'createdAt'])
export class CaseLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CoordinatedCase, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('case_id'))
  case?: CoordinatedCase;

  @Column({ type: 'text' })
  kind!: LogEntryKind;

  @Column({ type: 'text' })
  text!: string;

  /** The category of information of a note; null for the system's entries about the case itself. */
  @Column({ type: 'text', nullable: true })
  category!: string | null;

  /** For entries about a unit joining or leaving: its service (shown only where that service may be known). */
  @Column({ type: 'uuid', nullable: true })
  serviceId!: string | null;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('author_user_id'))
  author?: AppUser;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
