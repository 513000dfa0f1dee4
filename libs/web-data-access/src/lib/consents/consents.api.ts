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
import { CreateKeys } from '../http/idempotency';
import { SessionStore } from '../session/session.store';

/**
 * Consents of a case: the coordinator asks for one (a draft, a new version replacing the last),
 * sends it to the signers and records oral or paper answers; guardians with parental
 * responsibility and the youth sign, decline or withdraw it themselves. Every command answers the
 * consent as it now stands, with `permissions` saying what the signed-in user may do next. Commands
 * send the `version` of the consent they act on as `If-Match` (412 when it changed meanwhile).
 */
@Injectable({ providedIn: 'root' })
export class ConsentsApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  /** Every version, newest first. */
  list(caseId: string): Observable<ConsentResponse[]> {
    return this.http.get<ConsentResponse[]>(`${caseUrl(caseId)}/consents`);
  }

  get(id: string): Observable<ConsentResponse> {
    return this.http.get<ConsentResponse>(this.url(id));
  }

  /** A draft; the period defaults to today and the municipality's default length. */
  create(caseId: string, request: CreateConsentRequest): Observable<ConsentResponse> {
    const url = `${caseUrl(caseId)}/consents`;
    return this.keys.send(url, request, this.writeHeaders(), (headers) => this.http.post<ConsentResponse>(url, request, { headers }));
  }

  /** To the required signers; one signature is enough only with a documented reason. */
  submit(consent: Versioned, request: SubmitConsentRequest = {}): Observable<ConsentResponse> {
    return this.command(consent, 'submit', request);
  }

  /** The signed-in guardian or youth signs (staff are refused: 403). */
  sign(consent: Versioned): Observable<ConsentResponse> {
    return this.command(consent, 'sign', null);
  }

  /** The signed-in guardian or youth declines; the refusal is recorded. */
  decline(consent: Versioned): Observable<ConsentResponse> {
    return this.command(consent, 'decline', null);
  }

  /** By the signer themself, or by the coordinator recording an oral or written withdrawal (`onBehalfOf`, `note`). */
  withdraw(consent: Versioned, request: WithdrawConsentRequest = {}): Observable<ConsentResponse> {
    return this.command(consent, 'withdraw', request);
  }

  /** The coordinator records an oral or paper answer, marked as such, with a note. */
  recordAnswer(consent: Versioned, request: RecordAnswerRequest): Observable<ConsentResponse> {
    return this.command(consent, 'answers', request);
  }

  private command(consent: Versioned, action: string, body: unknown): Observable<ConsentResponse> {
    const headers = this.writeHeaders().set('If-Match', `"${consent.version}"`);
    return this.http.post<ConsentResponse>(`${this.url(consent.id)}/${action}`, body, { headers });
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

/** The consent a command acts on, as it was read: its id and the version sent as If-Match. */
type Versioned = Pick<ConsentResponse, 'id' | 'version'>;

const caseUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
