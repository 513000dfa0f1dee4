import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RequestHandler } from 'express';
import type { RateLimitConfig } from '../config/app-config';
import { clientIp } from './rate-limit.guard';
import { TooManyRequestsException } from './too-many-requests.exception';

/**
 * The sign-in limit for a step outside Nest's router (the bundled identity provider's login), in
 * the same storage and with the same numbers as the API's own sign-in routes.
 */
export function signInLimit(storage: ThrottlerStorage, limits: RateLimitConfig, step: string): RequestHandler {
  const ttl = limits.windowSeconds * 1000;
  return async (req, _res, next) => {
    try {
      const record = await storage.increment(`signIn:${step}:${clientIp(req)}`, ttl, limits.signIn, ttl, 'signIn');
      next(record.isBlocked ? new TooManyRequestsException(record.timeToBlockExpire) : undefined);
    } catch (error) {
      next(error);
    }
  };
}
