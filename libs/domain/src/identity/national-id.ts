/**
 * Norwegian national identity numbers (fødselsnummer, D-number, synthetic test numbers).
 * Eleven digits: DDMMYY + individual number (3) + two mod-11 check digits.
 * D-numbers add 4 to the first digit of the day; synthetic test numbers (Skatteetaten's
 * "syntetiske fødselsnummer") add 80 to the month. We accept all three: real numbers arrive
 * from ID-porten; synthetic ones are what tests and demo data must use.
 */
export type NationalIdKind = 'fodselsnummer' | 'd_number';

export type NationalIdCheck =
  { valid: true; kind: NationalIdKind; synthetic: boolean; birthDate: string } | { valid: false; reason: 'format' | 'date' | 'checksum' };

const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  const rest = 11 - (sum % 11);
  if (rest === 11) return 0;
  if (rest === 10) return null; // no valid check digit exists for this individual number
  return rest;
}

/** The two check digits for the first nine digits, or null when that individual number is unusable. */
export function nationalIdCheckDigits(firstNine: string): [number, number] | null {
  const digits = [...firstNine].map(Number);
  const k1 = checkDigit(digits, WEIGHTS_1);
  if (k1 === null) return null;
  const k2 = checkDigit([...digits, k1], WEIGHTS_2);
  if (k2 === null) return null;
  return [k1, k2];
}

/** The century follows from the individual number range (Skatteetaten's rules). */
function fullYear(yy: number, individual: number): number | null {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (individual >= 900 && yy >= 40) return 1900 + yy;
  if (individual >= 500 && yy <= 39) return 2000 + yy;
  return null;
}

export function checkNationalId(input: string): NationalIdCheck {
  if (!/^\d{11}$/.test(input)) return { valid: false, reason: 'format' };
  const expected = nationalIdCheckDigits(input.slice(0, 9));
  if (!expected || expected[0] !== Number(input[9]) || expected[1] !== Number(input[10])) {
    return { valid: false, reason: 'checksum' };
  }
  let day = Number(input.slice(0, 2));
  let month = Number(input.slice(2, 4));
  let kind: NationalIdKind = 'fodselsnummer';
  if (day > 40) {
    day -= 40;
    kind = 'd_number';
  }
  const synthetic = month > 80;
  if (synthetic) month -= 80;
  const year = fullYear(Number(input.slice(4, 6)), Number(input.slice(6, 9)));
  if (year === null) return { valid: false, reason: 'date' };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { valid: false, reason: 'date' };
  }
  return { valid: true, kind, synthetic, birthDate: date.toISOString().slice(0, 10) };
}

export function isValidNationalId(input: string): boolean {
  return checkNationalId(input).valid;
}

/**
 * Builds a synthetic national identity number (month + 80) for a birth date, using the first
 * individual number from `startIndividual` that yields valid check digits. For demo and test data.
 */
export function syntheticNationalId(birthDate: string, startIndividual = 500): string {
  const [year, month, day] = birthDate.split('-').map(Number);
  const yy = String(year % 100).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const mm = String(month + 80);
  const low = year >= 2000 ? 500 : 0;
  const high = year >= 2000 ? 999 : 499;
  const size = high - low + 1;
  // Individual numbers are tried from `startIndividual`, wrapped into the range valid for the century.
  for (let i = 0; i < size; i++) {
    const n = low + ((((startIndividual - low + i) % size) + size) % size);
    const firstNine = `${dd}${mm}${yy}${String(n).padStart(3, '0')}`;
    const check = nationalIdCheckDigits(firstNine);
    if (check) return `${firstNine}${check[0]}${check[1]}`;
  }
  throw new Error(`No synthetic national id available for ${birthDate}`);
}
