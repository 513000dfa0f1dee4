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
  ): Promise<{ token: string; csrfToken: string; sessionId: string }> {
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const [row]: Array<{ id: string }> = await em.query(
      `INSERT INTO user_session (token_hash, municipality_id, user_id, audience, csrf_token, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6)) RETURNING id`,
      [hashToken(token), user.municipalityId, user.id, audience, csrfToken, this.config.sessionHours],
    );
    return { token, csrfToken, sessionId: row.id };
  }

  async end(em: EntityManager, sessionId: string): Promise<void> {
    await em.query('UPDATE user_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [sessionId]);
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
    }> = await this.dataSource.query(
      `SELECT s.id AS session_id, s.csrf_token, u.id AS user_id, u.municipality_id, u.kind, u.display_name, m.settings
         FROM user_session s
         JOIN app_user u ON u.id = s.user_id AND u.municipality_id = s.municipality_id
         JOIN municipality m ON m.id = u.municipality_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND u.active`,
      [hashToken(token)],
    );
    if (!session) return null;
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
      sessionId: session.session_id,
      csrfToken: session.csrf_token,
      principal: {
        userId: session.user_id,
        municipalityId: session.municipality_id,
        kind: session.kind,
        displayName: session.display_name,
        roles: session.kind === 'staff' ? roles : [],
        guardianOf,
        youthOf,
      },
    };
  }
}
