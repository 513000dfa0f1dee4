import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { EnrolmentImportResponse, PopulationImportResponse } from '@stafett/domain';
import type { Observable } from 'rxjs';
import { SessionStore } from '../session/session.store';

export type { EnrolmentImportResponse, PopulationImportResponse } from '@stafett/domain';

/** Which register a file comes from: the population register, or the kindergarten and school administration. */
export type RegisterImportKind = 'population' | 'enrolments';
export type RegisterFileFormat = 'csv' | 'json';

/** A register file as the user chose it: its text is sent as it is, with the content type of its format. */
export interface RegisterFile {
  name: string;
  format: RegisterFileFormat;
  text: string;
}

/** The largest file the API takes (docs/registers.md: 5 MB); a larger one is not sent at all. */
export const REGISTER_FILE_MAX_BYTES = 5 * 1024 * 1024;

const CONTENT_TYPE: Record<RegisterFileFormat, string> = { csv: 'text/csv', json: 'application/json' };

/**
 * The format of a chosen file by its name, then its type: spreadsheets and administration systems
 * save CSV under several MIME types (and browsers guess them differently), but the extension holds.
 */
export function registerFileFormatOf(file: { name: string; type?: string }): RegisterFileFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  const type = (file.type ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  return null;
}

/** One bad line of a refused file (422): the CSV line (header = 1) or JSON record position, the column and why. */
export interface RegisterLineProblem {
  line: number | null;
  field: string;
  messages: string[];
}

/** The bad lines of a refused register file (422 with `errors`), or null when the error is something else. */
export function registerLineProblemsOf(error: unknown): RegisterLineProblem[] | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 422) return null;
  const list = (error.error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list)) return null;
  return list.flatMap((entry: { line?: unknown; field?: unknown; messages?: unknown }) =>
    typeof entry?.field === 'string'
      ? [
          {
            line: typeof entry.line === 'number' ? entry.line : null,
            field: entry.field,
            messages: Array.isArray(entry.messages) ? entry.messages.filter((m): m is string => typeof m === 'string') : [],
          },
        ]
      : [],
  );
}

/**
 * Register imports for administrators (`/api/admin/imports`). A dry run answers the plan and writes
 * nothing; the import itself is all or nothing, and running the same file again changes nothing —
 * so no Idempotency-Key is needed for a retry.
 */
@Injectable({ providedIn: 'root' })
export class RegisterImportsApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  population(file: RegisterFile, dryRun: boolean): Observable<PopulationImportResponse> {
    return this.send<PopulationImportResponse>('population', file, dryRun);
  }

  enrolments(file: RegisterFile, dryRun: boolean): Observable<EnrolmentImportResponse> {
    return this.send<EnrolmentImportResponse>('enrolments', file, dryRun);
  }

  private send<T>(kind: RegisterImportKind, file: RegisterFile, dryRun: boolean): Observable<T> {
    const token = this.session.session()?.csrfToken;
    let headers = new HttpHeaders({ 'Content-Type': CONTENT_TYPE[file.format] });
    if (token) headers = headers.set('X-XSRF-TOKEN', token);
    // The text goes as the body itself (not JSON-encoded): HttpClient sends a string as it is.
    return this.http.post<T>(`/api/admin/imports/${kind}`, file.text, { headers, params: dryRun ? { dryRun: 'true' } : {} });
  }
}
