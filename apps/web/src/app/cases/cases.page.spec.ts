import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CaseSummaryResponse } from '@stafett/domain';
import { caseSummary } from '../../testing/cases';
import { byTestId, textOf } from '../../testing/concerns';
import { nextPageAt, pagingStatus, showMoreButton } from '../../testing/paging';
import { CasesPage } from './cases.page';

describe('CasesPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(answer: CaseSummaryResponse[] | { status: number }): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(CasesPage);
    await fixture.whenStable();
    const request = http.expectOne({ method: 'GET', url: '/api/cases' });
    if ('status' in answer) request.flush(null, { status: answer.status, statusText: 'Error' });
    else request.flush(answer);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists my cases with level, coordinator, team and overdue evaluations, marking those I coordinate', async () => {
    const el = await render([
      caseSummary({
        level: 2,
        participantUnitNames: ['Sentrum barnehage', 'Fjordvik helsestasjon'],
        activeMeasures: 2,
        overdueEvaluations: 1,
      }),
      caseSummary({
        id: 'case-2',
        child: { id: 'child-2', givenName: 'Ola', familyName: 'Hansen' },
        status: 'closed',
        isCoordinator: false,
        coordinator: { userId: 'user-siri', displayName: 'Siri Nilsen', unitName: 'Sentrum barnehage', active: false },
      }),
    ]);
    expect(textOf(el, 'cases-heading')).toBe('Mine saker');
    const rows = Array.from(el.querySelectorAll('[data-testid="case-row"]'));
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/cases/case-1');
    expect(rows[0].textContent).toContain('Nivå 2 – samarbeid mellom tjenester');
    expect(rows[0].textContent).toContain('Sentrum barnehage, Fjordvik helsestasjon');
    expect(rows[0].querySelector('[data-testid="case-row-you"]')?.textContent).toBe('Du er stafettholder');
    expect(rows[0].querySelector('[data-testid="case-row-overdue"]')?.textContent).toBe('1 over fristen');
    expect(rows[1].getAttribute('data-status')).toBe('closed');
    expect(rows[1].textContent).toContain('Avsluttet');
    expect(rows[1].textContent).toContain('Ikke aktiv');
    expect(rows[1].querySelector('[data-testid="case-row-you"]')).toBeNull();
  });

  it('shows the first page, appends the page the Link header names on "Vis flere", and has no button on the last', async () => {
    const fixture = TestBed.createComponent(CasesPage);
    await fixture.whenStable();
    const next = '/api/cases?cursor=WyJvcGVuIiwiMjAyNi0wMS0wMSJd';
    http.expectOne({ method: 'GET', url: '/api/cases' }).flush([caseSummary()], nextPageAt(next));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const links = () => Array.from(el.querySelectorAll('[data-testid="case-row"] a')).map((a) => a.getAttribute('href'));
    expect(links()).toEqual(['/cases/case-1']);
    expect(pagingStatus(el)).toBe('Viser 1. Det finnes flere.');

    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: next }).flush([caseSummary({ id: 'case-2' }), caseSummary({ id: 'case-3' })]);
    await fixture.whenStable();
    expect(links()).toEqual(['/cases/case-1', '/cases/case-2', '/cases/case-3']);
    expect(showMoreButton(el)).toBeNull();
    expect(pagingStatus(el)).toBe('Viser alle 3.');
  });

  it('says when there are no cases', async () => {
    const el = await render([]);
    expect(byTestId(el, 'cases-table')).toBeNull();
    expect(textOf(el, 'cases-empty')).toBe('Du har ingen saker ennå.');
  });

  it('says the server failed', async () => {
    const el = await render({ status: 500 });
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Kunne ikke hente');
  });
});
