import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ConcernCategory } from '@stafett/domain';
import type { Observable } from 'rxjs';
import { CreateKeys } from '../http/idempotency';
import { readPage } from '../http/page';
import type { Page } from '../http/page';
import { SessionStore } from '../session/session.store';

/** Ages are given as a band, never as an exact age or a birth date (the API's `AGE_BANDS`). */
export const AGE_BANDS = ['0-2', '3-5', '6-9', '10-12', '13-15', '16-18'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The server takes at most this many invited units. */
export const MAX_INVITED_UNITS = 10;

/** A discussion in a list (`DiscussionSummaryDto`). Timestamps are ISO date-times. */
export interface DiscussionSummary {
  id: string;
  topic: string;
  authorDisplayName: string;
  authorUnitName: string;
  /** Whether the signed-in user started it. */
  isAuthor: boolean;
  ageBand: AgeBand | null;
  categories: ConcernCategory[];
  /** The details could narrow the group below five children; the author was warned. */
  identifiabilityWarning: boolean;
  status: 'open' | 'closed';
  adviceCount: number;
  createdAt: string;
}

export interface DiscussionAdvice {
  id: string;
  authorDisplayName: string;
  unitName: string;
  text: string;
  createdAt: string;
}

/** One discussion with its advice (`DiscussionResponseDto`). */
export interface DiscussionResponse extends DiscussionSummary {
  description: string;
  invitedUnits: Array<{ id: string; name: string }>;
  advice: DiscussionAdvice[];
  /** The author's concern; given only to staff of the author's unit, null for everyone else. */
  linkedConcernId: string | null;
  /** Rough number of children the details fit; only in the answer to creating the discussion. */
  estimatedMatchingChildren: number | null;
  /** Sent back as If-Match to close it. */
  version: number;
}

/** `POST /api/anonymous-discussions`. Deliberately without name, birth date, identity number or address. */
export interface CreateDiscussionRequest {
  authorUnitId: string;
  topic: string;
  description: string;
  ageBand?: AgeBand | null;
  categories: ConcernCategory[];
  namesGroup: boolean;
  namesDiagnosis: boolean;
  invitedUnitIds: string[];
  linkedConcernId?: string;
}

/** Anonymous discussion: ask units of other services for advice without identifying the child. */
@Injectable({ providedIn: 'root' })
export class DiscussionsApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  /** A page of the discussions the user started, their unit's, and those their unit is invited to. */
  page(next?: string): Observable<Page<DiscussionSummary>> {
    return readPage(this.http, next ?? '/api/anonymous-discussions');
  }

  get(id: string): Observable<DiscussionResponse> {
    return this.http.get<DiscussionResponse>(this.url(id));
  }

  create(request: CreateDiscussionRequest): Observable<DiscussionResponse> {
    return this.post('/api/anonymous-discussions', request);
  }

  /** The author or staff of an invited unit; a closed discussion is answered 409. */
  addAdvice(id: string, text: string): Observable<DiscussionResponse> {
    return this.post(`${this.url(id)}/advice`, { text });
  }

  /** The author only (403 for anyone else); already closed is 409, changed since it was read 412. */
  close(discussion: Pick<DiscussionResponse, 'id' | 'version'>): Observable<DiscussionResponse> {
    const headers = this.writeHeaders().set('If-Match', `"${discussion.version}"`);
    return this.http.post<DiscussionResponse>(`${this.url(discussion.id)}/close`, null, { headers });
  }

  /** A create, with its Idempotency-Key. */
  private post(url: string, body: unknown): Observable<DiscussionResponse> {
    return this.keys.send(url, body, this.writeHeaders(), (headers) => this.http.post<DiscussionResponse>(url, body, { headers }));
  }

  private url(id: string): string {
    return `/api/anonymous-discussions/${encodeURIComponent(id)}`;
  }

  /** The CSRF token from the session, as the other writes send it. */
  private writeHeaders(): HttpHeaders {
    const token = this.session.session()?.csrfToken;
    return token ? new HttpHeaders({ 'X-XSRF-TOKEN': token }) : new HttpHeaders();
  }
}
