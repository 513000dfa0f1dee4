import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionStore } from '@stafett/web-data-access';
import type { AdminUserListItem } from '@stafett/web-data-access';
import { byTestId, click, enter, textOf } from '../../testing/concerns';
import { problem } from '../../testing/level0';
import { SESSIONS } from '../../testing/sessions';
import { AdminUsersPage } from './admin-users.page';

const VERA: AdminUserListItem = {
  id: 'user-vera',
  displayName: 'Vera Vestli',
  kind: 'staff',
  active: true,
  email: 'vera.vestli@fjordvik.example',
  upn: null,
  signedIn: false,
  roles: [
    {
      id: 'r1',
      role: 'staff',
      unitId: 'u1',
      unitName: 'Vestli barnehage',
      validFrom: '2026-01-01',
      validTo: null,
      current: true,
      version: 1,
    },
    {
      id: 'r2',
      role: 'unit_leader',
      unitId: 'u1',
      unitName: 'Vestli barnehage',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      current: false,
      version: 2,
    },
  ],
  version: 3,
};

describe('AdminUsersPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(users: AdminUserListItem[] = [VERA]) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.admin);
    await loaded;
    const fixture = TestBed.createComponent(AdminUsersPage);
    http.expectOne('/api/admin/users').flush(users);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('lists users with the roles that hold today, whether they have signed in, and a button to deactivate', async () => {
    const { el } = await render();
    const row = byTestId(el, 'user-row-user-vera') as HTMLElement;
    expect(row.textContent).toContain('vera.vestli@fjordvik.example');
    expect(row.textContent).toContain('Ikke logget inn ennå');
    expect(Array.from(row.querySelectorAll('li')).map((li) => li.textContent?.trim())).toEqual(['Ansatt, Vestli barnehage']);
    expect(textOf(el, 'user-active-user-vera')).toBe('Deaktiver');
  });

  it('refuses an invitation without name or address at the fields, in bokmål, sending nothing', async () => {
    const { fixture, el } = await render();
    click(el, 'create-user-submit');
    await fixture.whenStable();
    expect(textOf(el, 'user-name-error')).toBe('Skriv et navn på 2–120 tegn.');
    expect(textOf(el, 'user-email-error')).toBe('Skriv en gyldig e-postadresse, eller fyll ut brukernavn.');
  });

  it('invites with the UPN alone, and shows the server’s field error and a taken address in Norwegian', async () => {
    const { fixture, el } = await render();
    enter(el, 'user-name', 'Per Post');
    enter(el, 'user-upn', 'per.post@fjordvik.example');
    click(el, 'create-user-submit');
    const first = http.expectOne('/api/admin/users');
    expect(first.request.body).toEqual({ displayName: 'Per Post', upn: 'per.post@fjordvik.example' });
    expect(first.request.headers.get('Idempotency-Key')).toBeTruthy();
    const refused = problem([{ field: 'upn', messages: ['upn must have the form name@domain'] }]);
    first.flush(refused.body, refused.init);
    await fixture.whenStable();
    expect(textOf(el, 'user-upn-error')).toBe('Skriv brukernavnet på formen navn@domene.');

    click(el, 'create-user-submit');
    http.expectOne('/api/admin/users').flush({ status: 409 }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(textOf(el, 'create-user-problem')).toBe('En annen bruker i kommunen har denne e-posten eller dette brukernavnet.');
  });

  it('deactivates with the version it read, and lists again', async () => {
    const { fixture, el } = await render();
    click(el, 'user-active-user-vera');
    const patch = http.expectOne('/api/admin/users/user-vera');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ active: false });
    patch.flush({ ...VERA, active: false, version: 4 });
    http.expectOne('/api/admin/users').flush([{ ...VERA, active: false, version: 4 }]);
    await fixture.whenStable();
    expect(textOf(el, 'user-active-user-vera')).toBe('Aktiver');
  });
});
