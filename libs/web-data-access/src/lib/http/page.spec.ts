import { provideHttpClient } from '@angular/common/http';
import { HttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom, of, throwError } from 'rxjs';
import { nextLink, readAll, readPage } from './page';
import type { Page } from './page';

describe('nextLink', () => {
  it.each<[string, string | null | undefined, string | null]>([
    ['no header', null, null],
    ['an empty header', '', null],
    ['the server’s own form', '</api/children?limit=20&cursor=eyJhIjoxfQ>; rel="next"', '/api/children?limit=20&cursor=eyJhIjoxfQ'],
    ['an unquoted rel', '</api/cases?cursor=x>;rel=next', '/api/cases?cursor=x'],
    ['a rel in capitals', '</api/cases?cursor=x> ; REL="NEXT"', '/api/cases?cursor=x'],
    ['only other relations', '</api/cases>; rel="first", </api/cases?cursor=p>; rel="prev"', null],
    ['next after another link', '</api/cases>; rel="prev", </api/cases?cursor=n>; rel="next"', '/api/cases?cursor=n'],
    ['next among several relation types', '</api/cases?cursor=n>; rel="last next"', '/api/cases?cursor=n'],
    ['a relation that only starts with next', '</api/cases?cursor=n>; rel="nextish"', null],
    ['a link with no rel', '</api/cases?cursor=n>; title="next"', null],
    ['a target holding commas and semicolons', '</api/cases?cursor=a,b;c>; rel="next"', '/api/cases?cursor=a,b;c'],
    [
      'other parameters before rel',
      '</api/cases?cursor=n>; type="application/json"; title*=UTF-8\'\'neste; rel="next"',
      '/api/cases?cursor=n',
    ],
  ])('%s', (_, header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });

  it('is not fooled by rel=next inside another link’s quoted parameter', () => {
    const header = '</api/cases?cursor=wrong>; title="see, <x>; rel=next", </api/cases?cursor=right>; rel="next"';
    expect(nextLink(header)).toBe('/api/cases?cursor=right');
  });

  it('reads a quoted parameter with escaped quotes through to its end', () => {
    const header = '</api/cases?cursor=wrong>; title="say \\"hi\\"; rel=next", </api/cases?cursor=right>; rel="next"';
    expect(nextLink(header)).toBe('/api/cases?cursor=right');
  });

  it('counts only the first rel of a link (RFC 8288 §3.3)', () => {
    expect(nextLink('</api/cases?cursor=n>; rel="prev"; rel="next"')).toBeNull();
  });

  it('gives up on a target that never closes', () => {
    expect(nextLink('</api/cases?cursor=n; rel="next"')).toBeNull();
  });
});

describe('readPage', () => {
  let http: HttpTestingController;
  const read = (url: string) => firstValueFrom(readPage<{ id: string }>(TestBed.inject(HttpClient), url));

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('gives the body as the items and the next link, or null on the last page', async () => {
    const first = read('/api/children');
    http.expectOne('/api/children').flush([{ id: 'a' }], { headers: { Link: '</api/children?cursor=n>; rel="next"' } });
    await expect(first).resolves.toEqual({ items: [{ id: 'a' }], next: '/api/children?cursor=n' });
    const last = read('/api/children?cursor=n');
    http.expectOne('/api/children?cursor=n').flush([{ id: 'b' }], { headers: { Link: '</api/children>; rel="first"' } });
    await expect(last).resolves.toEqual({ items: [{ id: 'b' }], next: null });
  });

  it('reads the next link from any of several Link headers', async () => {
    const result = read('/api/children');
    http
      .expectOne('/api/children')
      .flush([], { headers: { Link: ['</api/children>; rel="first"', '</api/children?cursor=n>; rel="next"'] } });
    await expect(result).resolves.toMatchObject({ next: '/api/children?cursor=n' });
  });

  it.each(['https://elsewhere.example/api/children?cursor=n', '//elsewhere.example/api/children', 'api/children?cursor=n'])(
    'refuses to follow a next link off this server: %s',
    async (target) => {
      const result = read('/api/children');
      http.expectOne('/api/children').flush([], { headers: { Link: `<${target}>; rel="next"` } });
      await expect(result).rejects.toThrow('not on this server');
    },
  );

  it('passes an HTTP error on', async () => {
    const result = read('/api/children?cursor=bad');
    http.expectOne('/api/children?cursor=bad').flush({ status: 400 }, { status: 400, statusText: 'Bad Request' });
    await expect(result).rejects.toMatchObject({ status: 400 });
  });
});

describe('readAll', () => {
  const pages: Record<string, Page<number>> = {
    first: { items: [1, 2], next: '/p2' },
    '/p2': { items: [3], next: '/p3' },
    '/p3': { items: [4, 5], next: null },
  };

  it('reads every page in order and emits the items once', async () => {
    const asked: Array<string | undefined> = [];
    const all = await firstValueFrom(
      readAll((next) => {
        asked.push(next);
        return of(pages[next ?? 'first']);
      }),
    );
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, '/p2', '/p3']);
  });

  it('fails when a page fails, without giving part of the list', async () => {
    const read = (next?: string) => (next === '/p3' ? throwError(() => new Error('boom')) : of(pages[next ?? 'first']));
    await expect(firstValueFrom(readAll(read))).rejects.toThrow('boom');
  });

  it('stops when the server gives the same next page twice', async () => {
    const read = (next?: string) => of<Page<number>>({ items: [next ? 2 : 1], next: '/again' });
    await expect(firstValueFrom(readAll(read))).rejects.toThrow('repeated');
  });
});
