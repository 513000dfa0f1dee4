import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { fieldErrorsOf } from '../http/problem';
import { daysFromToday } from '../../testing/dates';
import { SessionStore } from '../session/session.store';
import { TasksApi } from '../tasks/tasks.api';
import { ConcernsApi } from './concerns.api';
import type { ConcernResponse, CreateConcernRequest } from './concerns.api';

const CONCERN: ConcernResponse = {
  id: 'c1',
  unitId: 'u1',
  unitName: 'Fjordvik skole',
  child: { id: 'ch1', givenName: 'Ola', familyName: 'Nordmann', birthDate: '2016-03-04' },
  authorDisplayName: 'Kari Lærer',
  isAuthor: true,
  aroseOn: daysFromToday(-10),
  observedBy: 'kontaktlærer',
  description: 'Trekker seg unna i friminuttene.',
  childWords: null,
  categories: ['wellbeing'],
  talkedWithChildOn: null,
  talkedWithGuardiansOn: null,
  guardiansNotTalkedReason: null,
  sharedWithColleagueOn: null,
  sharedWithUnit: false,
  decisionDueOn: daysFromToday(-10 + 14),
  overdue: false,
  status: 'open',
  decision: null,
  decisionReason: null,
  requestedCaseLevel: null,
  caseId: null,
  version: 3,
};

const SESSION: SessionInfo = {
  user: { id: 'user-1', displayName: 'Kari Lærer', kind: 'staff', municipalityId: 'm1', familyRole: null },
  roles: [],
  rules: [],
  csrfToken: 'csrf-123',
};

describe('ConcernsApi', () => {
  let http: HttpTestingController;
  let api: ConcernsApi;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(ConcernsApi);
  });

  afterEach(() => http.verify());

  async function signIn(): Promise<void> {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSION);
    await loaded;
  }

  it('lists /api/concerns a page at a time, following the next link as given', async () => {
    const first = firstValueFrom(api.page());
    const next = '/api/concerns?cursor=abc';
    http.expectOne({ method: 'GET', url: '/api/concerns' }).flush([CONCERN], { headers: { Link: `<${next}>; rel="next"` } });
    await expect(first).resolves.toEqual({ items: [CONCERN], next });
    const last = firstValueFrom(api.page(next));
    http.expectOne({ method: 'GET', url: next }).flush([]);
    await expect(last).resolves.toEqual({ items: [], next: null });
  });

  it('reads every concern for a choice, 200 at a time, until the last page', async () => {
    const result = firstValueFrom(api.all());
    const second = '/api/concerns?limit=200&cursor=p2';
    http.expectOne({ method: 'GET', url: '/api/concerns?limit=200' }).flush([CONCERN], { headers: { Link: `<${second}>; rel="next"` } });
    http.expectOne({ method: 'GET', url: second }).flush([{ ...CONCERN, id: 'concern-2' }]);
    await expect(result).resolves.toEqual([CONCERN, { ...CONCERN, id: 'concern-2' }]);
  });

  it('reads one concern with the version from its ETag', async () => {
    const result = firstValueFrom(api.get('c1'));
    http.expectOne({ method: 'GET', url: '/api/concerns/c1' }).flush(CONCERN, { headers: { ETag: '"3"' } });
    await expect(result).resolves.toEqual({ concern: CONCERN, etag: '"3"' });
  });

  it('falls back to the version in the body when no ETag is exposed', async () => {
    const result = firstValueFrom(api.get('c1'));
    http.expectOne('/api/concerns/c1').flush(CONCERN);
    await expect(result).resolves.toMatchObject({ etag: '"3"' });
  });

  it('creates a concern with the CSRF token and reads the new ETag', async () => {
    await signIn();
    const request: CreateConcernRequest = {
      unitId: 'u1',
      childId: 'ch1',
      aroseOn: daysFromToday(-10),
      observedBy: 'kontaktlærer',
      description: 'Trekker seg unna.',
      categories: ['wellbeing'],
    };
    const result = firstValueFrom(api.create(request));
    const req = http.expectOne({ method: 'POST', url: '/api/concerns' });
    expect(req.request.body).toEqual(request);
    expect(req.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    expect(req.request.headers.has('If-Match')).toBe(false);
    req.flush({ ...CONCERN, version: 1 }, { status: 201, statusText: 'Created', headers: { ETag: '"1"' } });
    await expect(result).resolves.toMatchObject({ etag: '"1"', concern: { version: 1 } });
  });

  it('updates the steps with If-Match and returns the next version', async () => {
    await signIn();
    const result = firstValueFrom(
      api.updateSteps('c1', { talkedWithGuardiansOn: daysFromToday(-7), guardiansNotTalkedReason: null }, '"3"'),
    );
    const req = http.expectOne({ method: 'PATCH', url: '/api/concerns/c1/steps' });
    expect(req.request.headers.get('If-Match')).toBe('"3"');
    expect(req.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    expect(req.request.body).toEqual({ talkedWithGuardiansOn: daysFromToday(-7), guardiansNotTalkedReason: null });
    req.flush({ ...CONCERN, talkedWithGuardiansOn: daysFromToday(-7), version: 4 }, { headers: { ETag: '"4"' } });
    await expect(result).resolves.toMatchObject({ etag: '"4"', concern: { talkedWithGuardiansOn: daysFromToday(-7) } });
  });

  it('decides with If-Match', async () => {
    const result = firstValueFrom(api.decide('c1', { decision: 'close', reason: 'Ikke behov' }, '"3"'));
    const req = http.expectOne({ method: 'POST', url: '/api/concerns/c1/decision' });
    expect(req.request.headers.get('If-Match')).toBe('"3"');
    expect(req.request.body).toEqual({ decision: 'close', reason: 'Ikke behov' });
    req.flush({ ...CONCERN, status: 'decided', decision: 'close', version: 4 }, { headers: { ETag: '"4"' } });
    await expect(result).resolves.toMatchObject({ etag: '"4"', concern: { status: 'decided' } });
  });

  it('passes a 412 on to the caller', async () => {
    const result = firstValueFrom(api.decide('c1', { decision: 'own_service' }, '"2"'));
    http
      .expectOne('/api/concerns/c1/decision')
      .flush(
        { type: 'https://stafett.no/problems/412', title: 'Precondition Failed', status: 412 },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await expect(result).rejects.toMatchObject({ status: 412 });
  });
});

describe('TasksApi', () => {
  it('reads /api/tasks', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const result = firstValueFrom(TestBed.inject(TasksApi).mine());
    http.expectOne({ method: 'GET', url: '/api/tasks' }).flush({ concernsAwaitingDecision: [CONCERN] });
    await expect(result).resolves.toEqual({ concernsAwaitingDecision: [CONCERN] });
    http.verify();
  });
});

describe('fieldErrorsOf', () => {
  const problem = (status: number, body: unknown) => new HttpErrorResponse({ status, error: body });

  it('collects the messages of a validation problem by field', () => {
    const error = problem(400, {
      status: 400,
      errors: [
        { field: 'newChild.nationalId', messages: ['nationalId must be a valid national identity number'] },
        { field: 'unitId', messages: ['unitId must be a UUID'] },
        { field: 'unitId', messages: ['unitId must be a unit you work in'] },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      'newChild.nationalId': ['nationalId must be a valid national identity number'],
      unitId: ['unitId must be a UUID', 'unitId must be a unit you work in'],
    });
  });

  it('is null for other errors', () => {
    expect(fieldErrorsOf(problem(400, { status: 400, detail: 'Bad JSON' }))).toBeNull();
    expect(fieldErrorsOf(problem(412, { status: 412 }))).toBeNull();
    expect(fieldErrorsOf(new Error('boom'))).toBeNull();
  });
});
