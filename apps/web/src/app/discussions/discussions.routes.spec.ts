import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { LEVEL0_SESSIONS, discussionResponse } from '../../testing/level0';
import { SESSIONS } from '../../testing/sessions';
import { appRoutes } from '../app.routes';
import { MainNav } from '../core/layout/main-nav';

describe('discussion and report routes', () => {
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

  async function signIn(session: SessionInfo): Promise<RouterTestingHarness> {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    return RouterTestingHarness.create();
  }

  const heading = (harness: RouterTestingHarness) =>
    (harness.routeNativeElement as HTMLElement).querySelector('h1')?.getAttribute('data-testid');

  it.each(['/discussions', '/discussions/new', '/discussions/d1', '/reports', '/reports/new', '/reports/r1'])(
    'shows a guardian the not-found page at %s',
    async (path) => {
      const harness = await signIn(SESSIONS.guardian);
      await harness.navigateByUrl(path);
      expect(heading(harness)).toBe('not-found-heading');
      expect(TestBed.inject(Location).path()).toBe(path);
      http.verify();
    },
  );

  it.each([
    ['/discussions/new', 'new-discussion-heading'],
    ['/discussions', 'discussions-heading'],
    ['/reports/new', 'new-report-heading'],
    ['/reports', 'reports-heading'],
  ])('opens %s for staff', async (path, testId) => {
    const harness = await signIn(LEVEL0_SESSIONS.kari);
    await harness.navigateByUrl(path);
    expect(heading(harness)).toBe(testId);
    http.match(() => true).forEach((r) => r.flush([]));
  });

  it('opens a discussion by its id', async () => {
    const harness = await signIn(LEVEL0_SESSIONS.hanne);
    await harness.navigateByUrl('/discussions/discussion-1');
    http.expectOne('/api/anonymous-discussions/discussion-1').flush(discussionResponse({ isAuthor: false }));
    await harness.fixture.whenStable();
    expect(heading(harness)).toBe('discussion-heading');
  });

  it('puts Anonymous discussion and Reports in the menu for staff, and neither for an administrator', async () => {
    await signIn(LEVEL0_SESSIONS.jon);
    const fixture = TestBed.createComponent(MainNav);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="nav-discussions"]')?.getAttribute('href')).toBe('/discussions');
    expect(el.querySelector('[data-testid="nav-discussions"]')?.textContent?.trim()).toBe('Anonym drøfting');
    expect(el.querySelector('[data-testid="nav-reports"]')?.getAttribute('href')).toBe('/reports');
    expect(el.querySelector('[data-testid="nav-reports"]')?.textContent?.trim()).toBe('Meldinger til barnevernet');

    TestBed.inject(SessionStore).clear();
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.admin);
    await loaded;
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="nav-discussions"]')).toBeNull();
    expect(el.querySelector('[data-testid="nav-reports"]')).toBeNull();
  });
});
