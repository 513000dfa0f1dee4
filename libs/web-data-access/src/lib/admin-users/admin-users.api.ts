import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { CreateKeys } from '../http/idempotency';
import { SessionStore } from '../session/session.store';

/** A role assignment with its dates (`RoleAssignmentResponseDto`); dates `YYYY-MM-DD`, `validTo` inclusive. */
export interface AdminRoleAssignment {
  id: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
  validFrom: string;
  validTo: string | null;
  /** Whether it holds today (the server's date). */
  current: boolean;
  version: number;
}

/** A user of the municipality as administrators see it (`GET /api/admin/users`). */
export interface AdminUserListItem {
  id: string;
  displayName: string;
  kind: 'staff' | 'citizen';
  active: boolean;
  email: string | null;
  upn: string | null;
  /** Bound to the identity provider: they have signed in at least once. */
  signedIn: boolean;
  roles: AdminRoleAssignment[];
  /** Sent back as If-Match to change the user. */
  version: number;
}

export interface CreateStaffUserRequest {
  displayName: string;
  email?: string;
  upn?: string;
}

export interface CreateRoleAssignmentRequest {
  role: string;
  unitId?: string;
  validFrom?: string;
  validTo?: string;
}

/** Users, invitations and role assignments, for administrators (`/api/admin/users`). */
@Injectable({ providedIn: 'root' })
export class AdminUsersApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  list(): Observable<AdminUserListItem[]> {
    return this.http.get<AdminUserListItem[]>('/api/admin/users');
  }

  get(id: string): Observable<AdminUserListItem> {
    return this.http.get<AdminUserListItem>(this.url(id));
  }

  /** Invites a staff user; a taken e-mail or UPN is answered 409. */
  create(request: CreateStaffUserRequest): Observable<AdminUserListItem> {
    const url = '/api/admin/users';
    return this.keys.send(url, request, this.writeHeaders(), (headers) => this.http.post<AdminUserListItem>(url, request, { headers }));
  }

  /** Activates or deactivates a user at the version read (412 when it changed since). */
  setActive(user: Pick<AdminUserListItem, 'id' | 'version'>, active: boolean): Observable<AdminUserListItem> {
    const headers = this.writeHeaders().set('If-Match', `"${user.version}"`);
    return this.http.patch<AdminUserListItem>(this.url(user.id), { active }, { headers });
  }

  addRole(userId: string, request: CreateRoleAssignmentRequest): Observable<AdminRoleAssignment> {
    const url = `${this.url(userId)}/roles`;
    return this.keys.send(url, request, this.writeHeaders(), (headers) => this.http.post<AdminRoleAssignment>(url, request, { headers }));
  }

  /** Ends a role now (yesterday was its last day) or on a later `validTo`. */
  endRole(userId: string, role: Pick<AdminRoleAssignment, 'id' | 'version'>, validTo?: string): Observable<AdminRoleAssignment> {
    const headers = this.writeHeaders().set('If-Match', `"${role.version}"`);
    return this.http.post<AdminRoleAssignment>(`${this.url(userId)}/roles/${encodeURIComponent(role.id)}/end`, validTo ? { validTo } : {}, {
      headers,
    });
  }

  private url(id: string): string {
    return `/api/admin/users/${encodeURIComponent(id)}`;
  }

  private writeHeaders(): HttpHeaders {
    const token = this.session.session()?.csrfToken;
    return token ? new HttpHeaders({ 'X-XSRF-TOKEN': token }) : new HttpHeaders();
  }
}
