import { ForbiddenException, Inject, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { familyRoleOf, packAbilityRules, staffIdentifiersOf } from '@stafett/domain';
import type { AppAbility, Principal, SessionInfo, SignInAudience } from '@stafett/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { DEMO_STAFF_ISSUER } from '../database/seed/demo-seed';
import { IdentityProviderError, IdTokenClaims, OidcClient, randomToken } from './oidc/oidc-client';
import { SessionsService } from './sessions.service';

const ATTEMPT_MINUTES = 10;

/** Sign-in and sign-out: the flow around the OIDC client, the session, and their audit events. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oidc: OidcClient,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** Starts a sign-in: remembers verifier and nonce server-side, returns where to send the browser. */
  async startSignIn(audience: SignInAudience, returnTo: string): Promise<{ state: string; redirectTo: string }> {
    const state = randomToken(24);
    const nonce = randomToken(24);
    const codeVerifier = randomToken(48);
    await this.dataSource.query(
      `INSERT INTO login_attempt (state, audience, code_verifier, nonce, return_to) VALUES ($1, $2, $3, $4, $5)`,
      [state, audience, codeVerifier, nonce, returnTo],
    );
    // Old attempts are useless after ten minutes; clear them as we go.
    await this.dataSource.query(`DELETE FROM login_attempt WHERE created_at < now() - make_interval(mins => $1)`, [ATTEMPT_MINUTES]);
    return { state, redirectTo: await this.oidc.authorizationUrl(audience, { state, nonce, codeVerifier }) };
  }

  /**
   * Completes a sign-in from the identity provider's redirect. The state must match the cookie
   * set in this browser, and is used once. Failures are audited and answered 401/403.
   */
  async completeSignIn(
    query: { code: string; state: string; iss?: string },
    cookieState: string | undefined,
    requestId: string | null,
  ): Promise<{ token: string; csrfToken: string; returnTo: string }> {
    // TypeORM answers a DELETE … RETURNING with [rows, count].
    const [deleted]: [Array<{ audience: SignInAudience; code_verifier: string; nonce: string; return_to: string }>, number] =
      await this.dataSource.query(
        `DELETE FROM login_attempt WHERE state = $1 AND created_at > now() - make_interval(mins => $2)
       RETURNING audience, code_verifier, nonce, return_to`,
        [query.state, ATTEMPT_MINUTES],
      );
    const attempt = deleted[0];
    if (!attempt || cookieState !== query.state) {
      await this.recordLogin(null, null, 'failure', 'state', requestId);
      throw new UnauthorizedException('The sign-in could not be completed; start again');
    }
    let claims: IdTokenClaims;
    let idToken: string;
    try {
      ({ claims, idToken } = await this.oidc.completeSignIn(
        attempt.audience,
        { code: query.code, state: query.state, ...(query.iss ? { iss: query.iss } : {}) },
        { state: query.state, codeVerifier: attempt.code_verifier, nonce: attempt.nonce },
      ));
    } catch (error) {
      if (!(error instanceof IdentityProviderError)) throw error;
      this.logger.warn({ reason: error.message }, 'sign-in rejected');
      await this.recordLogin(null, null, 'failure', error.reason, requestId);
      throw new UnauthorizedException(
        error.reason === 'acr'
          ? 'The sign-in’s level of assurance is too low for this service; sign in again with a higher level'
          : 'The identity provider’s answer was not accepted',
      );
    }
    return this.dataSource.transaction(async (em) => {
      const user = await this.findUser(em, attempt.audience, claims);
      if (!user) {
        await this.recordLogin(em, null, 'failure', 'unknown user', requestId);
        throw new ForbiddenException('You are not registered in any municipality using this service');
      }
      // The ID token is kept only for the end-session request at sign-out (user_session.id_token_hint).
      const session = await this.sessions.create(em, user, attempt.audience, idToken);
      await this.recordLogin(em, { ...user, role: attempt.audience }, 'success', null, requestId);
      return { token: session.token, csrfToken: session.csrfToken, returnTo: attempt.return_to };
    });
  }

  /** Ends the session here; returns the identity provider's end-session URL for the browser, if it has one. */
  async signOut(principal: Principal, sessionId: string, requestId: string | null): Promise<{ endSessionUrl: string | null }> {
    const ended = await this.dataSource.transaction(async (em) => {
      const row = await this.sessions.end(em, sessionId);
      await this.audit.record(em, {
        municipalityId: principal.municipalityId,
        actorUserId: principal.userId,
        actorRole: principal.kind,
        action: 'logout',
        recordType: 'session',
        recordId: sessionId,
        outcome: 'success',
        requestId,
      });
      return row;
    });
    if (!ended) return { endSessionUrl: null };
    try {
      return { endSessionUrl: await this.oidc.endSessionUrl(ended.audience, ended.idTokenHint) };
    } catch (error) {
      // Signed out here all the same; the provider's own session ends when it expires.
      this.logger.warn({ reason: (error as Error).message }, 'end-session URL not available');
      return { endSessionUrl: null };
    }
  }

  /** The municipalities where the signed-in person is a citizen user, the current one first. */
  citizenUsers(principal: Principal) {
    return this.sessions.citizenUsersOf(this.dataSource, principal);
  }

  /**
   * Acts from now on as the person's citizen user in another municipality (audited there and in the one
   * left). 404 when the user is not one of theirs; staff cannot switch (403 before this is reached).
   */
  async switchCitizenUser(principal: Principal, sessionId: string, userId: string, requestId: string | null): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const target = await this.sessions.switchCitizenUser(em, sessionId, userId);
      if (!target) throw new NotFoundException('No such municipality of yours');
      for (const side of [
        { municipalityId: principal.municipalityId, actorUserId: principal.userId, category: 'left' },
        { municipalityId: target.municipalityId, actorUserId: target.id, category: 'entered' },
      ]) {
        await this.audit.record(em, {
          ...side,
          actorRole: 'citizen',
          action: 'switch_municipality',
          recordType: 'session',
          recordId: sessionId,
          outcome: 'success',
          requestId,
        });
      }
    });
  }

  sessionInfo(principal: Principal, ability: AppAbility, csrfToken: string): SessionInfo {
    return {
      user: {
        id: principal.userId,
        displayName: principal.displayName,
        kind: principal.kind,
        municipalityId: principal.municipalityId,
        familyRole: familyRoleOf(principal),
      },
      roles: principal.roles,
      rules: packAbilityRules(ability),
      csrfToken,
    };
  }

  /** Staff by issuer and subject; citizens by the national identity number ID-porten asserts. */
  private async findUser(
    em: EntityManager,
    audience: SignInAudience,
    claims: IdTokenClaims,
  ): Promise<{ id: string; municipalityId: string } | null> {
    if (audience === 'staff') {
      const issuer = this.config.devIdentityProvider ? DEMO_STAFF_ISSUER : this.config.identityProviders.staff.issuer;
      return this.findStaffUser(em, issuer, claims);
    }
    if (!claims.pid || !/^\d{11}$/.test(claims.pid)) return null;
    // A youth signs in for the first time: they become a citizen user of each municipality whose register knows
    // them. Nobody acts yet, so row-level security hides every child; the database's own function looks them up.
    await em.query('SELECT id FROM stafett_youth_first_sign_in($1)', [claims.pid]);
    // A person may be a citizen of more than one municipality (a user in each): the session starts as the first
    // one and switches between them (switchCitizenUser); the family overview lists the children of each.
    const known: Array<{ id: string; municipalityId: string }> = await em.query(
      `SELECT id, municipality_id AS "municipalityId" FROM app_user WHERE kind = 'citizen' AND national_id = $1 AND active
        ORDER BY created_at, id`,
      [claims.pid],
    );
    return known[0] ?? null;
  }

  /**
   * A staff member by issuer and subject; at their first sign-in, an invited user (active, never bound) whose
   * e-mail or UPN the token names, once: issuer and subject are stored in the same statement that checks the user
   * is still unbound, so of two sign-ins racing for one invitation only one binds, and a bound user is never
   * matched by e-mail again — a second account with the same address cannot take them over. A subject already
   * bound to a disabled user signs in nobody. An address invited in more than one municipality binds none.
   */
  private async findStaffUser(
    em: EntityManager,
    issuer: string,
    claims: IdTokenClaims,
  ): Promise<{ id: string; municipalityId: string } | null> {
    const [known]: Array<{ id: string; municipalityId: string; active: boolean }> = await em.query(
      `SELECT id, municipality_id AS "municipalityId", active FROM app_user WHERE kind = 'staff' AND issuer = $1 AND subject = $2`,
      [issuer, claims.sub],
    );
    if (known) return known.active ? { id: known.id, municipalityId: known.municipalityId } : null;
    const identifiers = staffIdentifiersOf({ ...claims });
    if (identifiers.length === 0) return null;
    const [bound]: [Array<{ id: string; municipalityId: string }>, number] = await em.query(
      `WITH invited AS (SELECT id FROM app_user
                         WHERE kind = 'staff' AND active AND subject IS NULL AND (email = ANY($3::text[]) OR upn = ANY($3::text[])))
       UPDATE app_user SET issuer = $1, subject = $2, version = version + 1
        WHERE id IN (SELECT id FROM invited) AND (SELECT count(*) FROM invited) = 1 AND subject IS NULL AND active
       RETURNING id, municipality_id AS "municipalityId"`,
      [issuer, claims.sub, identifiers],
    );
    const user = bound[0];
    if (!user) return null;
    await this.audit.record(em, {
      municipalityId: user.municipalityId,
      actorUserId: user.id,
      actorRole: 'staff',
      action: 'bind_identity',
      recordType: 'user',
      recordId: user.id,
      category: 'first_sign_in',
      outcome: 'success',
    });
    return user;
  }

  private async recordLogin(
    em: EntityManager | null,
    user: { id: string; municipalityId: string; role: string } | null,
    outcome: 'success' | 'failure',
    reason: string | null,
    requestId: string | null,
  ): Promise<void> {
    const write = (manager: EntityManager) =>
      this.audit.record(manager, {
        municipalityId: user?.municipalityId ?? null,
        actorUserId: user?.id ?? null,
        actorRole: user?.role ?? null,
        action: 'login',
        recordType: 'session',
        category: reason,
        outcome,
        requestId,
      });
    // A failed sign-in is recorded in its own transaction, which commits even though the request fails.
    if (em && outcome === 'success') return write(em);
    await this.dataSource.transaction(write);
  }
}
