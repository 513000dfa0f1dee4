import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { fieldErrorsOf } from '../http/problem';
import { daysFromToday } from '../../testing/dates';
import { SessionStore } from '../session/session.store';
import { ReportsApi } from './reports.api';
import type { ReportResponse } from './reports.api';

const REPORT: ReportResponse = {
  id: 'r1',
  child: { id: 'ch1', givenName: 'Emma', familyName: 'Nordmann', birthDate: '2021-04-12' },
  reporterDisplayName: 'Kari Larsen',
  reporterUnitName: 'Sentrum barnehage',
  concernId: null,
  content: 'Emma har fortalt om vold hjemme.',
  urgent: true,
  submittedOn: daysFromToday(-2),
  reviewDueOn: daysFromToday(-2 + 7),
  receiptDueOn: daysFromToday(-2 + 21),
  reviewedAt: null,
  receiptConfirmedAt: null,
  reviewOverdue: false,
  receiptOverdue: false,
  version: 1,
};

const SESSION: SessionInfo = {
  user: { id: 'user-1', displayName: 'Jon Vik', kind: 'staff', municipalityId: 'm1', familyRole: null },
  roles: [],
  rules: [],
  csrfToken: 'csrf-456',
};

describe('ReportsApi', () => {
  let http: HttpTestingController;
  let api: ReportsApi;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(ReportsApi);
  });

  afterEach(() => http.verify());

  async function signIn(): Promise<void> {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSION);
    await loaded;
  }

  it('lists /api/child-welfare-reports a page at a time, following the next link as given', async () => {
    const first = firstValueFrom(api.page());
    const next = '/api/child-welfare-reports?cursor=abc';
    http.expectOne({ method: 'GET', url: '/api/child-welfare-reports' }).flush([REPORT], { headers: { Link: `<${next}>; rel="next"` } });
    await expect(first).resolves.toEqual({ items: [REPORT], next });
    const last = firstValueFrom(api.page(next));
    http.expectOne({ method: 'GET', url: next }).flush([]);
    await expect(last).resolves.toEqual({ items: [], next: null });
  });

  it('reads one report', async () => {
    const result = firstValueFrom(api.get('r1'));
    http.expectOne({ method: 'GET', url: '/api/child-welfare-reports/r1' }).flush(REPORT);
    await expect(result).resolves.toEqual(REPORT);
  });

  it('files a report with the CSRF token of the session', async () => {
    await signIn();
    const result = firstValueFrom(
      api.file({ reporterUnitId: 'u-kg', concernId: 'c1', content: 'Emma har fortalt om vold hjemme.', urgent: true }),
    );
    const sent = http.expectOne({ method: 'POST', url: '/api/child-welfare-reports' });
    expect(sent.request.body).toEqual({
      reporterUnitId: 'u-kg',
      concernId: 'c1',
      content: 'Emma har fortalt om vold hjemme.',
      urgent: true,
    });
    expect(sent.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-456');
    expect(sent.request.headers.get('Idempotency-Key')).toBeTruthy();
    sent.flush(REPORT, { status: 201, statusText: 'Created' });
    await expect(result).resolves.toEqual(REPORT);
  });

  it('marks a report reviewed and confirms receipt, each with If-Match of the version read', async () => {
    await signIn();
    const reviewed = firstValueFrom(api.markReviewed(REPORT));
    const review = http.expectOne({ method: 'POST', url: '/api/child-welfare-reports/r1/review' });
    expect(review.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-456');
    expect(review.request.headers.get('If-Match')).toBe('"1"');
    const reviewedAt = new Date().toISOString();
    review.flush({ ...REPORT, reviewedAt, version: 2 });
    await expect(reviewed).resolves.toMatchObject({ reviewedAt });

    const confirmed = firstValueFrom(api.confirmReceipt({ ...REPORT, version: 2 }));
    const receiptConfirmedAt = new Date().toISOString();
    const receipt = http.expectOne({ method: 'POST', url: '/api/child-welfare-reports/r1/receipt' });
    expect(receipt.request.headers.get('If-Match')).toBe('"2"');
    receipt.flush({ ...REPORT, receiptConfirmedAt });
    await expect(confirmed).resolves.toMatchObject({ receiptConfirmedAt });
  });

  it("passes the server's field errors on", async () => {
    const result = firstValueFrom(api.file({ reporterUnitId: 'u-x', childId: 'ch1', content: 'kort' }));
    http
      .expectOne('/api/child-welfare-reports')
      .flush(
        { status: 400, errors: [{ field: 'reporterUnitId', messages: ['reporterUnitId must be a unit you work in'] }] },
        { status: 400, statusText: 'Bad Request' },
      );
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(fieldErrorsOf(error)).toEqual({ reporterUnitId: ['reporterUnitId must be a unit you work in'] });
  });
});
