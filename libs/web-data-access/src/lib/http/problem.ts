import { HttpErrorResponse } from '@angular/common/http';

/** What a 400 problem+json names: messages per field path, e.g. `newChild.nationalId`. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

interface ProblemBody {
  errors?: Array<{ field?: unknown; messages?: unknown }>;
}

/**
 * The field errors of a validation problem (400 with `errors: [{field, messages}]`, or another
 * status a caller names, e.g. 422), or null when the error is something else. Messages for the same
 * field are merged.
 */
export function fieldErrorsOf(error: unknown, statuses: readonly number[] = [400]): FieldErrors | null {
  if (!(error instanceof HttpErrorResponse) || !statuses.includes(error.status)) return null;
  const list = (error.error as ProblemBody | null)?.errors;
  if (!Array.isArray(list)) return null;
  const result: Record<string, string[]> = {};
  for (const entry of list) {
    if (typeof entry?.field !== 'string') continue;
    const messages = Array.isArray(entry.messages) ? entry.messages.filter((m): m is string => typeof m === 'string') : [];
    result[entry.field] = [...(result[entry.field] ?? []), ...messages];
  }
  return result;
}
