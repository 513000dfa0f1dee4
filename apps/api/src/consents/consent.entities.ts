import type { InformationCategory, RequiredSigner, SignatureMethod, SignerRole, StoredConsentStatus } from '@stafett/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CoordinatedCase } from '../cases/coordinated-case.entity';
import { Child } from '../children/child.entity';
import { tenantJoin } from '../database/tenant-join';
import { AppUser } from '../users/app-user.entity';

/**
 * A consent to share information across services: what (purpose, categories), who (services,
 * exclusions), the period. A change of scope is a new version (`previous_version_id`); the old
 * one is superseded when the new one becomes active. `expired` is never stored: a consent past
 * `valid_to` by the database's date gives no access.
 */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId', 'status'])
export class Consent {
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
  childId!: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('child_id'))
  child?: Child;

  @Column({ type: 'integer', default: 1 })
  versionNo!: number;

  @Column({ type: 'uuid', nullable: true })
  previousVersionId!: string | null;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('previous_version_id'))
  previousVersion?: Consent;

  @Column({ type: 'text', default: 'draft' })
  status!: StoredConsentStatus;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'text', array: true })
  categories!: InformationCategory[];

  /** The services (not named employees) that may take part and read. */
  @Column({ type: 'uuid', array: true })
  serviceIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  excludedUserIds!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  excludedCategories!: InformationCategory[];

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date' })
  validTo!: string;

  /** Who must answer, fixed when the consent is sent for signatures. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  requiredSigners!: RequiredSigner[];

  @Column({ type: 'text', nullable: true })
  singleSignatureReason!: string | null;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('created_by_user_id'))
  createdBy?: AppUser;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  declinedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnByUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** One answer to a consent: signed or declined, digitally by the signer or recorded by staff from an oral or paper answer. */
@Entity()
@Unique(['municipalityId', 'id'])
@Unique(['consentId', 'signerKey'])
export class ConsentAnswer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  consentId!: string;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('consent_id'))
  consent?: Consent;

  /** The guardian's user id, or `youth`. */
  @Column({ type: 'text' })
  signerKey!: string;

  @Column({ type: 'text' })
  signerRole!: SignerRole;

  @Column({ type: 'uuid', nullable: true })
  signerUserId!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('signer_user_id'))
  signer?: AppUser;

  @Column({ type: 'text' })
  decision!: 'signed' | 'declined';

  @Column({ type: 'text' })
  method!: SignatureMethod;

  /** Staff who recorded an oral or paper answer; null for a digital one. */
  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  answeredAt!: Date;
}
