import type { AddressProtection } from '@stafett/domain';
import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AddGuardianRequest } from '@stafett/domain';
import type { Observable } from 'rxjs';
import { CreateKeys } from '../http/idempotency';
import { PAGE_SIZE_MAX, readAll, readPage } from '../http/page';
import type { Page } from '../http/page';
import { SessionStore } from '../session/session.store';

/** A current guardian of a child as staff see it (`ChildGuardianDto`); the family is not sent this list. */
export interface ChildGuardian {
  /** The guardianship. */
  id: string;
  displayName: string;
  /** `mor`, `far`, `medmor`, `annen_foresatt`, or as the register gave it. */
  relation: string | null;
  parentalResponsibility: boolean;
  /** Confirmed by a register import; false while only registered by hand. */
  verified: boolean;
  source: 'register' | 'manual';
}

/** A child as listed by `GET /api/children`, with the units the child is enrolled in now. */
export interface ChildListItem {
  id: string;
  givenName: string;
  familyName: string;
  /** ISO date, `YYYY-MM-DD`. */
  birthDate: string;
  units: Array<{ id: string; name: string; groupName: string | null }>;
  /** The register's address protection: a marking staff see (null for the family, and when there is none). */
  addressProtection: AddressProtection | null;
  /** Staff only: the child's current guardians. */
  guardians?: ChildGuardian[];
}

/** Staff see the children of their units, a guardian their own children, a youth themself; the server filters. */
@Injectable({ providedIn: 'root' })
export class ChildrenApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  /** A page of the list, by family name; `next` is the previous page's link. */
  page(next?: string): Observable<Page<ChildListItem>> {
    return readPage(this.http, next ?? '/api/children');
  }

  /** Every child the user may see, read in the largest pages the server gives, for a select that must offer them all. */
  all(): Observable<ChildListItem[]> {
    return readAll((next) => readPage<ChildListItem>(this.http, next ?? `/api/children?limit=${PAGE_SIZE_MAX}`));
  }

  /**
   * Registers by hand a guardian the registers lack (unverified until a register import confirms
   * them); answers the child with its guardians. 409 when the person already is a guardian of the child.
   */
  addGuardian(childId: string, request: AddGuardianRequest): Observable<ChildListItem> {
    const url = `/api/children/${encodeURIComponent(childId)}/guardians`;
    const token = this.session.session()?.csrfToken;
    const headers = token ? new HttpHeaders({ 'X-XSRF-TOKEN': token }) : new HttpHeaders();
    return this.keys.send(url, request, headers, (sent) => this.http.post<ChildListItem>(url, request, { headers: sent }));
  }
}
