import { HttpClient, HttpResponse } from '@angular/common/http';
import { EMPTY, Observable, expand, map, reduce } from 'rxjs';

/** One page of a list: its items in the server's order, and the server's URL of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** The most items the server gives in one page (`PAGE_SIZE_MAX` in the API); for reading a whole list in few requests. */
export const PAGE_SIZE_MAX = 200;

/**
 * The target of the `rel="next"` link in a `Link` header (RFC 8288), or null when there is none.
 * Several links may share the header, a link may have several relation types (`rel="next last"`),
 * and a quoted parameter may hold commas, semicolons and `rel=` itself, so the header is scanned,
 * not split. The relation type is compared case-insensitively; only a link's first `rel` counts.
 */
export function nextLink(header: string | null | undefined): string | null {
  if (!header) return null;
  const param = /[ \t]*;[ \t]*([^\s=;,]+)[ \t]*(?:=[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^\s;,"]*)))?/y;
  let at = 0;
  while (at < header.length) {
    const open = header.indexOf('<', at);
    const close = open < 0 ? -1 : header.indexOf('>', open);
    if (close < 0) return null;
    const target = header.slice(open + 1, close).trim();
    let rel: string | null = null;
    param.lastIndex = close + 1;
    let match: RegExpExecArray | null;
    while ((match = param.exec(header))) {
      if (rel === null && match[1].toLowerCase() === 'rel')
        rel = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
      at = param.lastIndex;
    }
    at = Math.max(at, close + 1);
    if (rel !== null && rel.toLowerCase().split(/\s+/).includes('next')) return target;
  }
  return null;
}

/**
 * Reads one page at `url` — the list's own path for the first page, the `next` of the page before
 * for the others, followed as the server wrote it: the client never builds a cursor. A `next` that
 * is not a path on this server is refused rather than followed, so a list request (with the
 * session cookie) can never be sent elsewhere.
 */
export function readPage<T>(http: HttpClient, url: string): Observable<Page<T>> {
  return http.get<T[]>(url, { observe: 'response' }).pipe(map((response) => toPage(response)));
}

function toPage<T>(response: HttpResponse<T[]>): Page<T> {
  // Several Link headers are one list of links (RFC 8288 §3); the browser usually joins them already.
  const next = nextLink(response.headers.getAll('Link')?.join(', '));
  if (next !== null && !/^\/(?!\/)/.test(next)) throw new Error(`The next page is not on this server: ${next}`);
  return { items: response.body ?? [], next };
}

/**
 * Every item of a list, page after page, for a choice that must offer all of them (a select of
 * children): emits once, when the last page is read; fails when any page fails. Stops with an
 * error if the server ever gave the same `next` twice, rather than asking for ever.
 */
export function readAll<T>(read: (next?: string) => Observable<Page<T>>): Observable<T[]> {
  const seen = new Set<string>();
  return read().pipe(
    expand((page) => {
      if (page.next === null) return EMPTY;
      if (seen.has(page.next)) throw new Error(`The list repeated its next page: ${page.next}`);
      seen.add(page.next);
      return read(page.next);
    }),
    reduce((all, page) => [...all, ...page.items], [] as T[]),
  );
}
