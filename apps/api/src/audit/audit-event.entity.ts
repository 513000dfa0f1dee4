import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One row per read or write of personal data, login and authorization failure. Append-only
 * (no UPDATE/DELETE/TRUNCATE for the app role; triggers refuse them for everyone) and
 * tamper-evident: each row's HMAC covers its content and the previous row's hash in the chain
 * of its municipality. Never holds content: only what kind of record, which category, why.
 */
@Entity()
// One chain per municipality: appends serialise per tenant, not globally (SECURITY.md S12).
@Unique(['chain', 'seq'])
@Index(['municipalityId', 'subjectChildId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The chain this row belongs to: the municipality id, or "system" for events without a tenant. */
  @Column({ type: 'text' })
  chain!: string;

  /** Position in the chain, from 1, without gaps. */
  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  municipalityId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUnitId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectChildId!: string | null;

  /** read, create, update, delete, login, logout, access_denied, … */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  recordType!: string;

  @Column({ type: 'text', nullable: true })
  recordId!: string | null;

  /** Information category (e.g. "plan", "health"), never content. */
  @Column({ type: 'text', nullable: true })
  category!: string | null;

  /** Why access was allowed: ownership, consent, report, emergency, guardian, youth, role. */
  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  /** E.g. the consent id when basis is "consent". */
  @Column({ type: 'uuid', nullable: true })
  basisRef!: string | null;

  /** success, denied or failure. */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
