import { CallHandler, ExecutionContext, ForbiddenException, Injectable, Logger, NestInterceptor, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuthorizedRequest, requestIdOf } from '../authorization/authorization.decorators';
import { AuditService } from './audit.service';

/** The record type a path segment names, for the record a refused request asked for. */
const RECORD_TYPES: Record<string, string> = {
  cases: 'case',
  consents: 'consent',
  concerns: 'concern',
  children: 'child',
  'child-welfare-reports': 'child_welfare_report',
  discussions: 'anonymous_discussion',
  measures: 'case_measure',
  goals: 'case_goal',
  meetings: 'case_meeting',
  log: 'case_log_entry',
  'log-entries': 'case_log_entry',
  transfers: 'baton_transfer',
  participants: 'case_participant',
  users: 'user',
  units: 'unit',
};

/** The record a request asked for: the innermost id of its route (`/cases/:caseId/measures/:measureId` → the measure). */
export function askedFor(routePath: string, params: Record<string, string>): { recordType: string; recordId: string | null } {
  const segments = routePath.split('/').filter(Boolean);
  for (let i = segments.length - 1; i > 0; i--) {
    const name = segments[i].startsWith(':') ? segments[i].slice(1) : null;
    if (name && params[name] !== undefined) return { recordType: RECORD_TYPES[segments[i - 1]] ?? segments[i - 1], recordId: params[name] };
  }
  return { recordType: 'route', recordId: null };
}

/**
 * Refusals by scope leave a trace (SECURITY.md S11): a signed-in request answered "not found"
 * (a record outside the caller's scope looks exactly like one that does not exist) or "forbidden"
 * by a service's record check writes a `denied` audit event naming the actor, the record asked
 * for and the route — in a transaction of its own, since the request's own rolled back — and then
 * answers exactly as it would have. The guard records its own route-level refusals.
 */
@Injectable()
export class RefusalAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(this.recordRefusal(context.switchToHttp().getRequest<AuthorizedRequest>(), error)).pipe(
            mergeMap(() => throwError(() => error)),
          ),
        ),
      );
  }

  private async recordRefusal(request: AuthorizedRequest, error: unknown): Promise<void> {
    const principal = request.principal;
    const outOfScope = error instanceof NotFoundException;
    if (!principal || !(outOfScope || error instanceof ForbiddenException)) return;
    const route = (request as Request).route?.path as string | undefined;
    if (!route) return;
    const asked = askedFor(route, (request.params ?? {}) as Record<string, string>);
    try {
      await this.dataSource.transaction((em) =>
        this.audit.record(em, {
          municipalityId: principal.municipalityId,
          actorUserId: principal.userId,
          actorRole: principal.roles.map((r) => r.role).join(',') || principal.kind,
          action: request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write',
          recordType: asked.recordType,
          recordId: asked.recordId,
          category: `${request.method} ${route}`,
          basis: outOfScope ? 'out_of_scope' : 'not_permitted',
          outcome: 'denied',
          requestId: requestIdOf(request),
        }),
      );
    } catch {
      // The refusal stands whatever happens here; an audit trail that cannot be written is logged by AuditService.
      this.logger.warn({ requestId: requestIdOf(request) }, 'refusal not recorded');
    }
  }
}
