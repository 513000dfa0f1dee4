import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import type { ConcernResponse } from '@stafett/web-data-access';
import { SessionStore } from '@stafett/web-data-access';
import { byTestId, concernResponse, textOf } from '../../testing/concerns';
import { daysFromToday, longDate } from '../../testing/dates';
import { nextPageAt, pagingStatus, showMoreButton } from '../../testing/paging';
import { SESSIONS } from '../../testing/sessions';
import { ConcernsPage } from './concerns.page';

describe('ConcernsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(concerns: ConcernResponse[], session: SessionInfo = SESSIONS.staff): Promise<HTMLElement> {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(ConcernsPage);
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: '/api/concerns' }).flush(concerns);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the first page, appends the page the Link header names on "Vis flere", and has no button on the last', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.staff);
    await loaded;
    const fixture = TestBed.createComponent(ConcernsPage);
    await fixture.whenStable();
    const next = '/api/concerns?cursor=WyJvcGVuIl0';
    http.expectOne({ method: 'GET', url: '/api/concerns' }).flush([concernResponse({ id: 'c1' })], nextPageAt(next));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const links = () => Array.from(el.querySelectorAll('[data-testid="concern-item"] a')).map((a) => a.getAttribute('href'));
    expect(links()).toEqual(['/concerns/c1']);

    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: next }).flush([concernResponse({ id: 'c2' })]);
    await fixture.whenStable();
    expect(links()).toEqual(['/concerns/c1', '/concerns/c2']);
    expect(showMoreButton(el)).toBeNull();
    expect(pagingStatus(el)).toBe('Viser alle 2.');
  });

  it('lists the concerns with status, due date and an overdue badge', async () => {
    const el = await render([
      concernResponse({ id: 'c1', overdue: true }),
      concernResponse({
        id: 'c2',
        status: 'decided',
        decision: 'collaboration',
        requestedCaseLevel: 2,
        child: { id: 'x', givenName: 'Kari', familyName: 'Berg', birthDate: '2019-01-01' },
      }),
    ]);
    const rows = el.querySelectorAll('[data-testid="concern-item"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/concerns/c1');
    // The fixture's concern is due 14 days after it arose, ten days ago.
    expect(rows[0].textContent).toContain(longDate(daysFromToday(4)));
    expect(rows[0].querySelector('[data-testid="overdue-badge"]')?.textContent).toBe('Over fristen');
    expect(rows[1].querySelector('[data-testid="overdue-badge"]')).toBeNull();
    expect(rows[1].querySelector('[data-testid="concern-item-status"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Besluttet – Samarbeid med andre tjenester',
    );
    expect(byTestId(el, 'new-concern-link')?.getAttribute('href')).toBe('/concerns/new');
  });

  it('says when there are none', async () => {
    const el = await render([]);
    expect(textOf(el, 'concerns-empty')).toBe('Det er ingen bekymringer å vise.');
  });
});
