import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { EnrolmentImportResponse, PopulationImportResponse, SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { SessionStore } from '../session/session.store';
import { RegisterImportsApi, registerFileFormatOf, registerLineProblemsOf } from './register-imports.api';

const SESSION: SessionInfo = {
  user: { id: 'user-1', displayName: 'Ada Admin', kind: 'staff', municipalityId: 'm1', familyRole: null },
  roles: [{ role: 'admin', unitId: null, serviceId: null, serviceKind: null }],
  rules: [],
  csrfToken: 'csrf-789',
};

const CSV = 'child_national_id,unit,group,from,to\n14852050013,974000001,Blåbær,2025-08-15,\n';
const JSON_FILE = '{"children":[]}';

const PLAN: PopulationImportResponse = {
  dryRun: true,
  counts: {
    children: { created: 1, changed: 0 },
    guardians: { created: 1, changed: 0 },
    guardianships: { created: 1, changed: 0, ended: 0, unconfirmed: 0 },
    consentsNoLongerWaiting: 0,
  },
  children: { created: [{ line: 2, name: 'Ada Prøvesen' }], changed: [] },
  guardians: { created: [{ line: 2, name: 'Mona Prøvesen' }], changed: [] },
  guardianships: {
    created: [{ line: 2, child: 'Ada Prøvesen', guardian: 'Mona Prøvesen', parentalResponsibility: true }],
    changed: [],
    ended: [],
    unconfirmed: [],
  },
};

const ENROLMENTS: EnrolmentImportResponse = {
  dryRun: false,
  counts: { created: 1, changed: 0, ended: 0 },
  created: [{ line: 2, child: 'Ada Prøvesen', unit: 'Solsiden barnehage', group: 'Blåbær', from: '2025-08-15', to: null }],
  changed: [],
  ended: [],
};

describe('RegisterImportsApi', () => {
  let http: HttpTestingController;
  let api: RegisterImportsApi;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(RegisterImportsApi);
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSION);
    await loaded;
  });

  afterEach(() => http.verify());

  it('sends a CSV population extract as its own text, as text/csv, for a dry run', async () => {
    const answer = firstValueFrom(api.population({ name: 'folkeregister.csv', format: 'csv', text: CSV }, true));
    const request = http.expectOne((r) => r.url === '/api/admin/imports/population');
    expect(request.request.method).toBe('POST');
    expect(request.request.urlWithParams).toBe('/api/admin/imports/population?dryRun=true');
    expect(request.request.headers.get('Content-Type')).toBe('text/csv');
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-789');
    // The file as it is: not JSON-encoded into a string literal.
    expect(request.request.body).toBe(CSV);
    expect(request.request.serializeBody()).toBe(CSV);
    request.flush(PLAN);
    await expect(answer).resolves.toEqual(PLAN);
  });

  it('imports enrolments for real without dryRun, a JSON file as application/json', async () => {
    const answer = firstValueFrom(api.enrolments({ name: 'oppforinger.json', format: 'json', text: JSON_FILE }, false));
    const request = http.expectOne((r) => r.url === '/api/admin/imports/enrolments');
    expect(request.request.urlWithParams).toBe('/api/admin/imports/enrolments');
    expect(request.request.params.has('dryRun')).toBe(false);
    expect(request.request.headers.get('Content-Type')).toBe('application/json');
    expect(request.request.serializeBody()).toBe(JSON_FILE);
    request.flush(ENROLMENTS);
    await expect(answer).resolves.toEqual(ENROLMENTS);
  });

  it('reads the bad lines of a refused file from its 422, and nothing from other errors', async () => {
    const answer = firstValueFrom(api.population({ name: 'f.csv', format: 'csv', text: CSV }, true)).catch((e: unknown) => e);
    http
      .expectOne((r) => r.url === '/api/admin/imports/population')
      .flush(
        {
          status: 422,
          detail: 'The file has invalid lines; nothing was imported',
          errors: [
            { line: 6, field: 'guardian_national_id', messages: ['Not a valid national identity number'] },
            { line: 0, field: 'file', messages: ['The CSV cannot be read'] },
          ],
        },
        { status: 422, statusText: 'Unprocessable Content' },
      );
    const error = await answer;
    expect(registerLineProblemsOf(error)).toEqual([
      { line: 6, field: 'guardian_national_id', messages: ['Not a valid national identity number'] },
      { line: 0, field: 'file', messages: ['The CSV cannot be read'] },
    ]);
    expect(registerLineProblemsOf(new HttpErrorResponse({ status: 400, error: { errors: [{ field: 'x', messages: [] }] } }))).toBeNull();
    expect(registerLineProblemsOf(new HttpErrorResponse({ status: 422, error: null }))).toBeNull();
  });

  it('tells a file’s format by its extension, then its type, and refuses others', () => {
    expect(registerFileFormatOf({ name: 'Folkeregister.CSV', type: 'application/vnd.ms-excel' })).toBe('csv');
    expect(registerFileFormatOf({ name: 'enrolments.json', type: '' })).toBe('json');
    expect(registerFileFormatOf({ name: 'uttrekk', type: 'text/csv' })).toBe('csv');
    expect(
      registerFileFormatOf({ name: 'uttrekk.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    ).toBeNull();
  });
});
