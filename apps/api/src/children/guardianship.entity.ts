import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AppUser } from '../users/app-user.entity';
import { Child } from './child.entity';

export type GuardianshipSource = 'register' | 'manual';

/** A guardian of a child; only those with parental responsibility give consent. */
@Entity()
@Check('CHK_guardianship_source', `"source" IN ('register', 'manual')`)
@Unique(['childId', 'guardianUserId'])
export class Guardianship {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  childId!: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'child_id', referencedColumnName: 'id' },
  ])
  child?: Child;

  @Index()
  @Column({ type: 'uuid' })
  guardianUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'guardian_user_id', referencedColumnName: 'id' },
  ])
  guardian?: AppUser;

  @Column({ type: 'boolean' })
  hasParentalResponsibility!: boolean;

  /** Where it came from: the population register, or typed in by staff (DOMAIN.md "People and registers"). */
  @Column({ type: 'text', default: 'register' })
  source!: GuardianshipSource;

  /** E.g. mor, far, annen foresatt; as the register or the staff member gave it. */
  @Column({ type: 'text', nullable: true })
  relation!: string | null;

  /** When a register import last confirmed it; null while only typed in by hand. */
  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  /** Set when the register no longer lists it: kept (not deleted) as the history consents were given under. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
