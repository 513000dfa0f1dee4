import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit window: how many requests one client (an IP) or one user made to one limit. Holds
 * no personal data: the key is an HMAC of the limit's name and the client, never the IP address or
 * a user id itself. Rows whose window and block have ended are deleted (PostgresThrottlerStorage).
 */
@Entity()
export class RateLimitCounter {
  /** Hex HMAC-SHA-256 of "<limit>:<route or *>:<client>". */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  /** Indexed for the sweep that deletes ended windows. */
  @Index()
  @Column({ type: 'timestamptz' })
  windowEndsAt!: Date;

  /** Set when the limit was passed: requests are refused until then. */
  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
