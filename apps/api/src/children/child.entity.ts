import type { AddressProtection } from '@stafett/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';

@Entity()
@Check('CHK_child_address_protection', `"address_protection" IN ('strengt_fortrolig', 'fortrolig')`)
// Unique within a municipality only: a global constraint would let one tenant probe another's data.
@Index(['municipalityId', 'nationalId'], { unique: true, where: 'national_id IS NOT NULL' })
@Unique(['municipalityId', 'id'])
export class Child {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column({ type: 'text' })
  givenName!: string;

  @Column({ type: 'text' })
  familyName!: string;

  @Column({ type: 'date' })
  birthDate!: string;

  /** Optional; validated with both mod-11 check digits; never logged, never in URLs. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  nationalId!: string | null;

  /** Address protection from the population register (the child's); null when none (SECURITY.md S32). */
  @Column({ type: 'text', nullable: true })
  addressProtection!: AddressProtection | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
