import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionStore } from '@stafett/web-data-access';
import { textOf } from '../../testing/concerns';
import { LEVEL0_SESSIONS, discussionResponse } from '../../testing/level0';
import { nextPageAt, pagingStatus, showMoreButton } from '../../testing/paging';
import { DiscussionsPage } from './discussions.page';

describe('DiscussionsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(answer: (http: HttpTestingController) => void) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(LEVEL0_SESSIONS.kari);
    await loaded;
    const fixture = TestBed.createComponent(DiscussionsPage);
    await fixture.whenStable();
    answer(http);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const topics = () => Array.from(el.querySelectorAll('[data-testid="discussion-item"] a')).map((a) => a.getAttribute('href'));
    return { fixture, el, topics };
  }

  it('shows the first page, appends the page the Link header names on "Vis flere", and has no button on the last', async () => {
    const next = '/api/anonymous-discussions?cursor=WyJvcGVuIl0';
    const { fixture, el, topics } = await render((h) =>
      h.expectOne({ method: 'GET', url: '/api/anonymous-discussions' }).flush([discussionResponse({ id: 'd1' })], nextPageAt(next)),
    );
    expect(topics()).toEqual(['/discussions/d1']);
    expect(pagingStatus(el)).toBe('Viser 1. Det finnes flere.');

    showMoreButton(el)?.click();
    http.expectOne({ method: 'GET', url: next }).flush([discussionResponse({ id: 'd2' }), discussionResponse({ id: 'd3' })]);
    await fixture.whenStable();
    expect(topics()).toEqual(['/discussions/d1', '/discussions/d2', '/discussions/d3']);
    expect(showMoreButton(el)).toBeNull();
    expect(pagingStatus(el)).toBe('Viser alle 3.');
  });

  it('keeps the discussions shown when the next page fails', async () => {
    const next = '/api/anonymous-discussions?cursor=abc';
    const { fixture, el, topics } = await render((h) =>
      h.expectOne('/api/anonymous-discussions').flush([discussionResponse({ id: 'd1' })], nextPageAt(next)),
    );
    showMoreButton(el)?.click();
    http.expectOne(next).flush(null, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(topics()).toEqual(['/discussions/d1']);
    expect(textOf(el, 'show-more-failed')).toBe('Kunne ikke hente flere fra tjeneren. Prøv igjen.');
    expect(showMoreButton(el)).not.toBeNull();
  });

  it('says the server failed when the first page fails', async () => {
    const { el } = await render((h) => h.expectOne('/api/anonymous-discussions').flush('boom', { status: 500, statusText: 'Error' }));
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Kunne ikke hente');
    expect(showMoreButton(el)).toBeNull();
  });
});
