import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AppUser } from '../users/app-user.entity';

/**
 * An `Idempotency-Key` a user sent with a create, and what the create made (SECURITY.md S23). Holds
 * no body: a retry is answered by reading the record again through its own authorised read, so a
 * caller who lost access since gets 404, never a stored copy. Only hashes of the key and the request
 * are kept. One key per user and municipality; a row older than 24 hours counts as absent and is
 * overwritten when the key comes again (rows are not deleted yet; retention is a later issue).
 */
@Entity()
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  municipalityId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: AppUser;

  /** Hex SHA-256 of the header's value. */
  @PrimaryColumn({ type: 'text' })
  keyHash!: string;

  @Column({ type: 'text' })
  method!: string;

  /** The path the create was sent to (with its ids), e.g. `/api/cases/<id>/goals`. */
  @Column({ type: 'text' })
  route!: string;

  /** Hex SHA-256 of the body in canonical JSON (keys sorted): the same key with another body is refused. */
  @Column({ type: 'text' })
  requestHash!: string;

  /** The record the answer is (a part of a case answers the whole case, so it points at the case). */
  @Column({ type: 'text' })
  resourceType!: string;

  @Column({ type: 'uuid' })
  resourceId!: string;

  /** The HTTP status of the first answer, given again on a retry. */
  @Column({ type: 'smallint' })
  responseStatus!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
