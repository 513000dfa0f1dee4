import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { PAGE_SIZE_MAX, readAll, readPage } from '../http/page';
import type { Page } from '../http/page';

/** A child as listed by `GET /api/children`, with the units the child is enrolled in now. */
export interface ChildListItem {
  id: string;
  givenName: string;
  familyName: string;
  /** ISO date, `YYYY-MM-DD`. */
  birthDate: string;
  units: Array<{ id: string; name: string; groupName: string | null }>;
}

/** Staff see the children of their units, a guardian their own children, a youth themself; the server filters. */
@Injectable({ providedIn: 'root' })
export class ChildrenApi {
  private readonly http = inject(HttpClient);

  /** A page of the list, by family name; `next` is the previous page's link. */
  page(next?: string): Observable<Page<ChildListItem>> {
    return readPage(this.http, next ?? '/api/children');
  }

  /** Every child the user may see, read in the largest pages the server gives, for a select that must offer them all. */
  all(): Observable<ChildListItem[]> {
    return readAll((next) => readPage<ChildListItem>(this.http, next ?? `/api/children?limit=${PAGE_SIZE_MAX}`));
  }
}
