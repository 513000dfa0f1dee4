import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import type { ReportResponse } from '@stafett/web-data-access';
import { byTestId, textOf } from '../../testing/concerns';
import { instantDaysFromNow } from '../../testing/dates';
import { LEVEL0_SESSIONS, reportResponse } from '../../testing/level0';
import { nextPageAt, pagingStatus, showMoreButton } from '../../testing/paging';
import { ReportsPage } from './reports.page';

const REPORTS: ReportResponse[] = [
  reportResponse({ id: 'r-urgent', urgent: true, reviewOverdue: true }),
  reportResponse({ id: 'r-done', reviewedAt: instantDaysFromNow(-1, 10), receiptOverdue: true }),
];

describe('ReportsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(session: SessionInfo, reports: ReportResponse[] = REPORTS) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(ReportsPage);
    await fixture.whenStable();
    http.expectOne('/api/child-welfare-reports').flush(reports);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows a reporter their reports with due dates and overdue flags, and the link to report', async () => {
    const el = await render(LEVEL0_SESSIONS.kari);
    expect(byTestId(el, 'new-report-link')?.getAttribute('href')).toBe('/reports/new');
    const rows = el.querySelectorAll('[data-testid="report-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/reports/r-urgent');
    expect(rows[0].querySelector('[data-testid="urgent-badge"]')?.textContent).toBe('Haster');
    expect(rows[0].querySelector('[data-testid="review-overdue-badge"]')?.textContent).toBe('Gjennomgang over fristen');
    expect(rows[1].querySelector('[data-testid="receipt-overdue-badge"]')?.textContent).toBe('Bekreftelse over fristen');
    expect(rows[1].querySelector('[data-testid="report-row-status"]')?.getAttribute('data-status')).toBe('reviewed');
    // Only child welfare sees the reports awaiting its review.
    expect(byTestId(el, 'reports-awaiting')).toBeNull();
  });

  it('shows child welfare the reports awaiting review first', async () => {
    const el = await render(LEVEL0_SESSIONS.jon);
    const awaiting = el.querySelectorAll('[data-testid="report-awaiting-item"]');
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0].querySelector('a')?.getAttribute('href')).toBe('/reports/r-urgent');
    expect(el.querySelectorAll('[data-testid="report-row"]')).toHaveLength(2);
  });

  it('appends the next page on "Vis flere", and tells child welfare more may await review until every page is shown', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(LEVEL0_SESSIONS.jon);
    await loaded;
    const fixture = TestBed.createComponent(ReportsPage);
    await fixture.whenStable();
    const next = '/api/child-welfare-reports?cursor=WyJ0cnVlIl0';
    const reviewed = reportResponse({ id: 'r-reviewed', reviewedAt: instantDaysFromNow(-1, 10) });
    http.expectOne({ method: 'GET', url: '/api/child-welfare-reports' }).flush([reviewed], nextPageAt(next));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    // None awaiting among those read, but the rest are not read: not "nothing awaits review".
    expect(byTestId(el, 'reports-awaiting-empty')).toBeNull();
    expect(textOf(el, 'reports-awaiting-more')).toContain('Flere meldinger kan vente på gjennomgang');
    expect(pagingStatus(el)).toBe('Viser 1. Det finnes flere.');

    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: next }).flush([reportResponse({ id: 'r-waiting' })]);
    await fixture.whenStable();
    const rows = Array.from(el.querySelectorAll('[data-testid="report-row"] a')).map((a) => a.getAttribute('href'));
    expect(rows).toEqual(['/reports/r-reviewed', '/reports/r-waiting']);
    const awaiting = Array.from(el.querySelectorAll('[data-testid="report-awaiting-item"] a')).map((a) => a.getAttribute('href'));
    expect(awaiting).toEqual(['/reports/r-waiting']);
    expect(byTestId(el, 'reports-awaiting-more')).toBeNull();
    expect(showMoreButton(el)).toBeNull();
  });

  it('says when nothing awaits review, and when there are no reports', async () => {
    const el = await render(LEVEL0_SESSIONS.jon, []);
    expect(textOf(el, 'reports-awaiting-empty')).toBe('Ingen meldinger venter på gjennomgang.');
    expect(textOf(el, 'reports-empty')).toBe('Det er ingen meldinger å vise.');
  });
});
