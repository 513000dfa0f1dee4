import { syntheticNationalId } from '../identity/national-id';
import { planEnrolments, planPopulation, resolveUnit } from './register-plan';
import type { ExistingGuardianship } from './register-plan';
import { RegisterFileError } from './register-records';
import type { PopulationChildRecord } from './register-records';

const ada = syntheticNationalId('2019-03-04', 500);
const mona = syntheticNationalId('1990-01-02', 100);
const frank = syntheticNationalId('1989-05-06', 110);
const typed = syntheticNationalId('1970-07-07', 120);

const file = (monaHas = true, frankHas = false): PopulationChildRecord[] => [
  {
    line: 2,
    nationalId: ada,
    givenName: 'Ada',
    familyName: 'Prøve',
    birthDate: '2019-03-04',
    addressProtection: null,
    guardians: [
      {
        line: 2,
        nationalId: mona,
        givenName: 'Mona',
        familyName: 'Prøve',
        parentalResponsibility: monaHas,
        addressProtection: null,
        relation: 'mor',
      },
      {
        line: 3,
        nationalId: frank,
        givenName: 'Frank',
        familyName: 'Prøve',
        parentalResponsibility: frankHas,
        addressProtection: null,
        relation: null,
      },
    ],
  },
];

const existingAda = { id: 'c1', nationalId: ada, givenName: 'Ada', familyName: 'Prøve', birthDate: '2019-03-04', addressProtection: null };
const citizens = [
  { id: 'u-mona', nationalId: mona, displayName: 'Mona Prøve', addressProtection: null },
  { id: 'u-frank', nationalId: frank, displayName: 'Frank Prøve', addressProtection: null },
  { id: 'u-typed', nationalId: typed, displayName: 'Tina Hånd', addressProtection: null },
];
const guardianship = (
  id: string,
  guardianUserId: string,
  has: boolean,
  more: Partial<ExistingGuardianship> = {},
): ExistingGuardianship => ({
  id,
  childId: 'c1',
  guardianUserId,
  hasParentalResponsibility: has,
  source: 'register',
  relation: null,
  verified: true,
  ended: false,
  ...more,
});

describe('planning a population import', () => {
  it('creates everything in an empty municipality', () => {
    const plan = planPopulation(file(), { children: [], citizens: [], guardianships: [] });
    expect(plan.children.create.map((c) => c.givenName)).toEqual(['Ada']);
    expect(plan.guardians.create.map((g) => g.displayName)).toEqual(['Mona Prøve', 'Frank Prøve']);
    expect(plan.guardianships.create.map((s) => [s.guardianName, s.hasParentalResponsibility, s.responsibility])).toEqual([
      ['Mona Prøve', true, 'gained'],
      ['Frank Prøve', false, null],
    ]);
  });

  it('plans nothing when the file says what the municipality already holds', () => {
    const plan = planPopulation(file(), {
      children: [existingAda],
      citizens,
      guardianships: [guardianship('g1', 'u-mona', true, { relation: 'mor' }), guardianship('g2', 'u-frank', false)],
    });
    expect(plan).toEqual({
      children: { create: [], change: [] },
      guardians: { create: [], change: [] },
      guardianships: { create: [], change: [], end: [], unconfirmed: [] },
    });
  });

  it('follows the register on responsibility, confirms a guardian typed by hand, ends one no longer listed and keeps an unconfirmed one', () => {
    const plan = planPopulation(file(false, true), {
      children: [{ ...existingAda, familyName: 'Gammel' }],
      citizens: [
        ...citizens,
        { id: 'u-old', nationalId: syntheticNationalId('1960-06-06', 130), displayName: 'Olav Før', addressProtection: null },
      ],
      guardianships: [
        guardianship('g1', 'u-mona', true, { relation: 'mor' }),
        guardianship('g2', 'u-frank', false, { source: 'manual', verified: false }),
        guardianship('g3', 'u-old', true),
        guardianship('g4', 'u-typed', true, { source: 'manual', verified: false }),
      ],
    });
    expect(plan.children.change.map((c) => c.fields)).toEqual([['familyName']]);
    expect(plan.guardianships.change.map((s) => [s.guardianName, s.fields, s.responsibility])).toEqual([
      ['Mona Prøve', ['hasParentalResponsibility'], 'lost'],
      ['Frank Prøve', ['verified', 'hasParentalResponsibility'], 'gained'],
    ]);
    expect(plan.guardianships.end.map((s) => [s.id, s.responsibility])).toEqual([['g3', 'lost']]);
    expect(plan.guardianships.unconfirmed.map((s) => s.guardianName)).toEqual(['Tina Hånd']);
  });

  it('starts an ended guardianship again when the register lists it again', () => {
    const plan = planPopulation(file(), {
      children: [existingAda],
      citizens,
      guardianships: [guardianship('g1', 'u-mona', true, { relation: 'mor', ended: true }), guardianship('g2', 'u-frank', false)],
    });
    expect(plan.guardianships.change.map((s) => [s.id, s.fields, s.responsibility])).toEqual([['g1', ['restarted'], 'gained']]);
  });
});

describe('planning an enrolment import', () => {
  const units = [
    { id: 'u1', code: '974000001', name: 'Solsiden barnehage' },
    { id: 'u2', code: null, name: 'Bakken skole' },
    { id: 'u3', code: null, name: 'Bakken skole' },
  ];
  const children = [{ id: 'c1', nationalId: ada, name: 'Ada Prøve' }];
  const today = '2026-03-10';

  it('names a unit by code, or by a name only one unit has', () => {
    expect(resolveUnit(units, '974000001')).toEqual({ unit: units[0] });
    expect(resolveUnit(units, 'Solsiden barnehage')).toEqual({ unit: units[0] });
    expect(resolveUnit(units, 'Bakken skole')).toEqual({ error: expect.stringContaining('Several units') });
    expect(resolveUnit(units, 'Ukjent')).toEqual({ error: expect.stringContaining('No unit') });
  });

  it('creates, changes the group, and ends what the file no longer lists in the units it covers', () => {
    const plan = planEnrolments(
      [{ line: 2, childNationalId: ada, unit: '974000001', group: 'Blå', from: '2025-08-15', to: null }],
      {
        units,
        children: [...children, { id: 'c2', nationalId: 'x', name: 'Bo Borte' }, { id: 'c3', nationalId: 'y', name: 'Cy Snart' }],
        enrolments: [
          { id: 'e1', childId: 'c1', unitId: 'u1', groupName: 'Rød', validFrom: '2025-08-15', validTo: null },
          { id: 'e2', childId: 'c2', unitId: 'u1', groupName: 'Rød', validFrom: '2024-08-15', validTo: null },
          { id: 'e3', childId: 'c3', unitId: 'u1', groupName: 'Rød', validFrom: '2026-08-15', validTo: null },
          { id: 'e4', childId: 'c2', unitId: 'u2', groupName: '1A', validFrom: '2024-08-15', validTo: null },
          { id: 'e5', childId: 'c2', unitId: 'u1', groupName: 'Rød', validFrom: '2020-08-15', validTo: '2021-06-20' },
        ],
      },
      today,
    );
    expect(plan.create).toEqual([]);
    expect(plan.change.map((e) => [e.id, e.fields, e.groupName])).toEqual([['e1', ['groupName'], 'Blå']]);
    // Ends yesterday; one that had not begun is removed; other units and finished enrolments are left alone.
    expect(plan.end.map((e) => [e.id, e.validTo, e.removed])).toEqual([
      ['e2', '2026-03-09', false],
      ['e3', '2026-03-09', true],
    ]);
  });

  it('refuses an unknown child, an ambiguous unit and a duplicate line, naming each', () => {
    let errors: unknown;
    try {
      planEnrolments(
        [
          { line: 2, childNationalId: frank, unit: '974000001', group: null, from: '2025-08-15', to: null },
          { line: 3, childNationalId: ada, unit: 'Bakken skole', group: null, from: '2025-08-15', to: null },
          { line: 4, childNationalId: ada, unit: '974000001', group: null, from: '2025-08-15', to: null },
          { line: 5, childNationalId: ada, unit: 'Solsiden barnehage', group: null, from: '2025-08-15', to: null },
        ],
        { units, children, enrolments: [] },
        today,
      );
    } catch (error) {
      errors = (error as RegisterFileError).errors;
    }
    expect(errors).toEqual([
      { line: 2, field: 'child_national_id', message: expect.stringContaining('No such child') },
      { line: 3, field: 'unit', message: expect.stringContaining('Several units') },
      { line: 5, field: 'from', message: expect.stringContaining('duplicate line') },
    ]);
  });
});
