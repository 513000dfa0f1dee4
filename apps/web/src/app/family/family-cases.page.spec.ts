import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionStore } from '@stafett/web-data-access';
import { caseSummary } from '../../testing/cases';
import { nextPageAt, pagingStatus, showMoreButton } from '../../testing/paging';
import { SESSIONS } from '../../testing/sessions';
import { FamilyCasesPage } from './family-cases.page';

describe('FamilyCasesPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('shows the first page, appends the page the Link header names on "Vis flere", and has no button on the last', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.guardian);
    await loaded;
    const fixture = TestBed.createComponent(FamilyCasesPage);
    await fixture.whenStable();
    const next = '/api/cases?cursor=WyJvcGVuIl0';
    http.expectOne({ method: 'GET', url: '/api/cases' }).flush([caseSummary()], nextPageAt(next));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const links = () => Array.from(el.querySelectorAll('[data-testid="family-case"] a')).map((a) => a.getAttribute('href'));
    expect(links()).toEqual(['/family/cases/case-1']);
    expect(pagingStatus(el)).toBe('Viser 1. Det finnes flere.');

    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: next }).flush([caseSummary({ id: 'case-2' })]);
    await fixture.whenStable();
    expect(links()).toEqual(['/family/cases/case-1', '/family/cases/case-2']);
    expect(showMoreButton(el)).toBeNull();
  });
});
