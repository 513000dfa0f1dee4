import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'stafett:public-route';

/**
 * Marks a route as open to anyone, with the reason it is safe. Routes carry either this or an
 * explicit authorization declaration; the global guard refuses routes that carry neither.
 */
export const Public = (reason: string) => SetMetadata(PUBLIC_ROUTE, reason);
