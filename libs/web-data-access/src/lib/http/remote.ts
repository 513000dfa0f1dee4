import { HttpErrorResponse } from '@angular/common/http';

/**
 * What a page shows for data it loads. `unavailable` covers 401, 403 and 404 alike: the client
 * says "not found or no access" just as the server does, and never tells them apart.
 */
export type Remote<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'unavailable' } | { kind: 'failed' };

const UNAVAILABLE = new Set([401, 403, 404]);

/** What a failed load shows: "not found or no access" for 401/403/404, otherwise that the server failed. */
export function remoteFailure<T>(error: unknown): Remote<T> {
  return error instanceof HttpErrorResponse && UNAVAILABLE.has(error.status) ? { kind: 'unavailable' } : { kind: 'failed' };
}
