import { DestroyRef, Signal, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';
import type { Page } from './page';
import { Remote, remoteFailure } from './remote';

/**
 * A list a page shows one server page at a time, growing when the user asks for more. The first
 * page's outcome is `state`, exactly as `toRemote` gives it (loading, ready, unavailable, failed);
 * a later page that fails leaves what is shown in place and sets `moreFailed`, and `loadMore()`
 * then asks for the same page again.
 */
export interface PagedList<T> {
  /** Loading until the first page arrives; once ready, every item loaded so far, in the server's order. */
  readonly state: Signal<Remote<T[]>>;
  /** The items loaded so far (none before the first page). */
  readonly items: Signal<T[]>;
  /** The server said another page follows. */
  readonly hasMore: Signal<boolean>;
  /** A page after the first is on its way. */
  readonly loadingMore: Signal<boolean>;
  /** The last attempt to load more failed. */
  readonly moreFailed: Signal<boolean>;
  /** How many pages are shown; more than one once the user has loaded more. */
  readonly pages: Signal<number>;
  /** Appends the next page; does nothing while one is loading or when there is none. */
  loadMore(): void;
}

/**
 * Starts reading the first page at once; call it in an injection context (a field initializer),
 * like `toRemote`: requests still running end with the component. `read()` gets no argument for
 * the first page and the previous page's `next` for each later one.
 */
export function pagedList<T extends { id: string }>(read: (next?: string) => Observable<Page<T>>): PagedList<T> {
  const destroyRef = inject(DestroyRef);
  const state = signal<Remote<T[]>>({ kind: 'loading' });
  const next = signal<string | null>(null);
  const loadingMore = signal(false);
  const moreFailed = signal(false);
  const pages = signal(0);

  const load = (url?: string) =>
    read(url)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({
        next: (page) => {
          const shown = state();
          const before = shown.kind === 'ready' ? shown.value : [];
          // A row whose sort key changed between two reads (a concern decided meanwhile) can come
          // again on a later page; it is shown once, where it was first.
          const ids = new Set(before.map((item) => item.id));
          state.set({ kind: 'ready', value: [...before, ...page.items.filter((item) => !ids.has(item.id))] });
          next.set(page.next);
          pages.update((n) => n + 1);
          loadingMore.set(false);
        },
        error: (error: unknown) => {
          if (url === undefined) state.set(remoteFailure(error));
          else moreFailed.set(true);
          loadingMore.set(false);
        },
      });

  load();
  return {
    state: state.asReadonly(),
    items: computed(() => {
      const shown = state();
      return shown.kind === 'ready' ? shown.value : [];
    }),
    hasMore: computed(() => state().kind === 'ready' && next() !== null),
    loadingMore: loadingMore.asReadonly(),
    moreFailed: moreFailed.asReadonly(),
    pages: pages.asReadonly(),
    loadMore: () => {
      const url = next();
      if (url === null || loadingMore()) return;
      moreFailed.set(false);
      loadingMore.set(true);
      load(url);
    },
  };
}
