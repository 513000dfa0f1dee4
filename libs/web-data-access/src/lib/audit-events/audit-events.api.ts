import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

/** One entry of the access log (`GET /api/audit-events`): who did what to which kind of record, never the content. */
export interface AuditEventListItem {
  id: string;
  /** ISO timestamp. */
  occurredAt: string;
  actorDisplayName: string | null;
  actorRole: string | null;
  action: string;
  recordType: string;
  category: string | null;
  basis: string | null;
  outcome: string;
}

@Injectable({ providedIn: 'root' })
export class AuditEventsApi {
  private readonly http = inject(HttpClient);

  /** The latest events, newest first as the server orders them. */
  latest(limit = 50): Observable<AuditEventListItem[]> {
    return this.http.get<AuditEventListItem[]>('/api/audit-events', { params: { limit } });
  }
}
