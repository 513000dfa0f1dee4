import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { RequestValidationException } from '../problem/validation';

/**
 * The version the client last saw, from `If-Match: "<version>"` (the ETag the API sends); null
 * when absent. A stale version is refused with 412 by the service, never silently overwritten.
 */
export const IfMatchVersion = createParamDecorator((_data: unknown, ctx: ExecutionContext): number | null => {
  const header = ctx.switchToHttp().getRequest<Request>().headers['if-match'];
  if (header === undefined) return null;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!match) throw new RequestValidationException([{ field: 'If-Match', messages: ['If-Match must be the version in quotes, e.g. "3"'] }]);
  return Number(match[1]);
});
