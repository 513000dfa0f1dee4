import type { ConcernCategory, ConcernDecision, ConcernStatus } from '@stafett/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';
import { Child } from '../children/child.entity';
import { Unit } from '../organisation/unit.entity';
import { AppUser } from '../users/app-user.entity';

/** A staff member's worry about a child, registered in their own unit (level 0). */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'unitId', 'status'])
@Index(['municipalityId', 'authorUserId', 'status'])
export class Concern {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: Unit;

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
  authorUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'author_user_id', referencedColumnName: 'id' },
  ])
  author?: AppUser;

  /** When the worry arose; the decision is due a set number of days later. */
  @Column({ type: 'date' })
  aroseOn!: string;

  @Column({ type: 'text' })
  observedBy!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  childWords!: string | null;

  @Column({ type: 'text', array: true })
  categories!: ConcernCategory[];

  @Column({ type: 'date', nullable: true })
  talkedWithChildOn!: string | null;

  @Column({ type: 'date', nullable: true })
  talkedWithGuardiansOn!: string | null;

  @Column({ type: 'text', nullable: true })
  guardiansNotTalkedReason!: string | null;

  @Column({ type: 'date', nullable: true })
  sharedWithColleagueOn!: string | null;

  /** The author shares the concern with colleagues of the unit; leaders see it regardless. */
  @Column({ type: 'boolean', default: false })
  sharedWithUnit!: boolean;

  @Column({ type: 'date' })
  decisionDueOn!: string;

  @Column({ type: 'text', default: 'open' })
  status!: ConcernStatus;

  @Column({ type: 'text', nullable: true })
  decision!: ConcernDecision | null;

  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  /** For own service (1) and collaboration (2, 3): the level the case is to open at. */
  @Column({ type: 'smallint', nullable: true })
  requestedCaseLevel!: number | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
