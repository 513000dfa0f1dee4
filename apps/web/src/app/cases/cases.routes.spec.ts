import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { caseResponse } from '../../testing/cases';
import { SESSIONS } from '../../testing/sessions';
import { appRoutes } from '../app.routes';
import { MainNav } from '../core/layout/main-nav';

describe('case routes and navigation', () => {
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

  async function signIn(session: SessionInfo): Promise<void> {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
  }

  const heading = (harness: RouterTestingHarness) =>
    (harness.routeNativeElement as HTMLElement).querySelector('h1')?.getAttribute('data-testid');

  it.each([
    ['an administrator', SESSIONS.admin],
    ['a privacy officer', SESSIONS.privacyOfficer],
  ])('shows %s the not-found page at /cases and /cases/:id, and no My cases link', async (_who, session) => {
    await signIn(session);
    const harness = await RouterTestingHarness.create();
    for (const path of ['/cases', '/cases/case-1']) {
      await harness.navigateByUrl(path);
      expect(heading(harness)).toBe('not-found-heading');
      expect(TestBed.inject(Location).path()).toBe(path);
    }
    const nav = TestBed.createComponent(MainNav);
    await nav.whenStable();
    expect((nav.nativeElement as HTMLElement).querySelector('[data-testid="nav-cases"]')).toBeNull();
    http.verify();
  });

  it('offers staff My cases, and opens the list and a case by its id', async () => {
    await signIn(SESSIONS.staff);
    const nav = TestBed.createComponent(MainNav);
    await nav.whenStable();
    const link = (nav.nativeElement as HTMLElement).querySelector('[data-testid="nav-cases"]');
    expect(link?.getAttribute('href')).toBe('/cases');
    expect(link?.textContent?.trim()).toBe('Mine saker');

    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/cases');
    expect(heading(harness)).toBe('cases-heading');
    http.expectOne('/api/cases').flush([]);
    await harness.navigateByUrl('/cases/case-1');
    http.expectOne('/api/cases/case-1').flush(caseResponse());
    http.expectOne('/api/cases/case-1/consents').flush([]);
    await harness.fixture.whenStable();
    expect(heading(harness)).toBe('case-heading');
    http.verify();
  });
});
