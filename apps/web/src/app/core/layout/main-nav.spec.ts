import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { SESSIONS, UNAUTHORIZED } from '../../../testing/sessions';
import { I18n } from '../i18n/i18n';
import { MainNav } from './main-nav';

const NAV_IDS = ['nav-children', 'nav-concerns', 'nav-tasks', 'nav-users', 'nav-audit'];

async function renderNavFor(session: SessionInfo | null): Promise<HTMLElement> {
  const store = TestBed.inject(SessionStore);
  const loaded = store.load();
  const request = TestBed.inject(HttpTestingController).expectOne('/api/me');
  if (session) request.flush(session);
  else request.flush(UNAUTHORIZED.body, UNAUTHORIZED.init);
  await loaded;
  const fixture = TestBed.createComponent(MainNav);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const visibleLinks = (el: HTMLElement) => NAV_IDS.filter((id) => el.querySelector(`[data-testid="${id}"]`) !== null);

describe('MainNav', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows a staff member Children, Concerns and My tasks, not Users or Access log', async () => {
    const el = await renderNavFor(SESSIONS.staff);
    expect(visibleLinks(el)).toEqual(['nav-children', 'nav-concerns', 'nav-tasks']);
    expect(el.querySelector('[data-testid="nav-concerns"]')?.getAttribute('href')).toBe('/concerns');
    expect(el.querySelector('[data-testid="nav-concerns"]')?.textContent?.trim()).toBe('Bekymringer');
    expect(el.querySelector('[data-testid="nav-tasks"]')?.getAttribute('href')).toBe('/tasks');
    expect(el.querySelector('[data-testid="nav-tasks"]')?.textContent?.trim()).toBe('Mine oppgaver');
    const link = el.querySelector('[data-testid="nav-children"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/children');
    expect(link.textContent?.trim()).toBe('Barn');
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Hovedmeny');
  });

  it('shows a unit leader Children, Concerns and My tasks', async () => {
    expect(visibleLinks(await renderNavFor(SESSIONS.unitLeader))).toEqual(['nav-children', 'nav-concerns', 'nav-tasks']);
  });

  it('shows an administrator Users only', async () => {
    const el = await renderNavFor(SESSIONS.admin);
    expect(visibleLinks(el)).toEqual(['nav-users']);
    expect(el.querySelector('[data-testid="nav-users"]')?.getAttribute('href')).toBe('/admin/users');
  });

  it('shows a privacy officer Access log only', async () => {
    const el = await renderNavFor(SESSIONS.privacyOfficer);
    expect(visibleLinks(el)).toEqual(['nav-audit']);
    expect(el.querySelector('[data-testid="nav-audit"]')?.getAttribute('href')).toBe('/access-log');
  });

  it('shows a guardian Children', async () => {
    expect(visibleLinks(await renderNavFor(SESSIONS.guardian))).toEqual(['nav-children']);
  });

  it('shows a youth Children (their own record)', async () => {
    expect(visibleLinks(await renderNavFor(SESSIONS.youth))).toEqual(['nav-children']);
  });

  it('shows no navigation at all when signed out', async () => {
    const el = await renderNavFor(null);
    expect(visibleLinks(el)).toEqual([]);
    expect(el.querySelector('nav')).toBeNull();
  });

  it('follows the chosen language', async () => {
    const el = await renderNavFor(SESSIONS.privacyOfficer);
    TestBed.inject(I18n).language.set('en');
    TestBed.tick();
    expect(el.querySelector('[data-testid="nav-audit"]')?.textContent?.trim()).toBe('Access log');
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Main menu');
  });
});
