import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

/** A user of the municipality as administrators see it (`GET /api/admin/users`). */
export interface AdminUserListItem {
  id: string;
  displayName: string;
  kind: 'staff' | 'citizen';
  active: boolean;
  roles: Array<{ role: string; unitName: string | null }>;
  /** Sent back as If-Match to change the user. */
  version: number;
}

@Injectable({ providedIn: 'root' })
export class AdminUsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<AdminUserListItem[]> {
    return this.http.get<AdminUserListItem[]>('/api/admin/users');
  }
}
