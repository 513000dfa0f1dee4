import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

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

  list(): Observable<ChildListItem[]> {
    return this.http.get<ChildListItem[]>('/api/children');
  }
}
