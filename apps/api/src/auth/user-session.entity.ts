import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../users/app-user.entity';

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy
 * of the database does not let anyone sign in. Ended on logout; expires without a job.
 */
@Entity()
export class UserSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: AppUser;

  /** Which identity provider signed the user in: staff or citizen. */
  @Column({ type: 'text' })
  audience!: string;

  @Column({ type: 'text' })
  csrfToken!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** Last request seen, for the idle timeout; written at most once a minute (SessionsService.resolve). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  /**
   * The identity provider's ID token, kept only to hand back to its end-session endpoint at sign-out
   * (RP-initiated logout) and cleared when the session ends. Never logged, never sent to the browser.
   */
  @Column({ type: 'text', nullable: true })
  idTokenHint!: string | null;
}
