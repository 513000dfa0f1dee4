import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { readEnrolmentsCsv, readEnrolmentsJson, readPopulationCsv, readPopulationJson, RegisterFileError } from '@stafett/domain';
import type { EnrolmentRecord, PopulationChildRecord } from '@stafett/domain';
import type { RequestHandler } from 'express';
import { refuseUnsafeValue } from '../http/safe-input';

/** The largest register file one request may carry (SECURITY.md S21): about 20 000 lines of a population extract. */
export const REGISTER_FILE_LIMIT = '5mb';

export type RegisterFileType = 'csv' | 'json';

/** Which reader a request's Content-Type asks for; anything else is 415. */
export function registerFileType(contentType: string | undefined): RegisterFileType {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  throw new UnsupportedMediaTypeException('Send the file as text/csv or application/json');
}

/**
 * CSV with a header row, UTF-8 (a byte-order mark is dropped), separated by commas or semicolons —
 * whichever the header line uses (spreadsheets in Norway save with semicolons). Quoted fields as RFC 4180.
 */
export function parseCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let cells: string[][];
  try {
    cells = parse(body, { delimiter, skip_empty_lines: false, relax_column_count: false, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new RegisterFileError([{ line, field: 'file', message: `The CSV cannot be read: ${(error as Error).message.split(':')[0]}` }]);
  }
  if (!cells.length) throw new RegisterFileError([{ line: 1, field: 'file', message: 'The file is empty: a header row is required' }]);
  const header = cells[0].map((h) => h.trim().toLowerCase());
  // Blank lines keep their numbers (the line a person sees in the file) but carry no record.
  const rows = cells.slice(1).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
  const blank = (row: Record<string, string>) => Object.values(row).every((v) => v.trim() === '');
  while (rows.length && blank(rows[rows.length - 1])) rows.pop();
  const blanks = rows.map((row, i) => (blank(row) ? i + 2 : 0)).filter(Boolean);
  if (blanks.length) throw new RegisterFileError(blanks.map((line) => ({ line, field: 'file', message: 'Empty line' })));
  return { header, rows };
}

function json(text: string | object): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestException('The body is not valid JSON');
  }
}

/**
 * Screens a register file sent as JSON before any guard or rate limit sees the request, as every
 * other body is screened by the global middleware (which screens this one only as a whole string):
 * NUL (also written as \u0000), bidirectional controls and depth, named by field. Only the file's
 * own list of records may hold more than the thousand items other arrays may (the body size caps it).
 */
export const screenRegisterJson: RequestHandler = (req, _res, next) => {
  try {
    if (typeof req.body === 'string' && /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
      refuseUnsafeValue(json(req.body), req.path.includes('enrolments') ? 'enrolments' : 'children');
    next();
  } catch (error) {
    next(error);
  }
};

export function readPopulationFile(type: RegisterFileType, body: string | object): PopulationChildRecord[] {
  if (type === 'json') return readPopulationJson(json(body));
  const { header, rows } = parseCsv(String(body));
  return readPopulationCsv(header, rows);
}

export function readEnrolmentFile(type: RegisterFileType, body: string | object): EnrolmentRecord[] {
  if (type === 'json') return readEnrolmentsJson(json(body));
  const { header, rows } = parseCsv(String(body));
  return readEnrolmentsCsv(header, rows);
}
