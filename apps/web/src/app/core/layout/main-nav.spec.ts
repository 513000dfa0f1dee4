import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { LEVEL0_SESSIONS } from '../../../testing/level0';
import { SESSIONS, UNAUTHORIZED, sessionFor } from '../../../testing/sessions';
import { I18n } from '../i18n/i18n';
import { MainNav } from './main-nav';

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

/** Every entry of the menu, in order: the exact set a user sees, not only some of it. */
const visibleLinks = (el: HTMLElement) =>
  Array.from(el.querySelectorAll('[data-testid^="nav-"]')).map((link) => link.getAttribute('data-testid'));

/** What staff of a unit see, whatever their service: the level-0 pages, their tasks, their cases. */
const STAFF_LINKS = ['nav-children', 'nav-concerns', 'nav-tasks', 'nav-cases', 'nav-discussions', 'nav-reports'];
/** Guardians with parental responsibility and youth: their (own) child, and the family's cases. */
const FAMILY_LINKS = ['nav-children', 'nav-family'];

const SIGNED_IN: Array<[string, SessionInfo, string[]]> = [
  ['a staff member', SESSIONS.staff, STAFF_LINKS],
  ['a unit leader', SESSIONS.unitLeader, STAFF_LINKS],
  ['a child welfare worker', LEVEL0_SESSIONS.jon, STAFF_LINKS],
  ['an administrator', SESSIONS.admin, ['nav-users', 'nav-services', 'nav-settings', 'nav-imports']],
  ['a privacy officer', SESSIONS.privacyOfficer, ['nav-audit']],
  ['a guardian with parental responsibility', SESSIONS.guardian, FAMILY_LINKS],
  ['a youth above the consent age', SESSIONS.youth, FAMILY_LINKS],
];

describe('MainNav', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it.each(SIGNED_IN)('shows %s exactly their entries', async (_who, session, expected) => {
    expect(visibleLinks(await renderNavFor(session))).toEqual(expected);
  });

  it('links each staff entry to its page, in bokmål', async () => {
    const el = await renderNavFor(SESSIONS.staff);
    const links = Array.from(el.querySelectorAll('[data-testid^="nav-"]')).map((a) => [a.getAttribute('href'), a.textContent?.trim()]);
    expect(links).toEqual([
      ['/children', 'Barn'],
      ['/concerns', 'Bekymringer'],
      ['/tasks', 'Mine oppgaver'],
      ['/cases', 'Mine saker'],
      ['/discussions', 'Anonym drøfting'],
      ['/reports', 'Meldinger til barnevernet'],
    ]);
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Hovedmeny');
  });

  it('links the family to their children’s cases, not to the staff’s case list', async () => {
    const el = await renderNavFor(SESSIONS.guardian);
    const family = el.querySelector('[data-testid="nav-family"]');
    expect(family?.getAttribute('href')).toBe('/family');
    expect(family?.textContent?.trim()).toBe('Mine barns saker');
    expect(el.querySelector('[data-testid="nav-cases"]')).toBeNull();
    expect(el.querySelector('[data-testid="nav-children"]')?.getAttribute('href')).toBe('/children');
  });

  it('names the family page for a youth as their own cases, not their children’s', async () => {
    const el = await renderNavFor(SESSIONS.youth);
    const family = el.querySelector('[data-testid="nav-family"]');
    expect(family?.getAttribute('href')).toBe('/family');
    expect(family?.textContent?.trim()).toBe('Mine saker');
  });

  it.each([
    ['an administrator', SESSIONS.admin, 'nav-users', '/admin/users'],
    ['an administrator', SESSIONS.admin, 'nav-services', '/admin/services'],
    ['an administrator', SESSIONS.admin, 'nav-settings', '/admin/settings'],
    ['an administrator', SESSIONS.admin, 'nav-imports', '/admin/imports'],
    ['a privacy officer', SESSIONS.privacyOfficer, 'nav-audit', '/access-log'],
  ])('links %s to their page', async (_who, session, testId, path) => {
    expect((await renderNavFor(session)).querySelector(`[data-testid="${testId}"]`)?.getAttribute('href')).toBe(path);
  });

  it.each([
    [
      'a guardian without parental responsibility',
      sessionFor({ displayName: 'Geir Hansen', kind: 'citizen', guardianOf: [{ childId: 'child-1', parentalResponsibility: false }] }),
    ],
    // Below the consent age the youth has no record of their own to read: they sign in to nothing.
    ['a youth below the consent age', sessionFor({ displayName: 'Ung Under', kind: 'citizen' })],
  ])('shows %s no navigation', async (_who, session) => {
    const el = await renderNavFor(session);
    expect(visibleLinks(el)).toEqual([]);
    expect(el.querySelector('nav')).toBeNull();
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
