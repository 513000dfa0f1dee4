import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { Page } from './page';
import { pagedList } from './paged-list';

type Item = { id: string };

/** A list whose pages the test answers one by one, recording what the list asked for. */
function stage() {
  const asked: Array<string | undefined> = [];
  const pending: Array<Subject<Page<Item>>> = [];
  const list = TestBed.runInInjectionContext(() =>
    pagedList<Item>((next) => {
      asked.push(next);
      const answer = new Subject<Page<Item>>();
      pending.push(answer);
      return answer;
    }),
  );
  const answer = (page: Page<Item>) => {
    const subject = pending.shift() as Subject<Page<Item>>;
    subject.next(page);
    subject.complete();
  };
  const fail = (status: number) => (pending.shift() as Subject<Page<Item>>).error(new HttpErrorResponse({ status }));
  return { list, asked, answer, fail };
}

const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('pagedList', () => {
  it('loads the first page at once and appends each next page in order', () => {
    const { list, asked, answer } = stage();
    expect(list.state()).toEqual({ kind: 'loading' });
    expect(asked).toEqual([undefined]);
    answer({ items: items('a', 'b'), next: '/api/x?cursor=2' });
    expect(list.state()).toEqual({ kind: 'ready', value: items('a', 'b') });
    expect(list.hasMore()).toBe(true);

    list.loadMore();
    expect(list.loadingMore()).toBe(true);
    list.loadMore(); // a second click while loading asks for nothing
    expect(asked).toEqual([undefined, '/api/x?cursor=2']);
    answer({ items: items('c'), next: null });
    expect(list.items()).toEqual(items('a', 'b', 'c'));
    expect(list.hasMore()).toBe(false);
    expect(list.loadingMore()).toBe(false);
    expect(list.pages()).toBe(2);

    list.loadMore(); // nothing after the last page
    expect(asked).toHaveLength(2);
  });

  it.each([
    [403, 'unavailable'],
    [404, 'unavailable'],
    [500, 'failed'],
  ])('says a first page answered %s is %s, as toRemote does', (status, kind) => {
    const { list, fail } = stage();
    fail(status);
    expect(list.state()).toEqual({ kind });
    expect(list.hasMore()).toBe(false);
  });

  it('keeps what is shown when a later page fails, and asks for the same page again', () => {
    const { list, asked, answer, fail } = stage();
    answer({ items: items('a'), next: '/api/x?cursor=2' });
    list.loadMore();
    fail(500);
    expect(list.state()).toEqual({ kind: 'ready', value: items('a') });
    expect(list.moreFailed()).toBe(true);
    expect(list.hasMore()).toBe(true);
    list.loadMore();
    expect(list.moreFailed()).toBe(false);
    expect(asked).toEqual([undefined, '/api/x?cursor=2', '/api/x?cursor=2']);
    answer({ items: items('b'), next: null });
    expect(list.items()).toEqual(items('a', 'b'));
  });

  it('shows a row that comes again on a later page once, where it was first', () => {
    const { list, answer } = stage();
    answer({ items: items('a', 'b'), next: '/api/x?cursor=2' });
    list.loadMore();
    answer({ items: items('b', 'c'), next: null });
    expect(list.items()).toEqual(items('a', 'b', 'c'));
  });
});
