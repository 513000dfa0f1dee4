import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  RedirectCommand,
  Router,
  RouterStateSnapshot,
  UrlTree,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { SESSIONS, UNAUTHORIZED } from '../../../testing/sessions';
import { appRoutes } from '../../app.routes';
import { requireAbility, requireSignIn } from './auth.guards';

describe('auth guards', () => {
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

  async function answerMe(session: SessionInfo | null): Promise<void> {
    const loaded = TestBed.inject(SessionStore).load();
    const request = http.expectOne('/api/me');
    if (session) request.flush(session);
    else request.flush(UNAUTHORIZED.body, UNAUTHORIZED.init);
    await loaded;
  }

  const heading = (harness: RouterTestingHarness) =>
    (harness.routeNativeElement as HTMLElement).querySelector('h1')?.getAttribute('data-testid');

  describe('through the app routes', () => {
    it.each(['/children', '/admin/users', '/access-log'])(
      'sends an anonymous user from %s to the sign-in page with returnTo',
      async (path) => {
        await answerMe(null);
        const harness = await RouterTestingHarness.create();
        await harness.navigateByUrl(path);
        const router = TestBed.inject(Router);
        const url = router.parseUrl(router.url);
        expect(url.root.children['primary']?.segments.map((s) => s.path)).toEqual(['sign-in']);
        expect(url.queryParams['returnTo']).toBe(path);
        expect(TestBed.inject(Location).path()).toBe(`/sign-in?returnTo=${encodeURIComponent(path)}`);
        expect(heading(harness)).toBe('sign-in-heading');
      },
    );

    it('keeps the requested URL but shows the not-found page when the ability says no', async () => {
      await answerMe(SESSIONS.admin);
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/children');
      expect(heading(harness)).toBe('not-found-heading');
      expect(TestBed.inject(Location).path()).toBe('/children');

      await harness.navigateByUrl('/');
      await harness.navigateByUrl('/access-log');
      expect(heading(harness)).toBe('not-found-heading');
      expect(TestBed.inject(Location).path()).toBe('/access-log');
      http.expectNone('/api/children');
    });

    it('lets a user in when the ability allows it', async () => {
      await answerMe(SESSIONS.privacyOfficer);
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/access-log');
      expect(heading(harness)).toBe('access-log-heading');
      http.expectOne('/api/audit-events?limit=50').flush([]);
    });

    it('shows the not-found page for an unknown path', async () => {
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/no/such/page');
      expect(heading(harness)).toBe('not-found-heading');
    });

    it('sends a signed-in user from the sign-in page on to returnTo', async () => {
      await answerMe(SESSIONS.staff);
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/sign-in?returnTo=%2Fchildren');
      expect(TestBed.inject(Router).url).toBe('/children');
      expect(heading(harness)).toBe('children-heading');
      http.expectOne('/api/children').flush([]);
    });

    it('never sends a signed-in user from the sign-in page off-site', async () => {
      await answerMe(SESSIONS.staff);
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/sign-in?returnTo=%2F%2Fevil.example');
      expect(TestBed.inject(Router).url).toBe('/');
      http.match(() => true).forEach((r) => r.flush([]));
    });
  });

  describe('called directly', () => {
    const run = (guard: ReturnType<typeof requireAbility>, url: string) =>
      TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot)) as Promise<
        boolean | UrlTree | RedirectCommand
      >;

    it('waits for /api/me before deciding', async () => {
      const decision = run(requireSignIn, '/children?tab=2');
      await Promise.resolve();
      http.expectOne('/api/me').flush(UNAUTHORIZED.body, UNAUTHORIZED.init);
      const result = await decision;
      expect(result).toBeInstanceOf(UrlTree);
      expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/sign-in?returnTo=%2Fchildren%3Ftab%3D2');
    });

    it('lets a signed-in user through requireSignIn', async () => {
      await answerMe(SESSIONS.guardian);
      await expect(run(requireSignIn, '/anything')).resolves.toBe(true);
    });

    it('answers a refused ability with a not-found redirect that keeps the address', async () => {
      await answerMe(SESSIONS.staff);
      const result = await run(requireAbility('manage', 'User'), '/admin/users');
      expect(result).toBeInstanceOf(RedirectCommand);
      const command = result as RedirectCommand;
      expect(TestBed.inject(Router).serializeUrl(command.redirectTo)).toBe('/not-found');
      expect(command.navigationBehaviorOptions?.browserUrl).toBe('/admin/users');
    });
  });
});
