import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideLocationMocks } from '@angular/common/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SESSIONS, UNAUTHORIZED } from '../testing/sessions';
import { App } from './app';
import { appRoutes } from './app.routes';
import { HomePage } from './home/home.page';
import { I18n } from './core/i18n/i18n';

describe('App shell', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(appRoutes, withComponentInputBinding()),
        provideLocationMocks(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function renderSignedInAs(session: SessionInfo | null) {
    const fixture = TestBed.createComponent(App);
    const me = http.expectOne('/api/me');
    if (session) me.flush(session);
    else me.flush(UNAUTHORIZED.body, UNAUTHORIZED.init);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('renders the header in bokmål by default and switches to English', async () => {
    const { fixture, el } = await renderSignedInAs(null);
    expect(el.querySelector('.tagline')?.textContent).toContain('Tidlig innsats');
    TestBed.inject(I18n).language.set('en');
    fixture.detectChanges();
    expect(el.querySelector('.tagline')?.textContent).toContain('Early help');
    expect(document.documentElement.lang).toBe('en');
  });

  it('offers sign-in and no navigation when signed out', async () => {
    const { el } = await renderSignedInAs(null);
    expect(el.querySelector('[data-testid="sign-in-link"]')?.getAttribute('href')).toBe('/sign-in');
    expect(el.querySelector('[data-testid="signed-in-as"]')).toBeNull();
    expect(el.querySelector('st-main-nav')).toBeNull();
  });

  it('shows who is signed in, their navigation and a sign-out button', async () => {
    const { el } = await renderSignedInAs(SESSIONS.staff);
    expect(el.querySelector('[data-testid="signed-in-as"]')?.textContent).toBe('Kari Lærer');
    expect(el.querySelector('[data-testid="nav-children"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="sign-out"]')?.textContent?.trim()).toBe('Logg ut');
    expect(el.querySelector('[data-testid="sign-in-link"]')).toBeNull();
  });

  it('signs out with the CSRF token and goes to the sign-in page', async () => {
    const { fixture, el } = await renderSignedInAs(SESSIONS.staff);
    (el.querySelector('[data-testid="sign-out"]') as HTMLButtonElement).click();
    const logout = http.expectOne('/api/auth/logout');
    expect(logout.request.method).toBe('POST');
    expect(logout.request.headers.get('X-XSRF-TOKEN')).toBe(SESSIONS.staff.csrfToken);
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    expect(el.querySelector('[data-testid="signed-in-as"]')).toBeNull();
    expect(el.querySelector('[data-testid="nav-children"]')).toBeNull();
    expect(el.querySelector('[data-testid="sign-in-heading"]')).not.toBeNull();
  });

  it('stays signed in and says so when the server does not confirm the sign-out', async () => {
    const { fixture, el } = await renderSignedInAs(SESSIONS.staff);
    (el.querySelector('[data-testid="sign-out"]') as HTMLButtonElement).click();
    http.expectOne('/api/auth/logout').flush('down', { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Du ble ikke logget ut');
    expect(el.querySelector('[data-testid="signed-in-as"]')?.textContent).toBe('Kari Lærer');
  });
});

describe('HomePage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [HomePage], providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  it('shows the first municipality and its services from the API', async () => {
    const fixture = TestBed.createComponent(HomePage);
    const http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    http.expectOne('/api/municipalities').flush([{ id: 'm1', code: '9999', name: 'Fjordvik kommune' }]);
    http.expectOne('/api/municipalities/9999/organisation').flush({
      municipality: { id: 'm1', code: '9999', name: 'Fjordvik kommune' },
      services: [
        { id: 's1', kind: 'school', name: 'Skoletjenesten', regime: 'administrative', units: [{ id: 'u1', name: 'Fjordvik skole' }] },
      ],
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="municipality-name"]')?.textContent).toBe('Fjordvik kommune');
    expect(el.textContent).toContain('Fjordvik skole');
    http.verify();
  });

  it('says so when the API fails', async () => {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).expectOne('/api/municipalities').flush('down', { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain('Kunne ikke hente');
  });
});
