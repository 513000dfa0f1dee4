/**
 * Checks for anonymous discussions. Nothing that identifies a child directly may be stored
 * (name, birth date, identity number, address); free text is scanned for identity numbers and
 * dates. Details that together narrow the group below four or five children get a warning.
 */
const IDENTITY_NUMBER = /(?<!\d)\d{6}\s?\d{5}(?!\d)/;
const DATE_PATTERNS = [
  /\b\d{1,2}[./-]\d{1,2}[./-](\d{2}|\d{4})\b/, // 14.03.2015, 1/4-15
  /\b(19|20)\d{2}-\d{2}-\d{2}\b/, // 2015-03-14
  /\b\d{1,2}\.?\s+(jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec)[a-z]*\.?\s+(19|20)\d{2}\b/i, // 14. mars 2015
];

export type IdentifyingFinding = 'identity_number' | 'date';

export function findIdentifyingText(text: string): IdentifyingFinding[] {
  const found: IdentifyingFinding[] = [];
  if (IDENTITY_NUMBER.test(text)) found.push('identity_number');
  if (DATE_PATTERNS.some((p) => p.test(text))) found.push('date');
  return found;
}

export interface AnonymityDetails {
  /** Roughly how many children the unit has (from the unit, not typed by the author). */
  unitSize: number | null;
  /** A class or group is named. */
  namesGroup: boolean;
  /** A diagnosis or rare condition is named. */
  namesDiagnosis: boolean;
  /** An age band rather than an exact age. */
  ageBand: string | null;
}

/**
 * Rough estimate of how many children fit the details; below five the author is warned that the
 * child could be recognised (the guide asks that the information fit at least four to five).
 */
export function estimatedMatchingChildren(details: AnonymityDetails): number {
  let candidates = details.unitSize ?? 300;
  if (details.namesGroup) candidates = Math.min(candidates, 25);
  if (details.ageBand) candidates = Math.ceil(candidates / 3);
  if (details.namesDiagnosis) candidates = Math.ceil(candidates / 20);
  return Math.max(1, candidates);
}

export function identifiabilityWarning(details: AnonymityDetails): boolean {
  return estimatedMatchingChildren(details) < 5;
}
