import { Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { remoteFailure } from '@stafett/web-data-access';
import type { Remote } from '@stafett/web-data-access';
import { Observable, catchError, map, of } from 'rxjs';

// The state type lives in web-data-access beside `pagedList`, which gives its lists the same states.
export { remoteFailure };
export type { Remote };

/** Subscribes once, in the caller's injection context, and unsubscribes when it is destroyed. */
export function toRemote<T>(source: Observable<T>): Signal<Remote<T>> {
  return toSignal(
    source.pipe(
      map((value): Remote<T> => ({ kind: 'ready', value })),
      catchError((error: unknown) => of(remoteFailure<T>(error))),
    ),
    { initialValue: { kind: 'loading' } },
  );
}
