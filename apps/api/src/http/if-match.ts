import { createParamDecorator, ExecutionContext, HttpException, HttpStatus, PreconditionFailedException } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequestValidationException } from '../problem/validation';

/** The version in `If-Match: "<version>"` (the ETag the API sends; a weak or unquoted one is taken too); null when absent. */
export function ifMatchVersionFrom(header: string | string[] | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!match) throw new RequestValidationException([{ field: 'If-Match', messages: ['If-Match must be the version in quotes, e.g. "3"'] }]);
  return Number(match[1]);
}

/**
 * Updates of shared records must say which version they change: without If-Match, 428 (SECURITY.md
 * S22). The service compares it with the record's version under a row lock (412 when stale).
 */
export const RequiredIfMatch = createParamDecorator((_data: unknown, ctx: ExecutionContext): number => {
  const version = ifMatchVersionFrom(ctx.switchToHttp().getRequest<Request>().headers['if-match']);
  if (version === null)
    throw new HttpException(
      'Send If-Match with the version you read, so that nobody’s change is overwritten',
      HttpStatus.PRECONDITION_REQUIRED,
    );
  return version;
});

/** The OpenAPI entry of a required If-Match: whose version it is. */
export const ApiIfMatch = (whose: string) =>
  ApiHeader({ name: 'If-Match', required: true, description: `The version of ${whose} you read, in quotes; stale → 412, missing → 428` });

/** 412 unless the version the caller read is the record's version now (checked on the row locked for the change). */
export function assertVersion(current: number, ifMatch: number, what: string): void {
  if (current !== ifMatch) throw new PreconditionFailedException(`The ${what} was changed by someone else; reload it and try again`);
}

/** The ETag of a response whose body is one versioned record: its version in quotes, sent back as If-Match. */
export function withEtag<T extends { version: number }>(res: Response, body: T): T {
  return withVersion(res, body.version, body);
}

/** The ETag of a body that is part of a versioned record without its own version field (the municipality's settings). */
export function withVersion<T>(res: Response, version: number, body: T): T {
  res.setHeader('ETag', `"${version}"`);
  return body;
}
