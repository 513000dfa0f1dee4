import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Why the database could not serve a request, when that is a matter of time rather than a bug:
 * the pool had no connection free in time, a limit ended a statement, the server is down,
 * restarting or full. The problem filter answers these 503 with Retry-After (SECURITY.md S30).
 */
export type DatabaseUnavailableReason =
  /** No pooled connection within DATABASE_CONNECT_TIMEOUT_MS. */
  | 'pool_exhausted'
  /** statement_timeout, or a statement cancelled (57014). */
  | 'statement_timeout'
  /** lock_timeout: a lock held elsewhere for longer than DATABASE_LOCK_TIMEOUT_MS (55P03). */
  | 'lock_timeout'
  /** A deadlock or serialization failure: the transaction was rolled back and may simply be retried (40P01, 40001). */
  | 'conflict'
  /** The server refuses new connections: max_connections or a role's limit (53300). */
  | 'too_many_connections'
  /** Out of memory, disk or another server resource (class 53). */
  | 'insufficient_resources'
  /** No connection: refused, reset, terminated, the server shutting down or starting up (class 08, 57P01–57P05, 25P03). */
  | 'connection';

export interface DatabaseUnavailable {
  reason: DatabaseUnavailableReason;
  /** SQLSTATE, a Node error code, or the kind of pg error that has none (e.g. `Connection terminated`). */
  code: string;
  retryAfterSeconds: number;
  /** For the problem's `detail`: names nothing internal. */
  detail: string;
}

const BUSY = 'The database is busy; try again in a few seconds';
const DOWN = 'The database is unavailable; try again in a few seconds';

const RETRY_AFTER: Record<DatabaseUnavailableReason, number> = {
  pool_exhausted: 2,
  statement_timeout: 2,
  lock_timeout: 2,
  conflict: 1,
  too_many_connections: 5,
  insufficient_resources: 5,
  connection: 5,
};

const SQLSTATES: Record<string, DatabaseUnavailableReason> = {
  '57014': 'statement_timeout',
  '55P03': 'lock_timeout',
  '40P01': 'conflict',
  '40001': 'conflict',
  '53300': 'too_many_connections',
  // admin_shutdown, crash_shutdown, cannot_connect_now (starting up, in recovery), database_dropped, idle_session_timeout
  '57P01': 'connection',
  '57P02': 'connection',
  '57P03': 'connection',
  '57P04': 'connection',
  '57P05': 'connection',
  // idle_in_transaction_session_timeout: the server ended a session left idle in a transaction.
  '25P03': 'connection',
};

const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * pg and pg-pool raise these without a code; their messages are fixed strings of the driver's own
 * (never the server's), so matching them is safe.
 */
const DRIVER_MESSAGES: Array<[RegExp, DatabaseUnavailableReason, string]> = [
  [/^timeout exceeded when trying to connect$/, 'pool_exhausted', 'pool timeout'],
  [/^Connection terminated/, 'connection', 'connection terminated'],
  [/^Client has encountered a connection error and is not queryable$/, 'connection', 'connection terminated'],
  [/^Client was closed and is not queryable$/, 'connection', 'connection terminated'],
  [/^timeout expired$/, 'connection', 'connect timeout'],
  [/^Cannot use a pool after calling end on the pool$/, 'connection', 'pool ended'],
];

type ErrorFields = { code?: unknown; severity?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };

function classifyOne(error: ErrorFields): DatabaseUnavailable | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const found = (reason: DatabaseUnavailableReason, what: string): DatabaseUnavailable => ({
    reason,
    code: what,
    retryAfterSeconds: RETRY_AFTER[reason],
    detail: reason === 'connection' || reason === 'insufficient_resources' ? DOWN : BUSY,
  });
  // When a connection fails between two queries of a transaction (the server restarting, or ending a
  // session idle in a transaction), pg emits the error on the client and TypeORM releases the query
  // runner, so the command's next query (or its COMMIT) throws this instead. Used after its
  // transaction ended it would be a bug: it then shows as this code in the outage log.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) {
    return found('connection', 'query runner released');
  }
  // Node's codes first: EPIPE has the shape of a SQLSTATE.
  if (code && NODE_CODES.has(code)) return found('connection', code);
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    const reason = SQLSTATES[code] ?? (code.startsWith('08') ? 'connection' : code.startsWith('53') ? 'insufficient_resources' : undefined);
    return reason ? found(reason, code) : undefined;
  }
  // A message from the server (pg's DatabaseError carries a severity) is never matched as the driver's.
  if (typeof error.message === 'string' && error.severity === undefined) {
    for (const [pattern, reason, what] of DRIVER_MESSAGES) if (pattern.test(error.message)) return found(reason, what);
  }
  return undefined;
}

const MAX_DEPTH = 4;

/**
 * Whether an error means "the database cannot serve this now", looking through TypeORM's wrapper
 * (`driverError`), causes (an AuditUnavailableException carries the failed insert's error) and the
 * attempts of a failed connect (an AggregateError's `errors`). Pure: unit-tested without a database.
 */
export function classifyDatabaseError(error: unknown): DatabaseUnavailable | undefined {
  const queue: Array<{ value: unknown; depth: number }> = [{ value: error, depth: 0 }];
  while (queue.length) {
    const { value, depth } = queue.shift() as { value: unknown; depth: number };
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) continue;
    const fields = value as ErrorFields;
    const found = classifyOne(fields);
    if (found) return found;
    for (const inner of [fields.driverError, fields.cause, ...(Array.isArray(fields.errors) ? fields.errors : [])]) {
      if (inner !== undefined && inner !== value) queue.push({ value: inner, depth: depth + 1 });
    }
  }
  return undefined;
}
