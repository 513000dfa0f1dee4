import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { EnrolmentImportResponse, PopulationImportResponse } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { byTestId, click, textOf } from '../../testing/concerns';
import { SESSIONS } from '../../testing/sessions';
import { AdminImportsPage } from './admin-imports.page';

const CSV =
  'child_national_id;child_given_name;child_family_name;child_birth_date;guardian_national_id;guardian_given_name;guardian_family_name;guardian_parental_responsibility\n';

const PLAN: PopulationImportResponse = {
  dryRun: true,
  counts: {
    children: { created: 1, changed: 1 },
    guardians: { created: 1, changed: 0 },
    guardianships: { created: 1, changed: 1, ended: 1, unconfirmed: 1 },
    consentsNoLongerWaiting: 1,
  },
  children: {
    created: [{ line: 2, name: 'Ada Prøvesen' }],
    changed: [{ line: 4, name: 'Bo Prøvesen', fields: ['familyName', 'addressProtection'] }],
  },
  guardians: { created: [{ line: 2, name: 'Mona Prøvesen' }], changed: [] },
  guardianships: {
    created: [{ line: 2, child: 'Ada Prøvesen', guardian: 'Mona Prøvesen', parentalResponsibility: true }],
    changed: [
      {
        line: 5,
        child: 'Bo Prøvesen',
        guardian: 'Frank Prøvesen',
        parentalResponsibility: true,
        fields: ['verified', 'hasParentalResponsibility'],
      },
    ],
    ended: [{ line: null, child: 'Bo Prøvesen', guardian: 'Olav Før', parentalResponsibility: true }],
    unconfirmed: [{ line: null, child: 'Bo Prøvesen', guardian: 'Tina Hånd', parentalResponsibility: false }],
  },
};

const EMPTY_POPULATION: PopulationImportResponse = {
  ...PLAN,
  counts: {
    children: { created: 0, changed: 0 },
    guardians: { created: 0, changed: 0 },
    guardianships: { created: 0, changed: 0, ended: 0, unconfirmed: 0 },
    consentsNoLongerWaiting: 0,
  },
  children: { created: [], changed: [] },
  guardians: { created: [], changed: [] },
  guardianships: { created: [], changed: [], ended: [], unconfirmed: [] },
};

const ENROLMENTS: EnrolmentImportResponse = {
  dryRun: false,
  counts: { created: 1, changed: 0, ended: 1 },
  created: [{ line: 1, child: 'Ada Prøvesen', unit: 'Solsiden barnehage', group: 'Blåbær', from: '2025-08-15', to: null }],
  changed: [],
  ended: [{ line: null, child: 'Cy Snart', unit: 'Solsiden barnehage', group: 'Rød', from: '2026-08-15', to: '2026-03-09', removed: true }],
};

const items = (el: HTMLElement, testId: string) =>
  Array.from(byTestId(el, testId)?.querySelectorAll('li') ?? []).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
const cells = (el: HTMLElement, testId: string) =>
  Array.from(byTestId(el, testId)?.querySelectorAll('th, td') ?? []).map((c) => c.textContent?.trim());
const button = (el: HTMLElement, testId: string) => byTestId(el, testId) as HTMLButtonElement;

describe('AdminImportsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.admin);
    await loaded;
    const fixture = TestBed.createComponent(AdminImportsPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    /** Chooses a file the way the file picker does; the page reads it before it is stable again. */
    const choose = async (name: string, text: string, type = '') => {
      const input = byTestId(el, 'import-file') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [new File([text], name, { type })], configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    return { fixture, el, choose };
  }

  it('checks a CSV extract with a dry run and shows the plan: the counts, then each record by line and name', async () => {
    const { fixture, el, choose } = await render();
    expect(textOf(el, 'imports-heading')).toBe('Import fra registre');
    expect(button(el, 'import-run').disabled).toBe(true);
    await choose('folkeregister.csv', CSV, 'application/vnd.ms-excel');
    click(el, 'import-check');
    const request = http.expectOne((r) => r.url === '/api/admin/imports/population');
    expect(request.request.urlWithParams).toBe('/api/admin/imports/population?dryRun=true');
    expect(request.request.headers.get('Content-Type')).toBe('text/csv');
    expect(request.request.body).toBe(CSV);
    fixture.detectChanges();
    expect(textOf(el, 'import-check')).toBe('Kontrollerer …');
    expect(button(el, 'import-check').disabled).toBe(true);
    request.flush(PLAN);
    await fixture.whenStable();

    expect(textOf(el, 'import-answer-heading')).toBe('Dette vil importen gjøre');
    expect(textOf(el, 'import-answer-intro')).toBe('Ingenting er lagret ennå. Trykk «Importer» for å gjennomføre.');
    expect(cells(el, 'count-children')).toEqual(['Barn', '1', '1', '–', '–']);
    expect(cells(el, 'count-guardianships')).toEqual(['Foresatt for barn', '1', '1', '1', '1']);
    expect(textOf(el, 'count-consents')).toBe('Samtykker som ikke lenger venter på en foresatt som mistet foreldreansvaret: 1');
    expect(textOf(el, 'children-created')?.startsWith('Nye barn (1)')).toBe(true);
    expect(items(el, 'children-created')).toEqual(['Linje 2: Ada Prøvesen']);
    expect(items(el, 'children-changed')).toEqual(['Linje 4: Bo Prøvesen (endret: etternavn, adressesperre)']);
    expect(items(el, 'guardians-created')).toEqual(['Linje 2: Mona Prøvesen']);
    expect(byTestId(el, 'guardians-changed')).toBeNull();
    expect(items(el, 'guardianships-created')).toEqual(['Linje 2: Mona Prøvesen, foresatt for Ada Prøvesen, med foreldreansvar']);
    expect(items(el, 'guardianships-changed')).toEqual([
      'Linje 5: Frank Prøvesen, foresatt for Bo Prøvesen, med foreldreansvar (endret: bekreftet av registeret, foreldreansvar)',
    ]);
    expect(items(el, 'guardianships-ended')).toEqual(['Ikke i filen: Olav Før, foresatt for Bo Prøvesen, med foreldreansvar']);
    expect(items(el, 'guardianships-unconfirmed')).toEqual(['Ikke i filen: Tina Hånd, foresatt for Bo Prøvesen, uten foreldreansvar']);
    expect(button(el, 'import-run').disabled).toBe(false);
  });

  it('imports the checked file for real and shows the result; another run waits for another check', async () => {
    const { fixture, el, choose } = await render();
    await choose('folkeregister.csv', CSV);
    click(el, 'import-check');
    http.expectOne((r) => r.url === '/api/admin/imports/population').flush(PLAN);
    await fixture.whenStable();

    click(el, 'import-run');
    const request = http.expectOne((r) => r.url === '/api/admin/imports/population');
    expect(request.request.urlWithParams).toBe('/api/admin/imports/population');
    expect(request.request.body).toBe(CSV);
    request.flush({ ...PLAN, dryRun: false });
    await fixture.whenStable();
    expect(textOf(el, 'import-answer-heading')).toBe('Importen er gjennomført');
    expect(textOf(el, 'import-answer-intro')).toBe('Endringene under er lagret.');
    expect(items(el, 'children-created')).toEqual(['Linje 2: Ada Prøvesen']);
    expect(button(el, 'import-run').disabled).toBe(true);
  });

  it('sends enrolments as JSON and lists them with unit, group and dates; a check of the same file again says it changes nothing', async () => {
    const { fixture, el, choose } = await render();
    click(el, 'import-kind-enrolments');
    await choose('oppforinger.json', '{"enrolments":[]}');
    click(el, 'import-check');
    const check = http.expectOne((r) => r.url === '/api/admin/imports/enrolments');
    expect(check.request.headers.get('Content-Type')).toBe('application/json');
    check.flush({ ...ENROLMENTS, dryRun: true });
    await fixture.whenStable();
    click(el, 'import-run');
    http.expectOne('/api/admin/imports/enrolments').flush(ENROLMENTS);
    await fixture.whenStable();
    expect(cells(el, 'count-enrolments')).toEqual(['Oppføringer i enheter', '1', '0', '1']);
    expect(items(el, 'enrolments-created')).toEqual(['Linje 1: Ada Prøvesen, Solsiden barnehage, Blåbær, fra 15. august 2025']);
    expect(items(el, 'enrolments-ended')).toEqual([
      'Ikke i filen: Cy Snart, Solsiden barnehage, Rød, fra 15. august 2026 til 9. mars 2026 (fjernes, hadde ikke begynt)',
    ]);
    expect(byTestId(el, 'import-nothing')).toBeNull();

    click(el, 'import-kind-population');
    await fixture.whenStable();
    expect(byTestId(el, 'import-answer')).toBeNull();
    await choose('folkeregister.csv', CSV);
    click(el, 'import-check');
    http.expectOne((r) => r.url === '/api/admin/imports/population').flush(EMPTY_POPULATION);
    await fixture.whenStable();
    expect(textOf(el, 'import-nothing')).toBe('Filen gir ingen endringer: kommunen har allerede det filen sier.');
    expect(cells(el, 'count-children')).toEqual(['Barn', '0', '0', '–', '–']);
  });

  it('lists each bad line and field of a refused file (422) and shows no plan', async () => {
    const { fixture, el, choose } = await render();
    await choose('folkeregister.csv', CSV);
    click(el, 'import-check');
    http
      .expectOne((r) => r.url === '/api/admin/imports/population')
      .flush(
        {
          type: 'https://stafett.no/problems/unprocessable',
          status: 422,
          detail: 'The file has invalid lines; nothing was imported',
          errors: [
            { line: 6, field: 'guardian_national_id', messages: ['guardian_national_id must be a valid national identity number'] },
            { line: 9, field: 'child_birth_date', messages: ['child_birth_date must be YYYY-MM-DD'] },
          ],
        },
        { status: 422, statusText: 'Unprocessable Content', headers: { 'Content-Type': 'application/problem+json' } },
      );
    await fixture.whenStable();
    expect(byTestId(el, 'import-invalid')?.getAttribute('role')).toBe('alert');
    expect(byTestId(el, 'import-invalid')?.textContent).toContain('Filen har feil. Ingenting ble importert.');
    expect(items(el, 'import-invalid-lines')).toEqual([
      'Linje 6, felt guardian_national_id: guardian_national_id must be a valid national identity number',
      'Linje 9, felt child_birth_date: child_birth_date must be YYYY-MM-DD',
    ]);
    expect(byTestId(el, 'import-answer')).toBeNull();
    expect(button(el, 'import-run').disabled).toBe(true);
  });

  it('says plainly when the server fails, and refuses a missing file or another format without sending anything', async () => {
    const { fixture, el, choose } = await render();
    click(el, 'import-check');
    await fixture.whenStable();
    expect(textOf(el, 'import-file-error')).toBe('Velg en fil.');

    await choose('uttrekk.xlsx', 'PK…');
    expect(textOf(el, 'import-file-error')).toBe('Velg en CSV- eller JSON-fil (.csv eller .json).');
    expect(byTestId(el, 'import-file')?.getAttribute('aria-invalid')).toBe('true');
    click(el, 'import-check');
    await fixture.whenStable();

    await choose('folkeregister.csv', CSV);
    expect(byTestId(el, 'import-file-error')).toBeNull();
    click(el, 'import-check');
    http.expectOne((r) => r.url === '/api/admin/imports/population').flush('boom', { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(textOf(el, 'import-failed')).toBe('Importen kunne ikke gjennomføres. Ingenting ble lagret. Prøv igjen.');
    expect(byTestId(el, 'import-invalid')).toBeNull();
  });
});
