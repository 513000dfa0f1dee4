import type { AddressProtection } from '@stafett/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';

export type UserKind = 'staff' | 'citizen';

/**
 * Someone who signs in: a staff member (employer's identity provider) or a citizen — guardian or
 * youth — (ID-porten). Citizens are matched by national identity number from the token.
 */
@Entity()
@Check('CHK_app_user_address_protection', `"address_protection" IN ('strengt_fortrolig', 'fortrolig')`)
// Unique within a municipality only: a global constraint would let one tenant probe another's data.
@Index(['municipalityId', 'nationalId'], { unique: true, where: 'national_id IS NOT NULL' })
@Unique(['municipalityId', 'id'])
@Unique(['issuer', 'subject'])
@Index('UQ_app_user_municipality_email', ['municipalityId', 'email'], { unique: true, where: 'email IS NOT NULL' })
@Index('UQ_app_user_municipality_upn', ['municipalityId', 'upn'], { unique: true, where: 'upn IS NOT NULL' })
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column({ type: 'text' })
  kind!: UserKind;

  @Column({ type: 'text' })
  displayName!: string;

  /** Identity provider and subject; for citizens the subject is set on first sign-in. */
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  /** Only for citizens (to match ID-porten's `pid`); never logged, never in URLs. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  nationalId!: string | null;

  /**
   * Staff only: the e-mail and user principal name an administrator invited them by (lower-case). At first
   * sign-in the staff identity provider's token is matched by them, then issuer and subject are stored.
   */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  upn!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Address protection from the population register (a citizen's own); null when none (SECURITY.md S32). */
  @Column({ type: 'text', nullable: true })
  addressProtection!: AddressProtection | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Bumped by every change an administrator makes; required back as If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
