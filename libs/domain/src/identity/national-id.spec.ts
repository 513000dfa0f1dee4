import { checkNationalId, isValidNationalId, nationalIdCheckDigits, syntheticNationalId } from './national-id';

/** A synthetic D-number (day + 40, month + 80) for a birth date: the first individual number from `start` with check digits. */
function syntheticDNumber(birthDate: string, start: number): string {
  const [year, month, day] = birthDate.split('-').map(Number);
  for (let n = start; n < start + 100; n++) {
    const firstNine = `${day + 40}${month + 80}${String(year % 100).padStart(2, '0')}${String(n).padStart(3, '0')}`;
    const check = nationalIdCheckDigits(firstNine);
    if (check) return firstNine + check.join('');
  }
  throw new Error(`no D-number for ${birthDate} from ${start}`);
}

describe('national identity numbers', () => {
  it('accepts a synthetic number (month + 80) built for a birth date, and reads the date back', () => {
    const id = syntheticNationalId('2015-03-14');
    expect(id.slice(0, 6)).toBe('148315');
    expect(checkNationalId(id)).toEqual({ valid: true, kind: 'fodselsnummer', synthetic: true, birthDate: '2015-03-14' });
  });

  it('refuses a number whose first or second check digit is wrong', () => {
    const id = syntheticNationalId('2012-11-02');
    const wrongFirst = id.slice(0, 9) + ((Number(id[9]) + 1) % 10) + id[10];
    const wrongSecond = id.slice(0, 10) + ((Number(id[10]) + 1) % 10);
    expect(checkNationalId(wrongFirst)).toEqual({ valid: false, reason: 'checksum' });
    expect(checkNationalId(wrongSecond)).toEqual({ valid: false, reason: 'checksum' });
  });

  it('recognises a synthetic D-number (day + 40, month + 80)', () => {
    const firstNine = '418180' + '123'; // 1 January 1980, individual number 123
    const check = nationalIdCheckDigits(firstNine);
    if (!check) throw new Error('test number has no check digits; pick another');
    const id = firstNine + check.join('');
    expect(checkNationalId(id)).toEqual({ valid: true, kind: 'd_number', synthetic: true, birthDate: '1980-01-01' });
  });

  it('refuses a date that does not exist even with valid check digits', () => {
    const firstNine = '318280' + '124'; // 31 February (synthetic month)
    const check = nationalIdCheckDigits(firstNine);
    if (!check) throw new Error('test number has no check digits; pick another');
    expect(checkNationalId(firstNine + check.join(''))).toEqual({ valid: false, reason: 'date' });
  });

  it.each(['', '1234567890', '123456789012', '1234567890a', ' 01010112345'])('refuses %p as malformed', (input) => {
    expect(checkNationalId(input)).toEqual({ valid: false, reason: 'format' });
  });

  it('builds numbers for adults born before 2000 from any starting individual number', () => {
    const a = syntheticNationalId('1988-09-03', 700);
    const b = syntheticNationalId('1988-09-03', 701);
    expect(checkNationalId(a)).toEqual({ valid: true, kind: 'fodselsnummer', synthetic: true, birthDate: '1988-09-03' });
    expect(Number(a.slice(6, 9))).toBeLessThanOrEqual(499);
    expect(isValidNationalId(b)).toBe(true);
  });

  it('agrees with the mod-11 rule on every number it generates over a year of birth dates', () => {
    for (let d = 0; d < 366; d += 7) {
      const date = new Date(Date.UTC(2016, 0, 1 + d)).toISOString().slice(0, 10);
      const id = syntheticNationalId(date);
      expect(isValidNationalId(id)).toBe(true);
      expect(checkNationalId(id)).toMatchObject({ birthDate: date });
    }
  });

  it('recognises a synthetic D-number born after 2000 late in the year (day 29 + 40, month 12 + 80)', () => {
    const id = syntheticDNumber('2017-12-29', 600);
    expect(id.slice(0, 6)).toBe('699217');
    expect(Number(id.slice(6, 9))).toBeGreaterThanOrEqual(600);
    expect(checkNationalId(id)).toEqual({ valid: true, kind: 'd_number', synthetic: true, birthDate: '2017-12-29' });
  });

  it('refuses a synthetic D-number whose first or second check digit is wrong', () => {
    const id = syntheticDNumber('2011-04-17', 520);
    expect(id.slice(0, 6)).toBe('578411');
    expect(checkNationalId(id)).toMatchObject({ valid: true, kind: 'd_number' });
    for (let delta = 1; delta <= 9; delta++) {
      const wrongFirst = id.slice(0, 9) + ((Number(id[9]) + delta) % 10) + id[10];
      const wrongSecond = id.slice(0, 10) + ((Number(id[10]) + delta) % 10);
      expect(checkNationalId(wrongFirst)).toEqual({ valid: false, reason: 'checksum' });
      expect(checkNationalId(wrongSecond)).toEqual({ valid: false, reason: 'checksum' });
      expect(isValidNationalId(wrongFirst)).toBe(false);
      expect(isValidNationalId(wrongSecond)).toBe(false);
    }
  });

  it('refuses a D-number whose day does not exist (day 31 + 40 in a 30-day month)', () => {
    const firstNine = '718411' + '520'; // 31 April 2011, synthetic month
    const check = nationalIdCheckDigits(firstNine);
    if (!check) throw new Error('test number has no check digits; pick another');
    expect(checkNationalId(firstNine + check.join(''))).toEqual({ valid: false, reason: 'date' });
  });
});
