import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Child } from '../children/child.entity';
import { Unit } from '../organisation/unit.entity';

/**
 * A report to child welfare (opplysningsplikt). Needs no consent, is never part of a shared log,
 * and is visible only to the reporter, the reporter's unit leaders and child welfare.
 */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'reporterUserId'])
@Index(['municipalityId', 'reporterUnitId'])
export class ChildWelfareReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Index()
  @Column({ type: 'uuid' })
  childId!: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'child_id', referencedColumnName: 'id' },
  ])
  child?: Child;

  @Column({ type: 'uuid' })
  reporterUserId!: string;

  @Column({ type: 'uuid' })
  reporterUnitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'reporter_unit_id', referencedColumnName: 'id' },
  ])
  reporterUnit?: Unit;

  /** The concern it was filed from, if any (the link is seen only by those who see the report). */
  @Column({ type: 'uuid', nullable: true })
  concernId!: string | null;

  @Column({ type: 'text' })
  content!: string;

  /** The reporter considers the child in acute danger. */
  @Column({ type: 'boolean', default: false })
  urgent!: boolean;

  @Column({ type: 'date' })
  submittedOn!: string;

  @Column({ type: 'date' })
  reviewDueOn!: string;

  @Column({ type: 'date' })
  receiptDueOn!: string;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  receiptConfirmedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Bumped by every change (review, receipt); sent as the ETag, required back as If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
