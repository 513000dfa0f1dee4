import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccessLogEntryResponse,
  ConsentResponse,
  CreateConsentRequest,
  RecordAnswerRequest,
  SubmitConsentRequest,
  WithdrawConsentRequest,
} from '@stafett/domain';
import type { Observable } from 'rxjs';
import { SessionStore } from '../session/session.store';

/**
 * Consents of a case: the coordinator asks for one (a draft, a new version replacing the last),
 * sends it to the signers and records oral or paper answers; guardians with parental
 * responsibility and the youth sign, decline or withdraw it themselves. Every command answers the
 * consent as it now stands, with `permissions` saying what the signed-in user may do next.
 */
@Injectable({ providedIn: 'root' })
export class ConsentsApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  /** Every version, newest first. */
  list(caseId: string): Observable<ConsentResponse[]> {
    return this.http.get<ConsentResponse[]>(`${caseUrl(caseId)}/consents`);
  }

  get(id: string): Observable<ConsentResponse> {
    return this.http.get<ConsentResponse>(this.url(id));
  }

  /** A draft; the period defaults to today and the municipality's default length. */
  create(caseId: string, request: CreateConsentRequest): Observable<ConsentResponse> {
    return this.http.post<ConsentResponse>(`${caseUrl(caseId)}/consents`, request, { headers: this.writeHeaders() });
  }

  /** To the required signers; one signature is enough only with a documented reason. */
  submit(id: string, request: SubmitConsentRequest = {}): Observable<ConsentResponse> {
    return this.command(id, 'submit', request);
  }

  /** The signed-in guardian or youth signs (staff are refused: 403). */
  sign(id: string): Observable<ConsentResponse> {
    return this.command(id, 'sign', null);
  }

  /** The signed-in guardian or youth declines; the refusal is recorded. */
  decline(id: string): Observable<ConsentResponse> {
    return this.command(id, 'decline', null);
  }

  /** By the signer themself, or by the coordinator recording an oral or written withdrawal (`onBehalfOf`, `note`). */
  withdraw(id: string, request: WithdrawConsentRequest = {}): Observable<ConsentResponse> {
    return this.command(id, 'withdraw', request);
  }

  /** The coordinator records an oral or paper answer, marked as such, with a note. */
  recordAnswer(id: string, request: RecordAnswerRequest): Observable<ConsentResponse> {
    return this.command(id, 'answers', request);
  }

  private command(id: string, action: string, body: unknown): Observable<ConsentResponse> {
    return this.http.post<ConsentResponse>(`${this.url(id)}/${action}`, body, { headers: this.writeHeaders() });
  }

  private url(id: string): string {
    return `/api/consents/${encodeURIComponent(id)}`;
  }

  private writeHeaders(): HttpHeaders {
    const token = this.session.session()?.csrfToken;
    return token ? new HttpHeaders({ 'X-XSRF-TOKEN': token }) : new HttpHeaders();
  }
}

/** The family's view of the audit trail: who read or changed the child's case, when, as what, on which basis. */
@Injectable({ providedIn: 'root' })
export class CaseAccessLogApi {
  private readonly http = inject(HttpClient);

  /** Newest first; reading it is itself recorded. */
  list(caseId: string): Observable<AccessLogEntryResponse[]> {
    return this.http.get<AccessLogEntryResponse[]>(`${caseUrl(caseId)}/access-log`);
  }
}

const caseUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
