import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { caseSummary } from '../../testing/cases';
import { SESSIONS } from '../../testing/sessions';
import { appRoutes } from '../app.routes';

describe('family routes: my children’s cases', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(appRoutes, withComponentInputBinding()),
        provideLocationMocks(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function signIn(session: SessionInfo): Promise<void> {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
  }

  const heading = (harness: RouterTestingHarness) =>
    (harness.routeNativeElement as HTMLElement).querySelector('h1')?.getAttribute('data-testid');

  it.each([
    ['a guardian with parental responsibility', SESSIONS.guardian, 'Mine barns saker'],
    ['a youth', SESSIONS.youth, 'Mine saker'],
  ])('opens the list for %s, each case linking to the family’s case page', async (_who, session, title) => {
    await signIn(session);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/family');
    http.expectOne('/api/family/overview').flush([]);
    http.expectOne('/api/cases').flush([caseSummary({ level: 2, participantUnitNames: ['Sentrum barnehage', 'Fjordvik helsestasjon'] })]);
    await harness.fixture.whenStable();
    expect(heading(harness)).toBe('family-heading');
    expect((harness.routeNativeElement as HTMLElement).querySelector('h1')?.textContent?.trim()).toBe(title);
    const item = (harness.routeNativeElement as HTMLElement).querySelector('[data-testid="family-case"]') as HTMLElement;
    expect(item.querySelector('a')?.getAttribute('href')).toBe('/family/cases/case-1');
    expect(item.textContent).toContain('Flere tjenester samarbeider om å hjelpe.');
    expect(item.textContent).toContain('Kari Larsen, Sentrum barnehage');
    expect(item.textContent).toContain('Sentrum barnehage, Fjordvik helsestasjon');
  });

  it.each([
    ['a staff member', SESSIONS.staff],
    ['an administrator', SESSIONS.admin],
  ])('shows %s the not-found page at the family’s pages', async (_who, session) => {
    await signIn(session);
    const harness = await RouterTestingHarness.create();
    for (const path of ['/family', '/family/cases/case-1']) {
      await harness.navigateByUrl(path);
      expect(heading(harness)).toBe('not-found-heading');
      expect(TestBed.inject(Location).path()).toBe(path);
    }
  });

  it('says when there are no cases', async () => {
    await signIn(SESSIONS.guardian);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/family');
    http.expectOne('/api/family/overview').flush([]);
    http.expectOne('/api/cases').flush([]);
    await harness.fixture.whenStable();
    expect((harness.routeNativeElement as HTMLElement).querySelector('[data-testid="family-empty"]')?.textContent?.trim()).toBe(
      'Det er ingen saker å vise.',
    );
  });
});
