import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ChildListItem } from '@stafett/web-data-access';
import { ChildrenPage } from './children.page';

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

  it('lists the children with birth date and units', async () => {
    const children: ChildListItem[] = [
      {
        id: 'c1',
        givenName: 'Ola',
        familyName: 'Nordmann',
        birthDate: '2016-03-04',
        units: [{ id: 'u1', name: 'Fjordvik skole', groupName: '3B' }],
      },
    ];
    const el = await renderWith((http) => http.expectOne('/api/children').flush(children));
    expect(el.querySelector('[data-testid="children-heading"]')?.textContent).toBe('Barn');
    const row = el.querySelector('[data-testid="children-table"] tbody tr') as HTMLTableRowElement;
    expect(row.querySelector('th')?.textContent?.trim()).toBe('Ola Nordmann');
    expect(row.textContent).toContain('4. mars 2016');
    expect(row.textContent).toContain('Fjordvik skole, 3B');
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
  });
});
