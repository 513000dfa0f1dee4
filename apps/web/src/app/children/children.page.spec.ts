import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ChildListItem } from '@stafett/web-data-access';
import { nextPageAt, pagingStatus, showMoreButton } from '../../testing/paging';
import { ChildrenPage } from './children.page';

const child = (id: string, givenName: string): ChildListItem => ({
  id,
  givenName,
  familyName: 'Nordmann',
  birthDate: '2016-03-04',
  addressProtection: null,
  units: [{ id: 'u1', name: 'Fjordvik skole', groupName: '3B' }],
});

describe('ChildrenPage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [ChildrenPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  async function renderWith(answer: (http: HttpTestingController) => void): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(ChildrenPage);
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    answer(http);
    await fixture.whenStable();
    http.verify();
    return fixture.nativeElement as HTMLElement;
  }

  /** The page with its first page answered, for clicking through the next ones. */
  async function firstPage(children: ChildListItem[], next: string | null) {
    const fixture = TestBed.createComponent(ChildrenPage);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    // The first page is the list's own path: the server's default page size, no cursor.
    http.expectOne({ method: 'GET', url: '/api/children' }).flush(children, next ? nextPageAt(next) : {});
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const names = () => Array.from(el.querySelectorAll('[data-testid="children-table"] tbody th')).map((th) => th.textContent?.trim());
    return { fixture, http, el, names };
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the children with birth date and units', async () => {
    const el = await renderWith((http) => http.expectOne('/api/children').flush([child('c1', 'Ola')]));
    expect(el.querySelector('[data-testid="children-heading"]')?.textContent).toBe('Barn');
    const row = el.querySelector('[data-testid="children-table"] tbody tr') as HTMLTableRowElement;
    expect(row.querySelector('th')?.textContent?.trim()).toBe('Ola Nordmann');
    expect(row.textContent).toContain('4. mars 2016');
    expect(row.textContent).toContain('Fjordvik skole, 3B');
  });

  it('marks a child with a protected address for staff, and only that child', async () => {
    const el = await renderWith((http) =>
      http.expectOne('/api/children').flush([{ ...child('c1', 'Ola'), addressProtection: 'strengt_fortrolig' }, child('c2', 'Kari')]),
    );
    expect(el.querySelector('[data-testid="child-protection-c1"]')?.textContent?.trim()).toBe('Strengt fortrolig adresse');
    expect(el.querySelector('[data-testid="child-protection-c2"]')).toBeNull();
  });

  it('has no "Vis flere" and says nothing about paging when the list fits one page', async () => {
    const el = await renderWith((http) => http.expectOne('/api/children').flush([child('c1', 'Ola')]));
    expect(showMoreButton(el)).toBeNull();
    expect(pagingStatus(el)).toBe('');
  });

  it('appends each next page, asking for exactly the URL the Link header gave, until the last page', async () => {
    const second = '/api/children?cursor=WyJOb3JkbWFubiIsIkthcmkiXQ';
    const third = '/api/children?cursor=WyJOb3JkbWFubiIsIlBlciJd&limit=50';
    const { fixture, http, el, names } = await firstPage([child('c1', 'Ola'), child('c2', 'Kari')], second);
    expect(names()).toEqual(['Ola Nordmann', 'Kari Nordmann']);
    expect(showMoreButton(el)?.textContent?.trim()).toBe('Vis flere');
    expect(pagingStatus(el)).toBe('Viser 2. Det finnes flere.');
    expect(el.querySelector('[data-testid="show-more-status"]')?.getAttribute('role')).toBe('status');

    showMoreButton(el)?.click();
    await fixture.whenStable();
    // While the page loads the button says so and a second click asks for nothing more.
    expect(showMoreButton(el)?.getAttribute('aria-busy')).toBe('true');
    expect(showMoreButton(el)?.textContent?.trim()).toBe('Henter flere …');
    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: second }).flush([child('c3', 'Per')], nextPageAt(third));
    await fixture.whenStable();
    expect(names()).toEqual(['Ola Nordmann', 'Kari Nordmann', 'Per Nordmann']);
    expect(showMoreButton(el)?.hasAttribute('aria-busy')).toBe(false);
    expect(pagingStatus(el)).toBe('Viser 3. Det finnes flere.');

    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: third }).flush([child('c4', 'Siri')]);
    await fixture.whenStable();
    expect(names()).toEqual(['Ola Nordmann', 'Kari Nordmann', 'Per Nordmann', 'Siri Nordmann']);
    expect(showMoreButton(el)).toBeNull();
    expect(pagingStatus(el)).toBe('Viser alle 4.');
  });

  it('keeps the children shown when a later page fails, says so, and tries the same page again', async () => {
    const second = '/api/children?cursor=abc';
    const { fixture, http, el, names } = await firstPage([child('c1', 'Ola')], second);
    showMoreButton(el)?.click();
    http.expectOne(second).flush('boom', { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(names()).toEqual(['Ola Nordmann']);
    expect(el.querySelector('[data-testid="show-more-failed"]')?.textContent).toBe('Kunne ikke hente flere fra tjeneren. Prøv igjen.');
    expect(el.querySelector('[data-testid="show-more-failed"]')?.getAttribute('role')).toBe('alert');

    showMoreButton(el)?.click();
    http.expectOne(second).flush([child('c2', 'Kari')]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="show-more-failed"]')).toBeNull();
    expect(names()).toEqual(['Ola Nordmann', 'Kari Nordmann']);
  });

  it('says when there is nothing to show', async () => {
    const el = await renderWith((http) => http.expectOne('/api/children').flush([]));
    expect(el.textContent).toContain('Det er ingen barn å vise.');
  });

  it('says "not found or no access" for 403 and 404 alike', async () => {
    const forbidden = await renderWith((http) => http.expectOne('/api/children').flush(null, { status: 403, statusText: 'Forbidden' }));
    const notFound = await renderWith((http) => http.expectOne('/api/children').flush(null, { status: 404, statusText: 'Not Found' }));
    const text = 'Siden finnes ikke, eller du har ikke tilgang til den.';
    expect(forbidden.querySelector('[role="alert"]')?.textContent).toBe(text);
    expect(notFound.querySelector('[role="alert"]')?.textContent).toBe(text);
  });

  it('says the server failed on other errors', async () => {
    const el = await renderWith((http) => http.expectOne('/api/children').flush('boom', { status: 500, statusText: 'Error' }));
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Kunne ikke hente');
    expect(showMoreButton(el)).toBeNull();
  });
});
