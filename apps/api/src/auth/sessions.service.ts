import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MunicipalitySettings, Principal, RoleGrant, SignInAudience } from '@stafett/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { randomToken } from './oidc/oidc-client';

export const SESSION_COOKIE = '__Host-stafett-session';
export const LOGIN_COOKIE = '__Host-stafett-login';
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  principal: Principal;
}

/** Server-side sessions, and the principal behind one, read fresh on every request. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    em: EntityManager,
    user: { id: string; municipalityId: string },
    audience: SignInAudience,
    idTokenHint: string | null,
  ): Promise<{ token: string; csrfToken: string; sessionId: string }> {
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    // An ID token outlives its use once the session it belongs to has run out: forget those of this user's
    // earlier sessions (on the user_id index). Sign-out forgets its own at once.
    await em.query(
      `UPDATE user_session SET id_token_hint = NULL
        WHERE user_id = $1 AND id_token_hint IS NOT NULL
          AND (ended_at IS NOT NULL OR expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $2))`,
      [user.id, this.config.sessionIdleMinutes],
    );
    const [row]: Array<{ id: string }> = await em.query(
      `INSERT INTO user_session (token_hash, municipality_id, user_id, audience, csrf_token, expires_at, id_token_hint)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6), $7) RETURNING id`,
      [hashToken(token), user.municipalityId, user.id, audience, csrfToken, this.config.sessionHours, idTokenHint],
    );
    return { token, csrfToken, sessionId: row.id };
  }

  /** Ends the session and hands back (once, then forgets) what the provider's end-session request needs. */
  async end(em: EntityManager, sessionId: string): Promise<{ audience: SignInAudience; idTokenHint: string | null } | null> {
    const [row]: Array<{ audience: SignInAudience; id_token_hint: string | null }> = await em.query(
      'SELECT audience, id_token_hint FROM user_session WHERE id = $1 AND ended_at IS NULL FOR UPDATE',
      [sessionId],
    );
    if (!row) return null;
    await em.query('UPDATE user_session SET ended_at = now(), id_token_hint = NULL WHERE id = $1', [sessionId]);
    return { audience: row.audience, idTokenHint: row.id_token_hint };
  }

  /**
   * Makes another of the same person's citizen users the session's current one: the person is a citizen
   * of more than one municipality (DOMAIN.md, Identity), and each request acts as one municipality's user
   * so that row-level security keeps to one municipality. Returns the user switched to, or null when the
   * target is not an active citizen user with the same identity number.
   */
  async switchCitizenUser(
    em: EntityManager,
    sessionId: string,
    targetUserId: string,
  ): Promise<{ id: string; municipalityId: string } | null> {
    const [rows]: [Array<{ id: string; municipalityId: string }>, number] = await em.query(
      `UPDATE user_session s SET user_id = target.id, municipality_id = target.municipality_id
         FROM app_user me, app_user target
        WHERE s.id = $1 AND s.ended_at IS NULL AND s.audience = 'citizen'
          AND me.id = s.user_id AND me.municipality_id = s.municipality_id AND me.kind = 'citizen' AND me.national_id IS NOT NULL
          AND target.id = $2 AND target.kind = 'citizen' AND target.active AND target.national_id = me.national_id
       RETURNING target.id, target.municipality_id AS "municipalityId"`,
      [sessionId, targetUserId],
    );
    return rows[0] ?? null;
  }

  /** The signed-in person's active citizen users, one per municipality where they are a citizen (their own first). */
  async citizenUsersOf(
    em: EntityManager | DataSource,
    principal: Principal,
  ): Promise<Array<{ userId: string; municipalityId: string; municipalityName: string; current: boolean }>> {
    if (principal.kind !== 'citizen') return [];
    return em.query(
      `SELECT o.id AS "userId", o.municipality_id AS "municipalityId", m.name AS "municipalityName", o.id = me.id AS current
         FROM app_user me
         JOIN app_user o ON o.national_id = me.national_id AND o.kind = 'citizen' AND o.active
         JOIN municipality m ON m.id = o.municipality_id
        WHERE me.id = $1 AND me.municipality_id = $2 AND me.kind = 'citizen' AND me.national_id IS NOT NULL
        ORDER BY o.id = me.id DESC, m.name, o.id`,
      [principal.userId, principal.municipalityId],
    );
  }

  /** The session and its principal, or null when the token is unknown, ended, expired, or the user is disabled. */
  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const [session]: Array<{
      session_id: string;
      csrf_token: string;
      user_id: string;
      municipality_id: string;
      kind: 'staff' | 'citizen';
      display_name: string;
      settings: MunicipalitySettings;
      stale: boolean;
    }> = await this.dataSource.query(
      `SELECT s.id AS session_id, s.csrf_token, u.id AS user_id, u.municipality_id, u.kind, u.display_name, m.settings,
              s.last_seen_at < now() - interval '1 minute' AS stale
         FROM user_session s
         JOIN app_user u ON u.id = s.user_id AND u.municipality_id = s.municipality_id
         JOIN municipality m ON m.id = u.municipality_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND u.active
          AND s.last_seen_at > now() - make_interval(mins => $2)`,
      [hashToken(token), this.config.sessionIdleMinutes],
    );
    if (!session) return null;
    // The idle timeout needs the last activity, but a write on every request would put one on the hot path:
    // it is recorded at most once a minute, which the idle limit (at least two minutes) allows for.
    if (session.stale) {
      await this.dataSource.query(
        `UPDATE user_session SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - interval '1 minute'`,
        [session.session_id],
      );
    }
    const principal = await this.principalOf(
      session.user_id,
      session.municipality_id,
      session.kind,
      session.display_name,
      session.settings,
    );
    return { sessionId: session.session_id, csrfToken: session.csrf_token, principal };
  }

  /**
   * The principal of one user as the session lookup builds it; also for a citizen's other municipalities
   * (the family overview acts as each of the person's citizen users in turn).
   */
  async principalOf(
    userId: string,
    municipalityId: string,
    kind: 'staff' | 'citizen',
    displayName: string,
    settings: MunicipalitySettings,
  ): Promise<Principal> {
    const session = { user_id: userId, municipality_id: municipalityId, kind, display_name: displayName, settings };
    // Row-level security admits only the user's own guardianships and own child record here: the principal is
    // not known yet, so nothing else is set.
    // Roles, guardianships and the youth's own record, read under row-level security as the signed-in user (nothing
    // else is set: the principal is not known yet), in one statement (migration 1796520000000).
    const [{ roles, guardian_of: guardianOf, youth_of: youthOf }]: Array<{
      roles: RoleGrant[];
      guardian_of: Principal['guardianOf'];
      youth_of: string[];
    }> = await this.dataSource.query('SELECT roles, guardian_of, youth_of FROM stafett_signed_in_principal($1, $2, $3, $4)', [
      session.municipality_id,
      session.user_id,
      session.kind === 'citizen',
      session.settings.youthConsentAge,
    ]);
    return {
      userId: session.user_id,
      municipalityId: session.municipality_id,
      kind: session.kind,
      displayName: session.display_name,
      roles: session.kind === 'staff' ? roles : [],
      guardianOf,
      youthOf,
    };
  }

  /** The principal of another of the signed-in citizen's users (checked by the caller to be one of theirs). */
  async citizenPrincipal(userId: string, municipalityId: string): Promise<Principal | null> {
    const [user]: Array<{ display_name: string; settings: MunicipalitySettings }> = await this.dataSource.query(
      `SELECT u.display_name, m.settings FROM app_user u JOIN municipality m ON m.id = u.municipality_id
        WHERE u.id = $1 AND u.municipality_id = $2 AND u.kind = 'citizen' AND u.active`,
      [userId, municipalityId],
    );
    return user ? this.principalOf(userId, municipalityId, 'citizen', user.display_name, user.settings) : null;
  }
}
