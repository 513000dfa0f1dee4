import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Action, AppAbility, Principal, SubjectName } from '@stafett/domain';
import type { Request } from 'express';
import type { IdempotencyClaim } from '../http/idempotency';

export const PUBLIC_ROUTE = 'stafett:public-route';
export const SIGNED_IN_ROUTE = 'stafett:signed-in-route';
export const AUTHORIZE_ROUTE = 'stafett:authorize-route';

/** Open to anyone, with the reason it is safe. */
export const Public = (reason: string) => SetMetadata(PUBLIC_ROUTE, reason);

/** Open to anyone signed in; the service decides about records (e.g. one's own session). */
export const SignedIn = (reason: string) => SetMetadata(SIGNED_IN_ROUTE, reason);

/**
 * The function-level rule for a route: the ability must allow `action` on `subject` at all
 * (403 otherwise). Whether a particular record is in scope is the service's query (404 otherwise).
 */
export const Authorize = (action: Action, subject: SubjectName) => SetMetadata(AUTHORIZE_ROUTE, { action, subject });

export interface AuthorizedRequest extends Request {
  principal?: Principal | null;
  ability?: AppAbility;
  sessionId?: string;
  /** The create's Idempotency-Key, set by IdempotencyInterceptor for the request's transaction to claim. */
  idempotency?: IdempotencyClaim;
}

/** The id nestjs-pino gave the request (also sent as X-Request-Id). */
export function requestIdOf(req: Request): string | null {
  const id = (req as { id?: unknown }).id;
  return id === undefined || id === null ? null : String(id);
}

/** The principal the guard resolved; routes that use it are never @Public. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthorizedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without sign-in');
  return principal;
});

/** Request facts every service passes to the audit trail. */
export interface RequestContext {
  principal: Principal;
  ability: AppAbility;
  requestId: string | null;
  /** A create's Idempotency-Key: the command's transaction claims it (ActingTransactions). */
  idempotency?: IdempotencyClaim | null;
}

export function requestContextOf(req: AuthorizedRequest): RequestContext {
  if (!req.principal || !req.ability) throw new Error('CurrentContext used on a route without sign-in');
  return { principal: req.principal, ability: req.ability, requestId: requestIdOf(req), idempotency: req.idempotency ?? null };
}

export const CurrentContext = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext =>
  requestContextOf(ctx.switchToHttp().getRequest<AuthorizedRequest>()),
);
