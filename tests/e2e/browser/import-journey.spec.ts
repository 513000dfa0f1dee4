import { syntheticNationalId } from '@stafett/domain';
import { demoEnrolmentsCsv } from '../../../apps/api/src/database/seed/demo-register-files';
import { browserJourney } from './journey';

// Synthetic people only (month + 80, valid check digits); individual numbers apart from the demo's.
const TIRIL = syntheticNationalId('2021-02-03', 700);
const MATS = syntheticNationalId('2022-05-06', 702);
const HEGE = syntheticNationalId('1991-07-08', 300);
const KNUT = syntheticNationalId('1989-10-11', 310);

const POPULATION = [
  'child_national_id;child_given_name;child_family_name;child_birth_date;guardian_national_id;guardian_given_name;guardian_family_name;guardian_relation;guardian_parental_responsibility',
  `${TIRIL};Tiril;Prøvesen;2021-02-03;${HEGE};Hege;Prøvesen;mor;ja`,
  `${MATS};Mats;Prøvesen;2022-05-06;${HEGE};Hege;Prøvesen;mor;ja`,
].join('\n');

/** The demo's enrolments as they are (so the file ends none of them), and the two new children in Sentrum barnehage. */
const ENROLMENTS = `${demoEnrolmentsCsv()}${TIRIL};Sentrum barnehage;Blåklokka;2025-08-15;\n${MATS};Sentrum barnehage;Blåklokka;2025-08-15;\n`;

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') });

/**
 * The administrator brings in a register extract and enrolments through the screen (issue 12): a
 * refused file names its line and writes nothing, the dry run shows the plan, the import does it,
 * the same file again changes nothing; then staff of the unit see the children with their guardians
 * and register one by hand, marked as not confirmed.
 */
describe('browser: register import journey', () => {
  const journey = browserJourney();
  const { pageErrors } = journey;

  it('bad file → dry run → import → again nothing; enrolments; staff see the children and add a guardian by hand', async () => {
    const lise = await journey.signedIn('Lise Aas');
    await lise.getByTestId('nav-imports').click();
    await lise.getByTestId('imports-heading').waitFor();
    const items = (testId: string) => lise.getByTestId(testId).locator('li').allInnerTexts();

    // One bad identity number: the line and column are named, and nothing is planned.
    const broken = POPULATION.replace(`${MATS};Mats`, `${MATS.slice(0, 10)}${(Number(MATS[10]) + 1) % 10};Mats`);
    await lise.getByTestId('import-file').setInputFiles(csv('feil.csv', broken));
    await lise.getByTestId('import-check').click();
    await lise.getByTestId('import-invalid').waitFor();
    const lines = await items('import-invalid-lines');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Linje 3, felt child_national_id: /);
    expect(await lise.getByTestId('import-run').isDisabled()).toBe(true);

    // The dry run's plan, then the import.
    await lise.getByTestId('import-file').setInputFiles(csv('folkeregister.csv', POPULATION));
    await lise.getByTestId('import-check').click();
    await lise.getByTestId('import-answer-heading').getByText('Dette vil importen gjøre').waitFor();
    expect(await items('children-created')).toEqual(['Linje 2: Tiril Prøvesen', 'Linje 3: Mats Prøvesen']);
    expect(await items('guardians-created')).toEqual(['Linje 2: Hege Prøvesen']);
    expect(await lise.getByTestId('count-guardianships').locator('td').allInnerTexts()).toEqual(['2', '0', '0', '0']);
    await lise.getByTestId('import-run').click();
    await lise.getByTestId('import-answer-heading').getByText('Importen er gjennomført').waitFor();
    expect(await items('children-created')).toEqual(['Linje 2: Tiril Prøvesen', 'Linje 3: Mats Prøvesen']);

    // The same file again changes nothing.
    await lise.getByTestId('import-check').click();
    await lise.getByTestId('import-nothing').waitFor();
    expect(await lise.getByTestId('count-children').locator('td').allInnerTexts()).toEqual(['0', '0', '–', '–']);

    // Enrolments: another register, another file.
    await lise.getByTestId('import-kind-enrolments').check();
    await lise.getByTestId('import-file').setInputFiles(csv('oppforinger.csv', ENROLMENTS));
    await lise.getByTestId('import-check').click();
    await lise.getByTestId('enrolments-created').waitFor();
    const enrolled = await items('enrolments-created');
    expect(enrolled).toHaveLength(2);
    expect(enrolled[0]).toMatch(/^Linje \d+: Tiril Prøvesen, Sentrum barnehage, Blåklokka, fra 15\. august 2025$/);
    expect(await lise.getByTestId('count-enrolments').locator('td').allInnerTexts()).toEqual(['2', '0', '0']);
    await lise.getByTestId('import-run').click();
    await lise.getByTestId('import-answer-heading').getByText('Importen er gjennomført').waitFor();

    // Staff of the unit see the imported children and their guardian, confirmed by the register.
    const kari = await journey.signedIn('Kari Larsen');
    await kari.getByTestId('nav-children').click();
    const mats = kari.getByRole('row', { name: /Mats Prøvesen/ });
    await mats.waitFor();
    const guardians = mats.locator('[data-testid^="child-guardians-"]');
    expect(await guardians.locator('li').allInnerTexts()).toEqual(['Hege Prøvesen (mor, foreldreansvar)']);

    // A guardian the register lacks, by hand: shown as not confirmed.
    await mats.getByRole('button', { name: 'Legg til foresatt' }).click();
    const form = kari.getByTestId('add-guardian-form');
    await form.getByTestId('guardian-national-id').fill('123');
    await form.getByTestId('add-guardian-submit').click();
    await form.getByTestId('guardian-national-id-error').waitFor();
    await form.getByTestId('guardian-national-id').fill(KNUT);
    await form.getByTestId('guardian-given-name').fill('Knut');
    await form.getByTestId('guardian-family-name').fill('Hånd');
    await form.getByTestId('guardian-relation').selectOption('far');
    await form.getByTestId('guardian-responsibility').check();
    await form.getByTestId('add-guardian-submit').click();
    await mats.locator('[data-testid^="guardian-added-"]').waitFor();
    expect(await guardians.locator('li').allInnerTexts()).toEqual([
      'Hege Prøvesen (mor, foreldreansvar)',
      expect.stringMatching(/^Knut Hånd \(far, foreldreansvar\)\s*Ikke bekreftet$/),
    ]);
    expect(pageErrors).toEqual([]);
  }, 180000);
});
