import type { TransferStatus, WishSource } from '@stafett/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CoordinatedCase } from '../cases/coordinated-case.entity';
import { tenantJoin } from '../database/tenant-join';
import { Unit } from '../organisation/unit.entity';
import { AppUser } from '../users/app-user.entity';

/**
 * A handover of the baton: pending until the person asked accepts (then they hold it), declines
 * (with a reason) or the holder cancels. At most one is pending per case.
 */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['caseId'], { unique: true, where: `status = 'pending'` })
@Index(['municipalityId', 'toUserId', 'status'])
@Index(['municipalityId', 'caseId'])
export class BatonTransfer {
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
  fromUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('from_user_id'))
  from?: AppUser;

  @Column({ type: 'uuid' })
  toUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('to_user_id'))
  to?: AppUser;

  @Column({ type: 'uuid' })
  toUnitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('to_unit_id'))
  toUnit?: Unit;

  @Column({ type: 'text', default: 'pending' })
  status!: TransferStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}

/** What the guardians or the child wish about who coordinates: recorded, and shown on the case. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId'])
export class CoordinatorWish {
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
  source!: WishSource;

  @Column({ type: 'text' })
  wish!: string;

  @Column({ type: 'uuid', nullable: true })
  proposedUserId!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('proposed_user_id'))
  proposed?: AppUser;

  @Column({ type: 'uuid' })
  recordedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
