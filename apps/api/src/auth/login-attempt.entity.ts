import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One authorization-code flow in progress: the PKCE verifier and nonce stay on the server; the
 * browser holds only the attempt's id in a short-lived cookie, so a callback cannot be replayed
 * in another browser or twice.
 */
@Entity()
export class LoginAttempt {
  /** Also the OAuth `state` parameter. */
  @PrimaryColumn({ type: 'text' })
  state!: string;

  @Column({ type: 'text' })
  audience!: string;

  @Column({ type: 'text' })
  codeVerifier!: string;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ type: 'text' })
  returnTo!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
