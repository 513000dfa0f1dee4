import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_KIND = 'stafett:rate-limit-kind';

/**
 * What a GET route costs, for the rate limits (writes are limited without a mark):
 * `signIn` a sign-in step, limited per client IP; `list` an expensive read, limited per user.
 */
export type RateLimitKind = 'signIn' | 'list';

export const RateLimited = (kind: RateLimitKind) => SetMetadata(RATE_LIMIT_KIND, kind);
