import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from '../organisation/unit.entity';
import { AppUser } from './app-user.entity';

export type StaffRole = 'staff' | 'unit_leader' | 'admin' | 'privacy_officer';

/**
 * A staff member's role: `staff` and `unit_leader` are held in a unit; `admin` and
 * `privacy_officer` are municipality-wide (unit is null).
 */
@Entity()
@Index(['municipalityId', 'userId'])
// Inclusive dates, as enrolments; a role ended the day it began ends the day before: it was never held.
@Check('CHK_role_assignment_dates', `"valid_to" IS NULL OR "valid_to" >= "valid_from" - 1`)
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: AppUser;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: Unit;

  @Column({ type: 'text' })
  role!: StaffRole;

  /** The first and last day the role holds (inclusive); only an assignment valid today gives access. */
  @Column({ type: 'date', default: () => 'CURRENT_DATE' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  /** Bumped by every change (ending it); required back as If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
