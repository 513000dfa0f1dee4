import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, Observable, tap, throwError } from 'rxjs';
import { requestContextOf } from '../authorization/authorization.decorators';
import type { AuthorizedRequest, RequestContext } from '../authorization/authorization.decorators';
import { RequestValidationException } from '../problem/validation';

/**
 * Idempotent creates (SECURITY.md S23). A create sent with `Idempotency-Key` claims the key in the
 * same transaction as the record it makes (ActingTransactions → idempotency-keys.ts); a retry with
 * the same key and body is answered by reading that record again through its own authorised read —
 * the method its GET uses — so a caller who has lost access since gets 404, never a stored copy.
 * Without the header a create behaves as it always did.
 */
export const IDEMPOTENCY_KEY = 'Idempotency-Key';
export const IDEMPOTENCY_REPLAYED = 'Idempotency-Replayed';
/** A key older than this counts as never sent (its row is overwritten on reuse). */
export const IDEMPOTENCY_KEY_HOURS = 24;

const VISIBLE_ASCII = /^[\x21-\x7e]{1,255}$/;

/** The header's value; null when absent; 400 naming the header when it is not 1–255 visible ASCII characters. */
export function idempotencyKeyFrom(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  // Node joins a repeated header with ", ", which the rule below refuses like any other space.
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (!VISIBLE_ASCII.test(value))
    throw new RequestValidationException([
      { field: IDEMPOTENCY_KEY, messages: [`${IDEMPOTENCY_KEY} must be 1–255 visible ASCII characters (no spaces), e.g. a UUID`] },
    ]);
  return value;
}

/** JSON with every object's keys sorted: the same body sent with its fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** One create's key, as its request made it: only hashes of the key and of the body, never either itself. */
export interface IdempotencyRequest {
  keyHash: string;
  method: string;
  route: string;
  requestHash: string;
  /** What the first answer's status was, and so every retry's. */
  responseStatus: number;
  /** The record the answer is, whose read answers a retry. */
  resourceType: string;
}

export function idempotencyRequest(
  key: string,
  request: { method: string; originalUrl: string; body?: unknown },
  route: { responseStatus: number; resourceType: string },
): IdempotencyRequest {
  return {
    keyHash: sha256Hex(key),
    method: request.method,
    route: request.originalUrl,
    requestHash: sha256Hex(canonicalJson(request.body)),
    ...route,
  };
}

/**
 * A key waiting for the request's transaction. The first transaction the request runs takes it
 * (`take()`), so a command's own transaction is the one that claims the key and records the result.
 */
export class IdempotencyClaim {
  private taken = false;

  constructor(readonly request: IdempotencyRequest) {}

  take(): IdempotencyRequest | null {
    if (this.taken) return null;
    this.taken = true;
    return this.request;
  }

  get wasTaken(): boolean {
    return this.taken;
  }
}

/** Thrown inside the transaction when the key has answered before: it rolls back, and the interceptor reads the record. */
export class IdempotentReplay extends Error {
  constructor(
    readonly resourceId: string,
    readonly responseStatus: number,
  ) {
    super('Idempotent replay');
  }
}

/** How a retry is answered: the record's own authorised read (the service method its GET route calls). */
export interface ReplayRead<S = unknown> {
  resourceType: string;
  service: Type<S>;
  read: (service: S, ctx: RequestContext, id: string) => Promise<object>;
}

export const replayThrough = <S>(resourceType: string, service: Type<S>, read: ReplayRead<S>['read']): ReplayRead =>
  ({ resourceType, service, read }) as ReplayRead;

interface IdempotentRoute {
  replay: ReplayRead;
  /** Whether the answer carries the record's ETag; false where the If-Match is a part's (an evaluation answers the case). */
  etag: boolean;
}

const IDEMPOTENT_ROUTE = 'stafett:idempotent-route';

/**
 * A create that honours `Idempotency-Key`. `replay` names the read that answers a retry; the record's
 * id is taken from the answer (`id`), so a part of a case, which answers the whole case, replays the case.
 */
export function IdempotentCreate(replay: ReplayRead, options: { etag?: boolean } = {}) {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_ROUTE, { replay, etag: options.etag ?? true } satisfies IdempotentRoute),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY,
      required: false,
      description:
        'New for each user action, the same on its retries (1–255 visible ASCII characters, e.g. a UUID). A retry within ' +
        `${IDEMPOTENCY_KEY_HOURS} hours creates nothing and answers the record as you may read it now, with ` +
        `${IDEMPOTENCY_REPLAYED}: true; the same key with another body → 422; while the first request runs → 409.`,
    }),
  );
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthorizedRequest>();
    const key = idempotencyKeyFrom(req.headers['idempotency-key']);
    if (key === null) return next.handle();
    const route = this.reflector.get<IdempotentRoute>(IDEMPOTENT_ROUTE, context.getHandler());
    const responseStatus: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const claim = new IdempotencyClaim(idempotencyRequest(key, req, { responseStatus, resourceType: route.replay.resourceType }));
    req.idempotency = claim;
    return next.handle().pipe(
      // A create that never ran in ActingTransactions cannot have kept its key: a programming error, not the caller's.
      tap(() => {
        if (!claim.wasTaken) this.logger.error({ route: `${req.method} ${req.route?.path}` }, 'Idempotency-Key was not claimed');
      }),
      catchError((error: unknown) =>
        error instanceof IdempotentReplay ? from(this.replay(context, route, error)) : throwError(() => error),
      ),
    );
  }

  private async replay(context: ExecutionContext, route: IdempotentRoute, replay: IdempotentReplay): Promise<object> {
    const http = context.switchToHttp();
    const ctx = { ...requestContextOf(http.getRequest<AuthorizedRequest>()), idempotency: null };
    const service = this.moduleRef.get(route.replay.service, { strict: false });
    const body = await route.replay.read(service, ctx, replay.resourceId);
    const res = http.getResponse<Response>();
    res.status(replay.responseStatus);
    res.setHeader(IDEMPOTENCY_REPLAYED, 'true');
    const version = (body as { version?: unknown }).version;
    if (route.etag && typeof version === 'number') res.setHeader('ETag', `"${version}"`);
    return body;
  }
}
