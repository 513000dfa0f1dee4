import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { normalizeIp, ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail, ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthorizedRequest } from '../authorization/authorization.decorators';
import type { RateLimitConfig } from '../config/app-config';
import { RATE_LIMIT_KIND, RateLimitKind } from './rate-limits.decorators';
import { TooManyRequestsException } from './too-many-requests.exception';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const reflector = new Reflector();
const kindOf = (context: ExecutionContext) =>
  reflector.getAllAndOverride<RateLimitKind | undefined>(RATE_LIMIT_KIND, [context.getHandler(), context.getClass()]);

/** The client's address as the server sees it (behind the trusted proxy, its X-Forwarded-For). */
export const clientIp = (req: Request) => `ip:${normalizeIp(req.ip ?? 'unknown')}`;

/** A signed-in user is counted as themself wherever they connect from; anyone else by address. */
function caller(req: AuthorizedRequest): string {
  // The authorization guard sets principal (or null) on every request it lets through.
  if (req.principal === undefined) throw new Error('the rate-limit guard ran before the authorization guard');
  return req.principal ? `user:${req.principal.userId}` : clientIp(req);
}

/**
 * The named throttlers: sign-in steps per IP; writes (POST, PATCH, PUT, DELETE) and the list
 * routes per user. Every other GET — health probes included — is never limited.
 */
export function rateLimitThrottlers(limits: RateLimitConfig): ThrottlerOptions[] {
  const ttl = limits.windowSeconds * 1000;
  const method = (context: ExecutionContext) => context.switchToHttp().getRequest<Request>().method;
  return [
    { name: 'signIn', ttl, limit: limits.signIn, skipIf: (c) => kindOf(c) !== 'signIn', getTracker: (req) => clientIp(req as Request) },
    {
      name: 'writes',
      ttl,
      limit: limits.writes,
      skipIf: (c) => SAFE_METHODS.has(method(c)),
      getTracker: (req) => caller(req as AuthorizedRequest),
    },
    { name: 'lists', ttl, limit: limits.lists, skipIf: (c) => kindOf(c) !== 'list', getTracker: (req) => caller(req as AuthorizedRequest) },
  ];
}

/**
 * @nestjs/throttler's guard, after the authorization guard (so the user is known), answering 429
 * problem+json with Retry-After through the one filter.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  // Sign-in steps are counted per route, so one sign-in (start, provider, callback) uses one of
  // each; a user's writes and list reads share one budget across routes.
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    const route = name === 'signIn' ? `${context.getClass().name}.${context.getHandler().name}` : '*';
    return `${name}:${route}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyRequestsException(detail.timeToBlockExpire);
  }
}
