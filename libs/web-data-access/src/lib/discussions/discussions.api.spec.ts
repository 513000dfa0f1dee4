import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { fieldErrorsOf } from '../http/problem';
import { instantDaysFromNow } from '../../testing/dates';
import { SessionStore } from '../session/session.store';
import { DiscussionsApi } from './discussions.api';
import type { CreateDiscussionRequest, DiscussionResponse } from './discussions.api';

const DISCUSSION: DiscussionResponse = {
  id: 'd1',
  topic: 'Trekker seg unna i lek',
  authorDisplayName: 'Kari Larsen',
  authorUnitName: 'Sentrum barnehage',
  isAuthor: true,
  ageBand: '3-5',
  categories: ['wellbeing'],
  identifiabilityWarning: true,
  status: 'open',
  adviceCount: 0,
  createdAt: instantDaysFromNow(-2, 10),
  description: 'Et barn i avdelingen trekker seg unna lek.',
  invitedUnits: [{ id: 'u-health', name: 'Fjordvik helsestasjon' }],
  advice: [],
  linkedConcernId: null,
  estimatedMatchingChildren: 1,
  version: 2,
};

const SESSION: SessionInfo = {
  user: { id: 'user-1', displayName: 'Kari Larsen', kind: 'staff', municipalityId: 'm1', familyRole: null },
  roles: [],
  rules: [],
  csrfToken: 'csrf-123',
};

describe('DiscussionsApi', () => {
  let http: HttpTestingController;
  let api: DiscussionsApi;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(DiscussionsApi);
  });

  afterEach(() => http.verify());

  async function signIn(): Promise<void> {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSION);
    await loaded;
  }

  it('lists /api/anonymous-discussions a page at a time, following the next link as given', async () => {
    const first = firstValueFrom(api.page());
    const next = '/api/anonymous-discussions?cursor=abc';
    http
      .expectOne({ method: 'GET', url: '/api/anonymous-discussions' })
      .flush([DISCUSSION], { headers: { Link: `<${next}>; rel="next"` } });
    await expect(first).resolves.toEqual({ items: [DISCUSSION], next });
    const last = firstValueFrom(api.page(next));
    http.expectOne({ method: 'GET', url: next }).flush([]);
    await expect(last).resolves.toEqual({ items: [], next: null });
  });

  it('reads one discussion, its id escaped', async () => {
    const result = firstValueFrom(api.get('d/1'));
    http.expectOne({ method: 'GET', url: '/api/anonymous-discussions/d%2F1' }).flush(DISCUSSION);
    await expect(result).resolves.toEqual(DISCUSSION);
  });

  it('starts a discussion with the CSRF token of the session', async () => {
    await signIn();
    const request: CreateDiscussionRequest = {
      authorUnitId: 'u-kg',
      topic: 'Trekker seg unna i lek',
      description: 'Et barn i avdelingen trekker seg unna lek.',
      ageBand: '3-5',
      categories: ['wellbeing'],
      namesGroup: false,
      namesDiagnosis: false,
      invitedUnitIds: ['u-health'],
      linkedConcernId: 'c1',
    };
    const result = firstValueFrom(api.create(request));
    const sent = http.expectOne({ method: 'POST', url: '/api/anonymous-discussions' });
    expect(sent.request.body).toEqual(request);
    expect(sent.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    sent.flush(DISCUSSION, { status: 201, statusText: 'Created' });
    await expect(result).resolves.toMatchObject({ id: 'd1', estimatedMatchingChildren: 1 });
  });

  it('adds advice with an Idempotency-Key, and closes with If-Match of the version read, each a POST with the token', async () => {
    await signIn();
    const advised = firstValueFrom(api.addAdvice('d1', 'Snakk med helsesykepleier.'));
    const advice = http.expectOne({ method: 'POST', url: '/api/anonymous-discussions/d1/advice' });
    expect(advice.request.body).toEqual({ text: 'Snakk med helsesykepleier.' });
    expect(advice.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    expect(advice.request.headers.get('Idempotency-Key')).toBeTruthy();
    advice.flush({ ...DISCUSSION, adviceCount: 1 }, { status: 201, statusText: 'Created' });
    await expect(advised).resolves.toMatchObject({ adviceCount: 1 });

    const closed = firstValueFrom(api.close(DISCUSSION));
    const close = http.expectOne({ method: 'POST', url: '/api/anonymous-discussions/d1/close' });
    expect(close.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    expect(close.request.headers.get('If-Match')).toBe('"2"');
    close.flush({ ...DISCUSSION, status: 'closed' });
    await expect(closed).resolves.toMatchObject({ status: 'closed' });
  });

  it("passes the server's field errors on, for the form to show at its fields", async () => {
    const result = firstValueFrom(api.addAdvice('d1', 'Født 14.03.2021'));
    http.expectOne('/api/anonymous-discussions/d1/advice').flush(
      {
        status: 400,
        title: 'Bad Request',
        errors: [{ field: 'text', messages: ['text looks like a date; describe age as an age band instead'] }],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } },
    );
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(fieldErrorsOf(error)).toEqual({ text: ['text looks like a date; describe age as an age band instead'] });
  });
});
