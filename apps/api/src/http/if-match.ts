import { createParamDecorator, ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import type { Response } from 'express';
import { RequestValidationException } from '../problem/validation';

function versionFrom(header: string | string[] | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!match) throw new RequestValidationException([{ field: 'If-Match', messages: ['If-Match must be the version in quotes, e.g. "3"'] }]);
  return Number(match[1]);
}

/**
 * The version the client last saw, from `If-Match: "<version>"` (the ETag the API sends); null
 * when absent. A stale version is refused with 412 by the service, never silently overwritten.
 */
export const IfMatchVersion = createParamDecorator((_data: unknown, ctx: ExecutionContext): number | null =>
  versionFrom(ctx.switchToHttp().getRequest<Request>().headers['if-match']),
);

/** Edits of shared records must say which version they change: without If-Match, 428 (SECURITY.md S22). */
export const RequiredIfMatch = createParamDecorator((_data: unknown, ctx: ExecutionContext): number => {
  const version = versionFrom(ctx.switchToHttp().getRequest<Request>().headers['if-match']);
  if (version === null)
    throw new HttpException(
      'Send If-Match with the version you read, so that nobody’s change is overwritten',
      HttpStatus.PRECONDITION_REQUIRED,
    );
  return version;
});

/** The ETag of a versioned response: the version in quotes, sent back as If-Match. */
export function withEtag<T extends { version: number }>(res: Response, body: T): T {
  res.setHeader('ETag', `"${body.version}"`);
  return body;
}
