import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { defineAbilityFor, familyRoleOf, packAbilityRules, subject } from '@stafett/domain';
import type { Principal, SessionInfo } from '@stafett/domain';
import { FULL_PAGE_NAVIGATION, SessionStore } from './session.store';

const MUNICIPALITY = 'm1';

function sessionFor(principal: Omit<Principal, 'municipalityId'>): SessionInfo {
  const full: Principal = { ...principal, municipalityId: MUNICIPALITY };
  return {
    user: { id: full.userId, displayName: full.displayName, kind: full.kind, municipalityId: MUNICIPALITY, familyRole: familyRoleOf(full) },
    roles: full.roles,
    rules: packAbilityRules(defineAbilityFor(full)),
    csrfToken: 'csrf-123',
  };
}

const staff = sessionFor({
  userId: 'u1',
  kind: 'staff',
  displayName: 'Kari Lærer',
  roles: [{ role: 'staff', unitId: 'unit-1', serviceId: 's1', serviceKind: 'school' }],
  guardianOf: [],
  youthOf: [],
});

describe('SessionStore', () => {
  let store: SessionStore;
  let http: HttpTestingController;
  let navigations: string[];

  beforeEach(() => {
    navigations = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: FULL_PAGE_NAVIGATION, useValue: (url: string) => navigations.push(url) },
      ],
    });
    store = TestBed.inject(SessionStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('starts unknown, with an ability that allows nothing', () => {
    expect(store.status()).toBe('unknown');
    expect(store.signedIn()).toBe(false);
    expect(store.ability().can('read', 'Session')).toBe(false);
  });

  it('treats 401 from /api/me as signed out, not as an error', async () => {
    const loaded = store.load();
    expect(store.status()).toBe('loading');
    http
      .expectOne('/api/me')
      .flush(
        { type: 'about:blank', title: 'Unauthorized', status: 401 },
        { status: 401, statusText: 'Unauthorized', headers: { 'Content-Type': 'application/problem+json' } },
      );
    await expect(loaded).resolves.toBeNull();
    expect(store.status()).toBe('signed-out');
    expect(store.signedIn()).toBe(false);
    expect(store.session()).toBeNull();
    expect(store.ability().can('read', 'Child')).toBe(false);
  });

  it('reports a server failure as unavailable and tries again on the next ensureLoaded()', async () => {
    const first = store.ensureLoaded();
    http.expectOne('/api/me').flush('down', { status: 503, statusText: 'Unavailable' });
    await expect(first).resolves.toBeNull();
    expect(store.status()).toBe('unavailable');

    const second = store.ensureLoaded();
    http.expectOne('/api/me').flush(staff);
    await expect(second).resolves.toEqual(staff);
    expect(store.status()).toBe('signed-in');
  });

  it('builds the ability from the packed rules it was given', async () => {
    const loaded = store.load();
    http.expectOne('/api/me').flush(staff);
    await loaded;
    expect(store.signedIn()).toBe(true);
    expect(store.session()?.user.displayName).toBe('Kari Lærer');
    const ability = store.ability();
    expect(ability.can('read', 'Child')).toBe(true);
    expect(ability.can('read', subject('Child', { id: 'c1', municipalityId: MUNICIPALITY, unitIds: ['unit-1'] }))).toBe(true);
    expect(ability.can('read', subject('Child', { id: 'c2', municipalityId: MUNICIPALITY, unitIds: ['unit-2'] }))).toBe(false);
    expect(ability.can('manage', 'User')).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
  });

  it('asks the server once when several callers wait for the session', async () => {
    const a = store.ensureLoaded();
    const b = store.ensureLoaded();
    http.expectOne('/api/me').flush(staff);
    await Promise.all([a, b]);
    await store.ensureLoaded();
    http.expectNone('/api/me');
  });

  it('signs in by a full-page navigation with a safe returnTo', () => {
    store.signIn('staff', '/children?x=1');
    store.signIn('citizen', 'https://evil.example/');
    expect(navigations).toEqual(['/api/auth/login?as=staff&returnTo=%2Fchildren%3Fx%3D1', '/api/auth/login?as=citizen&returnTo=%2F']);
  });

  it('signs out with the CSRF token and forgets the session', async () => {
    const loaded = store.load();
    http.expectOne('/api/me').flush(staff);
    await loaded;

    const done = store.signOut();
    const req = http.expectOne('/api/auth/logout');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    req.flush({ endSessionUrl: null });
    await done;
    expect(store.signedIn()).toBe(false);
    expect(store.status()).toBe('signed-out');
    expect(navigations).toEqual([]);
    expect(store.ability().can('read', 'Child')).toBe(false);
  });

  it('sends the browser to the identity provider’s end-session endpoint the server names', async () => {
    const loaded = store.load();
    http.expectOne('/api/me').flush(staff);
    await loaded;

    const done = store.signOut();
    http.expectOne('/api/auth/logout').flush({ endSessionUrl: 'https://idp.example/endsession?id_token_hint=x' });
    await done;
    expect(store.signedIn()).toBe(false);
    expect(navigations).toEqual(['https://idp.example/endsession?id_token_hint=x']);
  });

  it('switches to another municipality’s citizen user with the CSRF token, then reloads the session', async () => {
    const loaded = store.load();
    http.expectOne('/api/me').flush(staff);
    await loaded;

    const done = store.switchMunicipality('user-2');
    const req = http.expectOne('/api/me/municipality');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ userId: 'user-2' });
    expect(req.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/me').flush({ ...staff, user: { ...staff.user, id: 'user-2' } });
    await done;
    expect(store.session()?.user.id).toBe('user-2');
  });

  it('keeps the session when the server did not confirm the sign-out', async () => {
    const loaded = store.load();
    http.expectOne('/api/me').flush(staff);
    await loaded;

    const done = store.signOut();
    http.expectOne('/api/auth/logout').flush('no', { status: 403, statusText: 'Forbidden' });
    await expect(done).rejects.toBeTruthy();
    expect(store.signedIn()).toBe(true);
  });
});
