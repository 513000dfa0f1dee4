import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MunicipalitySettings, Principal, RoleGrant, SignInAudience } from '@stafett/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import { ActingTransactions } from '../database/acting-transactions';
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
    private readonly tx: ActingTransactions,
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
    // One statement for all three (a round trip costs more than these lookups): roles, guardianships, and the
    // youth's own record, matched on the identity number the database holds for the user.
    const [{ roles, guardianOf, youthOf }]: Array<{ roles: RoleGrant[]; guardianOf: Principal['guardianOf']; youthOf: string[] }> =
      await this.tx.runAsSignedInUser({ municipalityId: session.municipality_id, userId: session.user_id }, (em) =>
        em.query(
          `SELECT COALESCE((SELECT json_agg(x) FROM (
                    SELECT r.role, r.unit_id AS "unitId", un.service_id AS "serviceId", sv.kind AS "serviceKind"
                      FROM role_assignment r
                      LEFT JOIN unit un ON un.id = r.unit_id AND un.municipality_id = r.municipality_id
                      LEFT JOIN service sv ON sv.id = un.service_id AND sv.municipality_id = un.municipality_id
                     WHERE r.user_id = $1 AND r.municipality_id = $2
                     ORDER BY r.role, un.name) x), '[]'::json) AS roles,
                  COALESCE((SELECT json_agg(x) FROM (
                    SELECT child_id AS "childId", has_parental_responsibility AS "parentalResponsibility"
                      FROM guardianship WHERE guardian_user_id = $1 AND municipality_id = $2) x), '[]'::json) AS "guardianOf",
                  ARRAY(SELECT id::text FROM child WHERE $3::boolean AND municipality_id = $2 AND national_id = stafett_acting_national_id()
                           AND age(birth_date) >= make_interval(years => $4)) AS "youthOf"`,
          [session.user_id, session.municipality_id, session.kind === 'citizen', session.settings.youthConsentAge],
        ),
      );
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
