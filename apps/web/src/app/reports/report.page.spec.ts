import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import type { ReportResponse } from '@stafett/web-data-access';
import { byTestId, click, textOf } from '../../testing/concerns';
import { LEVEL0_SESSIONS, reportResponse } from '../../testing/level0';
import { ReportPage } from './report.page';

describe('ReportPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(session: SessionInfo, report: ReportResponse) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(ReportPage);
    fixture.componentRef.setInput('id', report.id);
    await fixture.whenStable();
    http.expectOne(`/api/child-welfare-reports/${report.id}`).flush(report);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the reporter the report and its deadlines, without the handling buttons', async () => {
    const { el } = await render(LEVEL0_SESSIONS.kari, reportResponse({ urgent: true, reviewOverdue: true }));
    expect(textOf(el, 'report-heading')).toBe('Melding til barnevernet: Emma Nordmann');
    expect(textOf(el, 'report-content-text')).toBe('Emma har fortalt om vold hjemme.');
    expect(byTestId(el, 'report-status')?.getAttribute('data-status')).toBe('received');
    expect(textOf(el, 'urgent-badge')).toBe('Haster');
    expect(textOf(el, 'review-overdue-badge')).toBe('Gjennomgang over fristen');
    expect(textOf(el, 'report-reviewed-at')).toBe('Ikke ennå');
    expect(byTestId(el, 'mark-reviewed')).toBeNull();
    expect(byTestId(el, 'confirm-receipt')).toBeNull();
  });

  it('lets child welfare mark it reviewed, then confirm receipt', async () => {
    const report = reportResponse();
    const { fixture, el } = await render(LEVEL0_SESSIONS.jon, report);
    click(el, 'mark-reviewed');
    const review = http.expectOne({ method: 'POST', url: '/api/child-welfare-reports/report-1/review' });
    expect(review.request.headers.get('X-XSRF-TOKEN')).toBe(LEVEL0_SESSIONS.jon.csrfToken);
    expect(review.request.headers.get('If-Match')).toBe('"1"');
    const reviewedAt = new Date().toISOString();
    review.flush({ ...report, reviewedAt, version: 2 });
    await fixture.whenStable();
    expect(byTestId(el, 'report-status')?.getAttribute('data-status')).toBe('reviewed');
    expect(textOf(el, 'report-notice')).toBe('Meldingen er merket som gjennomgått.');
    expect(byTestId(el, 'mark-reviewed')).toBeNull();

    click(el, 'confirm-receipt');
    const receipt = http.expectOne({ method: 'POST', url: '/api/child-welfare-reports/report-1/receipt' });
    // The version the first answer gave, not the one first read.
    expect(receipt.request.headers.get('If-Match')).toBe('"2"');
    receipt.flush({ ...report, reviewedAt, receiptConfirmedAt: new Date().toISOString(), version: 3 });
    await fixture.whenStable();
    expect(byTestId(el, 'report-status')?.getAttribute('data-status')).toBe('receipt_confirmed');
    expect(byTestId(el, 'confirm-receipt')).toBeNull();
  });

  it('says so and reloads when someone else changed it since it was read (412)', async () => {
    const report = reportResponse();
    const { fixture, el } = await render(LEVEL0_SESSIONS.jon, report);
    click(el, 'mark-reviewed');
    http.expectOne('/api/child-welfare-reports/report-1/review').flush({ status: 412 }, { status: 412, statusText: 'Precondition Failed' });
    http.expectOne('/api/child-welfare-reports/report-1').flush({ ...report, version: 2 });
    await fixture.whenStable();
    expect(textOf(el, 'report-notice')).toBe(
      'Noen andre har endret meldingen mens du så på den. Den nyeste versjonen er hentet – se over og prøv igjen.',
    );
  });

  it('says so and reloads when someone else marked it first', async () => {
    const report = reportResponse();
    const { fixture, el } = await render(LEVEL0_SESSIONS.jon, report);
    click(el, 'mark-reviewed');
    http.expectOne('/api/child-welfare-reports/report-1/review').flush({ status: 409 }, { status: 409, statusText: 'Conflict' });
    http.expectOne('/api/child-welfare-reports/report-1').flush({ ...report, reviewedAt: new Date().toISOString() });
    await fixture.whenStable();
    expect(textOf(el, 'report-notice')).toBe('Meldingen var allerede merket. Den nyeste versjonen er hentet.');
    expect(byTestId(el, 'mark-reviewed')).toBeNull();
  });
});
