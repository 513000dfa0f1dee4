import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { FamilyMunicipalityOverview } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { caseSummary } from '../../testing/cases';
import { nextPageAt, pagingStatus, showMoreButton } from '../../testing/paging';
import { SESSIONS } from '../../testing/sessions';
import { FamilyCasesPage } from './family-cases.page';

describe('FamilyCasesPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('shows the first page, appends the page the Link header names on "Vis flere", and has no button on the last', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.guardian);
    await loaded;
    const fixture = TestBed.createComponent(FamilyCasesPage);
    await fixture.whenStable();
    const next = '/api/cases?cursor=WyJvcGVuIl0';
    http.expectOne({ method: 'GET', url: '/api/family/overview' }).flush([]);
    http.expectOne({ method: 'GET', url: '/api/cases' }).flush([caseSummary()], nextPageAt(next));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const links = () => Array.from(el.querySelectorAll('[data-testid="family-case"] a')).map((a) => a.getAttribute('href'));
    expect(links()).toEqual(['/family/cases/case-1']);
    expect(pagingStatus(el)).toBe('Viser 1. Det finnes flere.');

    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: next }).flush([caseSummary({ id: 'case-2' })]);
    await fixture.whenStable();
    expect(links()).toEqual(['/family/cases/case-1', '/family/cases/case-2']);
    expect(showMoreButton(el)).toBeNull();
  });

  it('lists the cases of another municipality where the guardian is registered, and opens one after switching to it', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.guardian);
    await loaded;
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(FamilyCasesPage);
    await fixture.whenStable();
    const municipality = (name: string, userId: string, current: boolean, cases: FamilyMunicipalityOverview['cases']) => ({
      userId,
      municipalityId: `m-${userId}`,
      municipalityName: name,
      current,
      familyRole: 'guardian' as const,
      cases,
      more: false,
    });
    http
      .expectOne('/api/family/overview')
      .flush([
        municipality('Fjordvik kommune', 'user-1', true, [caseSummary()]),
        municipality('Nabodal kommune', 'user-2', false, [
          caseSummary({ id: 'case-ida', child: { id: 'ida', givenName: 'Ida', familyName: 'Nabo' } }),
        ]),
      ]);
    http.expectOne('/api/cases').flush([caseSummary()]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const other = el.querySelector('[data-testid="family-municipality"]') as HTMLElement;
    expect(other.getAttribute('data-municipality')).toBe('Nabodal kommune');
    expect(other.querySelector('h3')?.textContent?.trim()).toBe('Saker i Nabodal kommune');
    const open = other.querySelector('button') as HTMLButtonElement;
    expect(open.textContent?.trim()).toBe('Ida Nabo');
    expect(open.getAttribute('aria-label')).toBe('Ida Nabo: Åpne saken i Nabodal kommune');
    expect(el.querySelector('[data-testid="family-current-municipality"]')?.textContent?.trim()).toBe('Saker i Fjordvik kommune');
    // The current municipality's own list still links directly.
    expect(el.querySelector('[data-testid="family-cases"] a')?.getAttribute('href')).toBe('/family/cases/case-1');

    open.click();
    const switched = http.expectOne('/api/me/municipality');
    expect(switched.request.body).toEqual({ userId: 'user-2' });
    switched.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/me').flush({ ...SESSIONS.guardian, user: { ...SESSIONS.guardian.user, id: 'user-2' } });
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(navigate).toHaveBeenCalledWith(['/family/cases', 'case-ida']);
  });

  it('says so and stays when the switch is refused', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.guardian);
    await loaded;
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(FamilyCasesPage);
    await fixture.whenStable();
    http.expectOne('/api/family/overview').flush([
      {
        userId: 'user-2',
        municipalityId: 'm-2',
        municipalityName: 'Nabodal kommune',
        current: false,
        familyRole: 'guardian',
        cases: [caseSummary({ id: 'case-ida' })],
        more: true,
      },
    ]);
    http.expectOne('/api/cases').flush([]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Det finnes flere saker. Bytt til kommunen for å se alle.');
    (el.querySelector('[data-testid="family-municipality"] button') as HTMLButtonElement).click();
    http.expectOne('/api/me/municipality').flush({ status: 404 }, { status: 404, statusText: 'Not Found' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Kunne ikke bytte kommune. Prøv igjen.');
    expect(navigate).not.toHaveBeenCalled();
  });
});
