import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from '../organisation/unit.entity';
import { AppUser } from './app-user.entity';

export type StaffRole = 'staff' | 'unit_leader' | 'admin' | 'privacy_officer';

/**
 * A staff member's role: `staff` and `unit_leader` are held in a unit; `admin` and
 * `privacy_officer` are municipality-wide (unit is null).
 */
@Entity()
@Index(['municipalityId', 'userId'])
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
}
