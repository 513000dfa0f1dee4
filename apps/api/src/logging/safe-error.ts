import { TypeORMError } from 'typeorm';

/** What a log line may say about an error: its kind and where it happened, never the values involved. */
export interface SafeError {
  type: string;
  message?: string;
  /** SQLSTATE (e.g. 23505) or a Node error code (e.g. ECONNREFUSED). */
  code?: string;
  /** Names from the database's error fields: schema, table, column, constraint, data type, routine. */
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  dataType?: string;
  routine?: string;
  stack?: string;
  cause?: SafeError;
}

const NAME_FIELDS = ['schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;
const IDENTITY_NUMBER = /\d{11}/g;
const MAX_CAUSES = 3;

type ErrorLike = Error & Record<string, unknown>;

/**
 * A database error (pg's, or TypeORM's wrapping it) quotes values in its message and detail
 * ("invalid input syntax for type uuid: \"…\"", "Key (national_id)=(…) already exists") and carries the
 * query's parameters: none of that is kept.
 */
function fromDatabase(error: ErrorLike): boolean {
  return error instanceof TypeORMError || 'driverError' in error || (typeof error['severity'] === 'string' && 'code' in error);
}

/** The frames of the stack only: its first line repeats the message. */
function framesOf(error: ErrorLike, type: string): string | undefined {
  if (typeof error.stack !== 'string') return undefined;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [type, ...frames].join('\n');
}

function serializeOne(error: ErrorLike): SafeError {
  const type = error.constructor?.name && error.constructor.name !== 'Object' ? error.constructor.name : (error.name ?? 'Error');
  const driver = (error['driverError'] ?? error) as Record<string, unknown>;
  const safe: SafeError = { type };
  if (!fromDatabase(error) && typeof error.message === 'string') {
    // Our own messages name what went wrong, not whom; an identity number is masked all the same.
    safe.message = error.message.replace(IDENTITY_NUMBER, '[identity number]');
  }
  const code = driver['code'] ?? error['code'];
  if (typeof code === 'string' || typeof code === 'number') safe.code = String(code);
  for (const field of NAME_FIELDS) {
    const value = driver[field];
    if (typeof value === 'string') safe[field] = value;
  }
  const stack = framesOf(error, type);
  if (stack) safe.stack = stack;
  return safe;
}

/**
 * The one serializer for errors in log lines (pino's `err`): the error's class, its code, the names
 * of the schema objects involved and the stack frames — never its query, parameters, detail or a
 * database message, which can quote personal data. Causes are followed a few levels, without
 * recursion. Accepts pino's already-serialized form too (it keeps the original as `raw`).
 */
export function serializeError(value: unknown): SafeError | null | undefined {
  const original = (value as { raw?: unknown } | null)?.raw ?? value;
  if (original === null || original === undefined) return original as null | undefined;
  // Something thrown that is not an Error may be anything, a row included: only its kind is kept.
  if (!(original instanceof Error)) return { type: typeof original };
  const root = serializeOne(original as ErrorLike);
  let current = root;
  let cause = (original as { cause?: unknown }).cause;
  for (let i = 0; i < MAX_CAUSES && cause instanceof Error; i++) {
    current.cause = serializeOne(cause as ErrorLike);
    current = current.cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  return root;
}
