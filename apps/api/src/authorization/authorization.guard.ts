import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { defineAbilityFor } from '@stafett/domain';
import type { Action, SubjectName } from '@stafett/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CSRF_HEADER, SESSION_COOKIE, SessionsService } from '../auth/sessions.service';
import { AUTHORIZE_ROUTE, AuthorizedRequest, PUBLIC_ROUTE, requestIdOf, SIGNED_IN_ROUTE } from './authorization.decorators';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate in front of every route. Fail closed: a route is reachable only when it declares
 * how it is authorized (@Public, @SignedIn or @Authorize); a forgotten decorator refuses it.
 * Resolves the session on every request, so a disabled user or removed role counts at once,
 * checks CSRF on state-changing requests, and records refusals in the audit trail.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  private readonly logger = new Logger('Authorization');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<string>(PUBLIC_ROUTE, targets);
    const signedIn = this.reflector.getAllAndOverride<string>(SIGNED_IN_ROUTE, targets);
    const rule = this.reflector.getAllAndOverride<{ action: Action; subject: SubjectName }>(AUTHORIZE_ROUTE, targets);
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    if (!isPublic && !signedIn && !rule) {
      this.logger.error({ route }, 'route without authorization declaration refused');
      throw new ForbiddenException();
    }
    const request = context.switchToHttp().getRequest<AuthorizedRequest>();
    const resolved = await this.sessions.resolve(request.cookies?.[SESSION_COOKIE]);
    request.principal = resolved?.principal ?? null;
    if (resolved) {
      request.sessionId = resolved.sessionId;
      request.ability = defineAbilityFor(resolved.principal);
    }
    if (isPublic) return true;
    if (!resolved) throw new UnauthorizedException('Sign in first');
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== resolved.csrfToken) {
      await this.recordDenied(request, route, 'csrf');
      throw new ForbiddenException('The CSRF token is missing or wrong');
    }
    if (rule && !request.ability?.can(rule.action, rule.subject)) {
      await this.recordDenied(request, route, `${rule.action} ${rule.subject}`);
      throw new ForbiddenException();
    }
    return true;
  }

  private async recordDenied(request: AuthorizedRequest, route: string, what: string): Promise<void> {
    const principal = request.principal;
    const role = principal?.roles.map((r) => r.role).join(',') || principal?.kind || null;
    await this.dataSource.transaction((em) =>
      this.audit.record(em, {
        municipalityId: principal?.municipalityId ?? null,
        actorUserId: principal?.userId ?? null,
        actorRole: role,
        action: 'access_denied',
        recordType: 'route',
        recordId: route,
        category: what,
        outcome: 'denied',
        requestId: requestIdOf(request),
      }),
    );
  }
}
