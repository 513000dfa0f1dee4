import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { CreateKeys } from '../http/idempotency';
import { readPage } from '../http/page';
import type { Page } from '../http/page';
import { SessionStore } from '../session/session.store';

/** A report to child welfare as the API answers it (`ReportResponseDto`). Dates are `YYYY-MM-DD`, marks ISO date-times. */
export interface ReportResponse {
  id: string;
  child: { id: string; givenName: string; familyName: string; birthDate: string };
  reporterDisplayName: string;
  reporterUnitName: string;
  concernId: string | null;
  content: string;
  urgent: boolean;
  submittedOn: string;
  /** Child welfare reviews within one week … */
  reviewDueOn: string;
  /** … and confirms receipt to the reporter within three weeks. */
  receiptDueOn: string;
  reviewedAt: string | null;
  receiptConfirmedAt: string | null;
  /** Not reviewed and past the deadline, by the server's clock. */
  reviewOverdue: boolean;
  receiptOverdue: boolean;
  /** Sent back as If-Match to review it or confirm receipt. */
  version: number;
}

/** `POST /api/child-welfare-reports`: about a child you may see (`childId`), or filed from a concern (`concernId`). */
export interface CreateReportRequest {
  reporterUnitId: string;
  childId?: string;
  concernId?: string;
  content: string;
  urgent?: boolean;
}

/** The report a command acts on, as it was read. */
type Versioned = Pick<ReportResponse, 'id' | 'version'>;

/** Reports to child welfare (opplysningsplikt): filed without consent, read by the reporter, their leaders and child welfare. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  /** A page of the reports the user filed, their unit filed (as leader), or child welfare received; urgent and soonest due first. */
  page(next?: string): Observable<Page<ReportResponse>> {
    return readPage(this.http, next ?? '/api/child-welfare-reports');
  }

  get(id: string): Observable<ReportResponse> {
    return this.http.get<ReportResponse>(this.url(id));
  }

  file(request: CreateReportRequest): Observable<ReportResponse> {
    const url = '/api/child-welfare-reports';
    return this.keys.send(url, request, this.writeHeaders(), (headers) => this.http.post<ReportResponse>(url, request, { headers }));
  }

  /** Child welfare only; already reviewed is answered 409, changed since it was read 412. */
  markReviewed(report: Versioned): Observable<ReportResponse> {
    return this.mark(report, 'review');
  }

  /** Child welfare only; already confirmed is answered 409, changed since it was read 412. */
  confirmReceipt(report: Versioned): Observable<ReportResponse> {
    return this.mark(report, 'receipt');
  }

  private mark(report: Versioned, what: 'review' | 'receipt'): Observable<ReportResponse> {
    const headers = this.writeHeaders().set('If-Match', `"${report.version}"`);
    return this.http.post<ReportResponse>(`${this.url(report.id)}/${what}`, null, { headers });
  }

  private url(id: string): string {
    return `/api/child-welfare-reports/${encodeURIComponent(id)}`;
  }

  private writeHeaders(): HttpHeaders {
    const token = this.session.session()?.csrfToken;
    return token ? new HttpHeaders({ 'X-XSRF-TOKEN': token }) : new HttpHeaders();
  }
}
