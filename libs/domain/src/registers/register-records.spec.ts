import { syntheticNationalId } from '../identity/national-id';
import { readEnrolmentsCsv, readEnrolmentsJson, readPopulationCsv, readPopulationJson, RegisterFileError } from './register-records';

const child = syntheticNationalId('2019-03-04', 500);
const mother = syntheticNationalId('1990-01-02', 100);
const father = syntheticNationalId('1989-05-06', 110);
const HEADER = [
  'child_national_id',
  'child_given_name',
  'child_family_name',
  'child_birth_date',
  'guardian_national_id',
  'guardian_given_name',
  'guardian_family_name',
  'guardian_parental_responsibility',
];
const row = (values: string[]) => Object.fromEntries(HEADER.map((h, i) => [h, values[i] ?? '']));
const errorsOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof RegisterFileError) return error.errors;
    throw error;
  }
  throw new Error('no error');
};

describe('reading a population extract', () => {
  it('groups the rows of one child and reads ja/nei as parental responsibility', () => {
    const records = readPopulationCsv(HEADER, [
      row([child, 'Ada', 'Prøve', '2019-03-04', mother, 'Mona', 'Prøve', 'ja']),
      row([child, 'Ada', 'Prøve', '2019-03-04', father, 'Frank', 'Prøve', 'nei']),
    ]);
    expect(records).toEqual([
      {
        line: 2,
        nationalId: child,
        givenName: 'Ada',
        familyName: 'Prøve',
        birthDate: '2019-03-04',
        addressProtection: null,
        guardians: [
          {
            line: 2,
            nationalId: mother,
            givenName: 'Mona',
            familyName: 'Prøve',
            parentalResponsibility: true,
            addressProtection: null,
            relation: null,
          },
          {
            line: 3,
            nationalId: father,
            givenName: 'Frank',
            familyName: 'Prøve',
            parentalResponsibility: false,
            addressProtection: null,
            relation: null,
          },
        ],
      },
    ]);
  });

  it('names every bad line and field: check digits, a missing name, a birth date that contradicts the number, a duplicate', () => {
    const bad = `${child.slice(0, 10)}${(Number(child[10]) + 1) % 10}`;
    expect(
      errorsOf(() =>
        readPopulationCsv(HEADER, [
          row([bad, 'Ada', 'Prøve', '2019-03-04']),
          row([child, '', 'Prøve', '2019-03-04']),
          row([mother.replace(/^\d{6}/, '040399'), 'Bo', 'Prøve', '2019-03-05']),
          row([child, 'Ada', 'Prøve', '2019-03-04', mother, 'Mona', 'Prøve', 'ja']),
          row([child, 'Ada', 'Prøve', '2019-03-04', mother, 'Mona', 'Prøve', 'ja']),
        ]),
      ),
    ).toEqual([
      { line: 2, field: 'child_national_id', message: expect.stringContaining('valid national identity number') },
      { line: 3, field: 'child_given_name', message: 'child_given_name is required' },
      { line: 4, field: 'child_national_id', message: expect.stringContaining('valid national identity number') },
      { line: 6, field: 'guardian_national_id', message: expect.stringContaining('duplicate line') },
    ]);
    expect(errorsOf(() => readPopulationCsv(HEADER, [row([child, 'Ada', 'Prøve', '2019-03-05'])]))).toEqual([
      { line: 2, field: 'child_birth_date', message: 'child_birth_date does not match the national identity number' },
    ]);
  });

  it('refuses a header without the required columns or with unknown ones', () => {
    expect(errorsOf(() => readPopulationCsv(['child_national_id', 'surname'], []))).toEqual([
      { line: 1, field: 'child_given_name', message: 'column child_given_name is missing' },
      { line: 1, field: 'child_family_name', message: 'column child_family_name is missing' },
      { line: 1, field: 'child_birth_date', message: 'column child_birth_date is missing' },
      { line: 1, field: 'surname', message: 'column surname is not known' },
    ]);
  });

  it('reads JSON the same way, naming the child by its position and the guardian field by its path', () => {
    const records = readPopulationJson({
      children: [
        {
          nationalId: child,
          givenName: 'Ada',
          familyName: 'Prøve',
          birthDate: '2019-03-04',
          addressProtection: 'strengt_fortrolig',
          guardians: [{ nationalId: mother, givenName: 'Mona', familyName: 'Prøve', parentalResponsibility: true, relation: 'mor' }],
        },
      ],
    });
    expect(records[0]).toMatchObject({
      addressProtection: 'strengt_fortrolig',
      guardians: [{ relation: 'mor', parentalResponsibility: true }],
    });
    expect(
      errorsOf(() =>
        readPopulationJson({
          children: [
            { nationalId: child, givenName: 'Ada', familyName: 'Prøve', birthDate: '2019-03-04', guardians: [{ nationalId: mother }] },
          ],
        }),
      ).map((e) => `${e.line} ${e.field}`),
    ).toEqual(['1 guardians[0].familyName', '1 guardians[0].givenName', '1 guardians[0].parentalResponsibility']);
  });
});

describe('reading an enrolment file', () => {
  const header = ['child_national_id', 'unit', 'group', 'from', 'to'];
  it('reads a line, and refuses a last day before the first', () => {
    expect(readEnrolmentsCsv(header, [{ child_national_id: child, unit: '974123456', group: 'Rød', from: '2024-08-15', to: '' }])).toEqual([
      { line: 2, childNationalId: child, unit: '974123456', group: 'Rød', from: '2024-08-15', to: null },
    ]);
    expect(
      errorsOf(() => readEnrolmentsCsv(header, [{ child_national_id: child, unit: 'X', group: '', from: '2024-08-15', to: '2024-08-01' }])),
    ).toEqual([{ line: 2, field: 'to', message: 'to cannot be before from' }]);
    expect(errorsOf(() => readEnrolmentsJson({ enrolments: [{ childNationalId: child, unit: 'X', from: '15.08.2024' }] }))).toEqual([
      { line: 1, field: 'from', message: 'from must be a date as YYYY-MM-DD' },
    ]);
  });
});
