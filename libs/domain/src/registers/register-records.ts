import { ADDRESS_PROTECTIONS } from '../identity/address-protection';
import type { AddressProtection } from '../identity/address-protection';
import { checkNationalId } from '../identity/national-id';

/**
 * Reading register files (issue 12, point 2): a population-register extract and an enrolment file,
 * each as CSV rows (already split into named columns by the API's CSV parser) or as JSON. Every
 * problem is reported with the line (CSV: the file's line number, the header being line 1; JSON:
 * the record's position in its array, from 1) and the field, and the import then writes nothing.
 * Formats: docs/registers.md.
 */
export interface RegisterLineError {
  line: number;
  field: string;
  message: string;
}

export class RegisterFileError extends Error {
  constructor(readonly errors: RegisterLineError[]) {
    super(`${errors.length} line(s) of the register file are invalid`);
  }
}

export interface PopulationGuardianRecord {
  line: number;
  nationalId: string;
  givenName: string;
  familyName: string;
  parentalResponsibility: boolean;
  addressProtection: AddressProtection | null;
  relation: string | null;
}

export interface PopulationChildRecord {
  line: number;
  nationalId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  addressProtection: AddressProtection | null;
  guardians: PopulationGuardianRecord[];
}

export interface EnrolmentRecord {
  line: number;
  childNationalId: string;
  /** The unit's code, or its exact name when that is unambiguous. */
  unit: string;
  group: string | null;
  from: string;
  to: string | null;
}

/** CSV columns of a population extract: one row per child and guardian (a child without guardians has one row with them empty). */
export const POPULATION_COLUMNS = [
  'child_national_id',
  'child_given_name',
  'child_family_name',
  'child_birth_date',
  'child_address_protection',
  'guardian_national_id',
  'guardian_given_name',
  'guardian_family_name',
  'guardian_relation',
  'guardian_parental_responsibility',
  'guardian_address_protection',
] as const;
export const POPULATION_REQUIRED_COLUMNS = ['child_national_id', 'child_given_name', 'child_family_name', 'child_birth_date'] as const;

export const ENROLMENT_COLUMNS = ['child_national_id', 'unit', 'group', 'from', 'to'] as const;
export const ENROLMENT_REQUIRED_COLUMNS = ['child_national_id', 'unit', 'from'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 200;
// NUL, control and bidirectional control characters would let a name display as something else (SECURITY.md S33).
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Collects the errors of one file while reading it field by field. */
class Reader {
  readonly errors: RegisterLineError[] = [];

  fail(line: number, field: string, message: string): void {
    this.errors.push({ line, field, message });
  }

  text(line: number, field: string, value: unknown, required: boolean): string | null {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.fail(line, field, `${field} is required`);
      return null;
    }
    if (typeof value !== 'string') {
      this.fail(line, field, `${field} must be text`);
      return null;
    }
    const text = value.trim();
    if (UNSAFE_TEXT.test(text)) {
      this.fail(line, field, `${field} contains control characters`);
      return null;
    }
    if (text.length > MAX_TEXT) {
      this.fail(line, field, `${field} is longer than ${MAX_TEXT} characters`);
      return null;
    }
    return text;
  }

  nationalId(line: number, field: string, value: unknown): string | null {
    const text = this.text(line, field, value, true);
    if (text === null) return null;
    const check = checkNationalId(text);
    if (!check.valid) {
      this.fail(line, field, `${field} must be a valid national identity number (11 digits, valid check digits)`);
      return null;
    }
    return text;
  }

  date(line: number, field: string, value: unknown, required: boolean): string | null {
    const text = this.text(line, field, value, required);
    if (text === null) return null;
    const date = new Date(`${text}T00:00:00Z`);
    if (!ISO_DATE.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
      this.fail(line, field, `${field} must be a date as YYYY-MM-DD`);
      return null;
    }
    return text;
  }

  protection(line: number, field: string, value: unknown): AddressProtection | null {
    const text = this.text(line, field, value, false);
    if (text === null) return null;
    const normal = text.toLowerCase().replace(/[\s-]+/g, '_');
    if (!(ADDRESS_PROTECTIONS as readonly string[]).includes(normal)) {
      this.fail(line, field, `${field} must be empty, strengt_fortrolig or fortrolig`);
      return null;
    }
    return normal as AddressProtection;
  }

  flag(line: number, field: string, value: unknown): boolean | null {
    if (typeof value === 'boolean') return value;
    const text = this.text(line, field, value, true);
    if (text === null) return null;
    const normal = text.toLowerCase();
    if (['ja', 'true', 'yes', '1'].includes(normal)) return true;
    if (['nei', 'false', 'no', '0'].includes(normal)) return false;
    this.fail(line, field, `${field} must be ja or nei (true or false)`);
    return null;
  }

  finish<T>(records: T[]): T[] {
    if (this.errors.length) throw new RegisterFileError(this.errors.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field)));
    return records;
  }
}

function requireColumns(header: string[], required: readonly string[], known: readonly string[]): void {
  const errors: RegisterLineError[] = [];
  for (const column of required)
    if (!header.includes(column)) errors.push({ line: 1, field: column, message: `column ${column} is missing` });
  for (const column of header)
    if (!known.includes(column)) errors.push({ line: 1, field: column, message: `column ${column} is not known` });
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) errors.push({ line: 1, field: column, message: `column ${column} appears twice` });
    seen.add(column);
  }
  if (errors.length) throw new RegisterFileError(errors);
}

function guardianOf(
  r: Reader,
  line: number,
  raw: Record<string, unknown>,
  names: Record<keyof Omit<PopulationGuardianRecord, 'line'>, string>,
  childNationalId: string | null,
): PopulationGuardianRecord | null {
  const nationalId = r.nationalId(line, names.nationalId, raw[names.nationalId]);
  const givenName = r.text(line, names.givenName, raw[names.givenName], true);
  const familyName = r.text(line, names.familyName, raw[names.familyName], true);
  const parentalResponsibility = r.flag(line, names.parentalResponsibility, raw[names.parentalResponsibility]);
  const addressProtection = r.protection(line, names.addressProtection, raw[names.addressProtection]);
  const relation = r.text(line, names.relation, raw[names.relation], false);
  if (nationalId !== null && nationalId === childNationalId) r.fail(line, names.nationalId, 'A child cannot be their own guardian');
  if (nationalId === null || givenName === null || familyName === null || parentalResponsibility === null) return null;
  return { line, nationalId, givenName, familyName, parentalResponsibility, addressProtection, relation };
}

function childOf(
  r: Reader,
  line: number,
  raw: Record<string, unknown>,
  names: Record<'nationalId' | 'givenName' | 'familyName' | 'birthDate' | 'addressProtection', string>,
): Omit<PopulationChildRecord, 'guardians'> | null {
  const nationalId = r.nationalId(line, names.nationalId, raw[names.nationalId]);
  const givenName = r.text(line, names.givenName, raw[names.givenName], true);
  const familyName = r.text(line, names.familyName, raw[names.familyName], true);
  const birthDate = r.date(line, names.birthDate, raw[names.birthDate], true);
  const addressProtection = r.protection(line, names.addressProtection, raw[names.addressProtection]);
  if (nationalId !== null && birthDate !== null) {
    const check = checkNationalId(nationalId);
    if (check.valid && check.kind === 'fodselsnummer' && check.birthDate !== birthDate)
      r.fail(line, names.birthDate, `${names.birthDate} does not match the national identity number`);
  }
  if (nationalId === null || givenName === null || familyName === null || birthDate === null) return null;
  return { line, nationalId, givenName, familyName, birthDate, addressProtection };
}

/** Checks what the records say together: no child twice, no guardian twice for a child, one guardian's facts alike everywhere. */
function checkPopulation(r: Reader, children: PopulationChildRecord[], childField: string, guardianField: string): void {
  const guardians = new Map<string, PopulationGuardianRecord>();
  const childIds = new Set<string>();
  for (const child of children) {
    if (childIds.has(child.nationalId)) r.fail(child.line, childField, 'The same child appears twice');
    childIds.add(child.nationalId);
    const own = new Set<string>();
    for (const g of child.guardians) {
      if (own.has(g.nationalId)) r.fail(g.line, guardianField, 'The same guardian appears twice for this child (duplicate line)');
      own.add(g.nationalId);
      const earlier = guardians.get(g.nationalId);
      if (
        earlier &&
        (earlier.givenName !== g.givenName || earlier.familyName !== g.familyName || earlier.addressProtection !== g.addressProtection)
      )
        r.fail(g.line, guardianField, `The guardian's name or address protection differs from line ${earlier.line}`);
      if (!earlier) guardians.set(g.nationalId, g);
    }
  }
}

const CSV_CHILD = {
  nationalId: 'child_national_id',
  givenName: 'child_given_name',
  familyName: 'child_family_name',
  birthDate: 'child_birth_date',
  addressProtection: 'child_address_protection',
};
const CSV_GUARDIAN = {
  nationalId: 'guardian_national_id',
  givenName: 'guardian_given_name',
  familyName: 'guardian_family_name',
  parentalResponsibility: 'guardian_parental_responsibility',
  addressProtection: 'guardian_address_protection',
  relation: 'guardian_relation',
};

/** A population extract from CSV rows (`rows[i]` is file line i + 2: the header is line 1). */
export function readPopulationCsv(header: string[], rows: Array<Record<string, string>>): PopulationChildRecord[] {
  requireColumns(header, POPULATION_REQUIRED_COLUMNS, POPULATION_COLUMNS);
  const r = new Reader();
  const byChild = new Map<string, PopulationChildRecord>();
  const children: PopulationChildRecord[] = [];
  rows.forEach((raw, i) => {
    const line = i + 2;
    const child = childOf(r, line, raw, CSV_CHILD);
    const hasGuardian = Object.values(CSV_GUARDIAN).some((column) => (raw[column] ?? '').trim() !== '');
    const guardian = hasGuardian ? guardianOf(r, line, raw, CSV_GUARDIAN, child?.nationalId ?? null) : null;
    if (!child) return;
    let record = byChild.get(child.nationalId);
    if (!record) {
      record = { ...child, guardians: [] };
      byChild.set(child.nationalId, record);
      children.push(record);
    } else if (
      record.givenName !== child.givenName ||
      record.familyName !== child.familyName ||
      record.birthDate !== child.birthDate ||
      record.addressProtection !== child.addressProtection
    ) {
      r.fail(line, 'child_national_id', `The child's facts differ from line ${record.line}`);
    } else if (!hasGuardian) {
      r.fail(line, 'child_national_id', 'The same child appears twice (duplicate line)');
    }
    if (guardian) record.guardians.push(guardian);
  });
  checkPopulation(r, children, 'child_national_id', 'guardian_national_id');
  return r.finish(children);
}

const JSON_CHILD = {
  nationalId: 'nationalId',
  givenName: 'givenName',
  familyName: 'familyName',
  birthDate: 'birthDate',
  addressProtection: 'addressProtection',
};

/** A population extract as JSON: `{ "children": [ { …, "guardians": [ … ] } ] }`; line = the child's position from 1. */
export function readPopulationJson(body: unknown): PopulationChildRecord[] {
  const list = (body as { children?: unknown } | null)?.children;
  if (!Array.isArray(list)) throw new RegisterFileError([{ line: 0, field: 'children', message: 'children must be an array' }]);
  const r = new Reader();
  const children: PopulationChildRecord[] = [];
  list.forEach((raw: unknown, i) => {
    const line = i + 1;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return r.fail(line, 'children', 'Each child must be an object');
    const item = raw as Record<string, unknown>;
    const child = childOf(r, line, item, JSON_CHILD);
    const rawGuardians = item['guardians'] ?? [];
    if (!Array.isArray(rawGuardians)) return r.fail(line, 'guardians', 'guardians must be an array');
    const guardians = rawGuardians.flatMap((g: unknown, j) => {
      const prefix = `guardians[${j}].`;
      if (typeof g !== 'object' || g === null) {
        r.fail(line, `guardians[${j}]`, 'Each guardian must be an object');
        return [];
      }
      const raw2 = Object.fromEntries(Object.entries(g).map(([k, v]) => [`${prefix}${k}`, v]));
      const names = {
        nationalId: `${prefix}nationalId`,
        givenName: `${prefix}givenName`,
        familyName: `${prefix}familyName`,
        parentalResponsibility: `${prefix}parentalResponsibility`,
        addressProtection: `${prefix}addressProtection`,
        relation: `${prefix}relation`,
      };
      const guardian = guardianOf(r, line, raw2, names, child?.nationalId ?? null);
      return guardian ? [guardian] : [];
    });
    if (child) children.push({ ...child, guardians });
  });
  checkPopulation(r, children, 'nationalId', 'guardians');
  return r.finish(children);
}

function enrolmentOf(
  r: Reader,
  line: number,
  raw: Record<string, unknown>,
  names: Record<'childNationalId' | 'unit' | 'group' | 'from' | 'to', string>,
): EnrolmentRecord | null {
  const childNationalId = r.nationalId(line, names.childNationalId, raw[names.childNationalId]);
  const unit = r.text(line, names.unit, raw[names.unit], true);
  const group = r.text(line, names.group, raw[names.group], false);
  const from = r.date(line, names.from, raw[names.from], true);
  const to = r.date(line, names.to, raw[names.to], false);
  if (from !== null && to !== null && to < from) r.fail(line, names.to, `${names.to} cannot be before ${names.from}`);
  if (childNationalId === null || unit === null || from === null || (to !== null && to < from)) return null;
  return { line, childNationalId, unit, group, from, to };
}

const CSV_ENROLMENT = { childNationalId: 'child_national_id', unit: 'unit', group: 'group', from: 'from', to: 'to' };
const JSON_ENROLMENT = { childNationalId: 'childNationalId', unit: 'unit', group: 'group', from: 'from', to: 'to' };

export function readEnrolmentsCsv(header: string[], rows: Array<Record<string, string>>): EnrolmentRecord[] {
  requireColumns(header, ENROLMENT_REQUIRED_COLUMNS, ENROLMENT_COLUMNS);
  const r = new Reader();
  const records = rows.flatMap((raw, i) => {
    const record = enrolmentOf(r, i + 2, raw, CSV_ENROLMENT);
    return record ? [record] : [];
  });
  return r.finish(records);
}

/** Enrolments as JSON: `{ "enrolments": [ { "childNationalId", "unit", "group", "from", "to" } ] }`. */
export function readEnrolmentsJson(body: unknown): EnrolmentRecord[] {
  const list = (body as { enrolments?: unknown } | null)?.enrolments;
  if (!Array.isArray(list)) throw new RegisterFileError([{ line: 0, field: 'enrolments', message: 'enrolments must be an array' }]);
  const r = new Reader();
  const records = list.flatMap((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      r.fail(i + 1, 'enrolments', 'Each enrolment must be an object');
      return [];
    }
    const record = enrolmentOf(r, i + 1, raw as Record<string, unknown>, JSON_ENROLMENT);
    return record ? [record] : [];
  });
  return r.finish(records);
}
