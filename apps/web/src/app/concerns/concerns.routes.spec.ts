import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { concernResponse } from '../../testing/concerns';
import { SESSIONS } from '../../testing/sessions';
import { appRoutes } from '../app.routes';

describe('concern routes', () => {
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

  it.each(['/concerns', '/concerns/new', '/concerns/concern-1', '/tasks'])('shows a guardian the not-found page at %s', async (path) => {
    const harness = await signIn(SESSIONS.guardian);
    await harness.navigateByUrl(path);
    expect(heading(harness)).toBe('not-found-heading');
    expect(TestBed.inject(Location).path()).toBe(path);
    http.verify();
  });

  it('opens the register form at /concerns/new, not a concern called "new"', async () => {
    const harness = await signIn(SESSIONS.staff);
    await harness.navigateByUrl('/concerns/new');
    expect(heading(harness)).toBe('new-concern-heading');
    http.match(() => true).forEach((r) => r.flush([]));
  });

  it('opens a concern by its id', async () => {
    const harness = await signIn(SESSIONS.staff);
    await harness.navigateByUrl('/concerns/concern-1');
    http.expectOne('/api/concerns/concern-1').flush(concernResponse());
    await harness.fixture.whenStable();
    expect(heading(harness)).toBe('concern-heading');
  });

  it('opens My tasks for staff', async () => {
    const harness = await signIn(SESSIONS.unitLeader);
    await harness.navigateByUrl('/tasks');
    expect(heading(harness)).toBe('tasks-heading');
    http.expectOne('/api/tasks').flush({ concernsAwaitingDecision: [] });
  });
});
