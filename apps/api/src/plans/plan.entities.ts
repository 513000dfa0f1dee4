import type { EvaluationDecision, EvaluationEffect, MeasureStatus } from '@stafett/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseParticipant, CoordinatedCase } from '../cases/coordinated-case.entity';
import { tenantJoin } from '../database/tenant-join';
import { Unit } from '../organisation/unit.entity';
import { AppUser } from '../users/app-user.entity';

/** A goal of the plan: what the measures aim at. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId'])
export class CaseGoal {
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
  text!: string;

  @Column({ type: 'boolean', default: false })
  achieved!: boolean;

  /** The category of information, which a consent must cover for another service to read it. */
  @Column({ type: 'text', default: 'other' })
  category!: string;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** A measure (tiltak): always a responsible participant and an evaluation due date. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId'])
@Index(['municipalityId', 'responsibleParticipantId', 'status', 'evaluationDueOn'])
export class CaseMeasure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CoordinatedCase, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('case_id'))
  case?: CoordinatedCase;

  @Column({ type: 'uuid', nullable: true })
  goalId!: string | null;

  @ManyToOne(() => CaseGoal, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('goal_id'))
  goal?: CaseGoal;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'uuid' })
  responsibleParticipantId!: string;

  @ManyToOne(() => CaseParticipant, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('responsible_participant_id'))
  responsibleParticipant?: CaseParticipant;

  @Column({ type: 'date' })
  evaluationDueOn!: string;

  @Column({ type: 'text', default: 'active' })
  status!: MeasureStatus;

  /** The category of information, which a consent must cover for another service to read it. */
  @Column({ type: 'text', default: 'other' })
  category!: string;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** An evaluation of a measure: its effect, the child's own view, and what happens next. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'measureId'])
export class MeasureEvaluation {
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
  measureId!: string;

  @ManyToOne(() => CaseMeasure, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('measure_id'))
  measure?: CaseMeasure;

  @Column({ type: 'date' })
  evaluatedOn!: string;

  @Column({ type: 'text' })
  effect!: EvaluationEffect;

  @Column({ type: 'text' })
  childView!: string;

  @Column({ type: 'text' })
  decision!: EvaluationDecision;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'date', nullable: true })
  nextEvaluationDueOn!: string | null;

  @Column({ type: 'uuid' })
  evaluatedByUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('evaluated_by_user_id'))
  evaluatedBy?: AppUser;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A service-private note on a case: visible only inside the unit that wrote it. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId', 'unitId'])
export class CasePrivateNote {
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
  text!: string;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('author_user_id'))
  author?: AppUser;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
