import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ConcernCategory, ConcernDecision, ConcernStatus } from '@stafett/domain';
import { map } from 'rxjs';
import type { Observable } from 'rxjs';
import { CreateKeys } from '../http/idempotency';
import { PAGE_SIZE_MAX, readAll, readPage } from '../http/page';
import type { Page } from '../http/page';
import { SessionStore } from '../session/session.store';

/** A concern as the API answers it (`ConcernResponseDto`). Dates are ISO `YYYY-MM-DD`. */
export interface ConcernResponse {
  id: string;
  unitId: string;
  unitName: string;
  child: { id: string; givenName: string; familyName: string; birthDate: string };
  authorDisplayName: string;
  /** Whether the signed-in user registered it. */
  isAuthor: boolean;
  aroseOn: string;
  observedBy: string;
  description: string;
  childWords: string | null;
  categories: ConcernCategory[];
  talkedWithChildOn: string | null;
  talkedWithGuardiansOn: string | null;
  guardiansNotTalkedReason: string | null;
  sharedWithColleagueOn: string | null;
  sharedWithUnit: boolean;
  decisionDueOn: string;
  /** Open and past the due date, by the server's clock. */
  overdue: boolean;
  status: ConcernStatus;
  decision: ConcernDecision | null;
  decisionReason: string | null;
  requestedCaseLevel: number | null;
  /** The coordinated case opened from this concern, or null while none has been. */
  caseId: string | null;
  version: number;
}

/** A concern with the ETag it was read with, sent back as `If-Match` so a stale change is refused (412). */
export interface VersionedConcern {
  concern: ConcernResponse;
  etag: string;
}

/** A child not yet registered, registered together with the concern. */
export interface NewChildRequest {
  givenName: string;
  familyName: string;
  birthDate: string;
  nationalId?: string;
}

/** `POST /api/concerns`: either `childId` (a child of the unit) or `newChild`. */
export interface CreateConcernRequest {
  unitId: string;
  childId?: string;
  newChild?: NewChildRequest;
  aroseOn: string;
  observedBy: string;
  description: string;
  childWords?: string;
  categories: ConcernCategory[];
}

/** `PATCH /api/concerns/:id/steps`: a field left out is kept, `null` clears it. */
export interface ConcernStepsRequest {
  talkedWithChildOn?: string | null;
  talkedWithGuardiansOn?: string | null;
  guardiansNotTalkedReason?: string | null;
  sharedWithColleagueOn?: string | null;
  sharedWithUnit?: boolean;
}

/** `POST /api/concerns/:id/decision`: a reason is required to close; `level` (2 or 3) only for collaboration. */
export interface ConcernDecisionRequest {
  decision: ConcernDecision;
  reason?: string | null;
  level?: 2 | 3 | null;
}

/** Level 0: register concerns, read them, record their steps and decide them. */
@Injectable({ providedIn: 'root' })
export class ConcernsApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  /** A page of the concerns the server lets this user see: their own, their unit's as leader, shared with their unit. */
  page(next?: string): Observable<Page<ConcernResponse>> {
    return readPage(this.http, next ?? '/api/concerns');
  }

  /** Every concern the user may see, in the largest pages the server gives, for a choice that must offer them all. */
  all(): Observable<ConcernResponse[]> {
    return readAll((next) => readPage<ConcernResponse>(this.http, next ?? `/api/concerns?limit=${PAGE_SIZE_MAX}`));
  }

  get(id: string): Observable<VersionedConcern> {
    return this.http.get<ConcernResponse>(this.url(id), { observe: 'response' }).pipe(map(versioned));
  }

  create(request: CreateConcernRequest): Observable<VersionedConcern> {
    const url = '/api/concerns';
    return this.keys
      .send(url, request, this.writeHeaders(), (headers) => this.http.post<ConcernResponse>(url, request, { observe: 'response', headers }))
      .pipe(map(versioned));
  }

  /** Sends `If-Match: etag`; someone else's change in between is answered 412, a decided concern 409. */
  updateSteps(id: string, request: ConcernStepsRequest, etag: string): Observable<VersionedConcern> {
    return this.http
      .patch<ConcernResponse>(`${this.url(id)}/steps`, request, { observe: 'response', headers: this.writeHeaders(etag) })
      .pipe(map(versioned));
  }

  /** Sends `If-Match: etag`; the decision is final. */
  decide(id: string, request: ConcernDecisionRequest, etag: string): Observable<VersionedConcern> {
    return this.http
      .post<ConcernResponse>(`${this.url(id)}/decision`, request, { observe: 'response', headers: this.writeHeaders(etag) })
      .pipe(map(versioned));
  }

  private url(id: string): string {
    return `/api/concerns/${encodeURIComponent(id)}`;
  }

  /** The CSRF token from the session (as on sign-out), and the version the change is based on. */
  private writeHeaders(etag?: string): HttpHeaders {
    let headers = new HttpHeaders();
    const token = this.session.session()?.csrfToken;
    if (token) headers = headers.set('X-XSRF-TOKEN', token);
    if (etag) headers = headers.set('If-Match', etag);
    return headers;
  }
}

/** The ETag header when the server sent one (it always does); otherwise the version in the body, quoted. */
function versioned(response: HttpResponse<ConcernResponse>): VersionedConcern {
  const concern = response.body as ConcernResponse;
  return { concern, etag: response.headers.get('ETag') ?? `"${concern.version}"` };
}
