import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CaseResponse,
  CaseSummaryResponse,
  ChangeLevelRequest,
  CloseCaseRequest,
  CoordinatorCandidateResponse,
  CoordinatorWishRequest,
  DeclineTransferRequest,
  EvaluationRequest,
  GoalRequest,
  JoiningParticipantRequest,
  LeaveParticipantRequest,
  LogEntryRequest,
  MeasureRequest,
  MeetingRequest,
  OpenCaseRequest,
  PrivateNoteRequest,
  ReassignRequest,
  ReopenCaseRequest,
  RequestTransferRequest,
} from '@stafett/domain';
import { map } from 'rxjs';
import type { Observable } from 'rxjs';
import { CreateKeys } from '../http/idempotency';
import { readPage } from '../http/page';
import type { Page } from '../http/page';
import { SessionStore } from '../session/session.store';

/**
 * A case with the ETag it was read with. Commands on the case as a whole (level, team, baton,
 * closing) send it back as `If-Match`, so a decision taken on a stale view is refused (412).
 */
export interface VersionedCase {
  record: CaseResponse;
  etag: string;
}

/** A field left out of a PATCH is kept. */
export type GoalChange = Partial<GoalRequest>;
export type MeasureChange = Partial<MeasureRequest>;
export type MeetingChange = Partial<MeetingRequest>;

/** The ETag of a versioned part of the plan (goal, measure, meeting): its version in quotes. */
export const versionTag = (version: number) => `"${version}"`;

/**
 * The coordinated case (levels 1–3): open it from a decided concern, and every command on it.
 * Each command answers the whole updated case, read again with its new ETag. Commands on the case
 * as a whole send the case's ETag as `If-Match`; changes of a goal, measure or meeting (and an
 * evaluation) send that part's version instead. Creates send an `Idempotency-Key` (CreateKeys).
 */
@Injectable({ providedIn: 'root' })
export class CasesApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  /** A page of "my cases": every case a unit of the user takes part in. `next` is the previous page's link. */
  page(next?: string): Observable<Page<CaseSummaryResponse>> {
    return readPage(this.http, next ?? '/api/cases');
  }

  get(id: string): Observable<VersionedCase> {
    return this.http.get<CaseResponse>(this.url(id), { observe: 'response' }).pipe(map(versioned));
  }

  /** 409 when the concern already has a case; 400 naming `participants` when a collaboration lacks another service. */
  open(request: OpenCaseRequest): Observable<VersionedCase> {
    return this.create('/api/cases', request);
  }

  changeLevel(id: string, request: ChangeLevelRequest, etag: string): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/level`, request, etag);
  }

  close(id: string, request: CloseCaseRequest, etag: string): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/close`, request, etag);
  }

  reopen(id: string, request: ReopenCaseRequest, etag: string): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/reopen`, request, etag);
  }

  addParticipant(id: string, request: JoiningParticipantRequest, etag: string): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/participants`, request, etag);
  }

  leaveParticipant(id: string, participantId: string, request: LeaveParticipantRequest, etag: string): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/participants/${encodeURIComponent(participantId)}/leave`, request, etag);
  }

  /** Active staff of the taking-part units: who could take over the baton. */
  coordinatorCandidates(id: string): Observable<CoordinatorCandidateResponse[]> {
    return this.http.get<CoordinatorCandidateResponse[]>(`${this.url(id)}/coordinator-candidates`);
  }

  requestTransfer(id: string, request: RequestTransferRequest, etag: string): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/transfers`, request, etag);
  }

  /** Only the person asked; the baton passes now. */
  acceptTransfer(id: string, transferId: string, etag: string): Observable<VersionedCase> {
    return this.command(`${this.transferUrl(id, transferId)}/accept`, null, etag);
  }

  declineTransfer(id: string, transferId: string, request: DeclineTransferRequest, etag: string): Observable<VersionedCase> {
    return this.command(`${this.transferUrl(id, transferId)}/decline`, request, etag);
  }

  /** The coordinator withdraws the question. */
  cancelTransfer(id: string, transferId: string, etag: string): Observable<VersionedCase> {
    return this.command(`${this.transferUrl(id, transferId)}/cancel`, null, etag);
  }

  /** A leader of the coordinator's unit, when the coordinator is no longer active. */
  reassign(id: string, request: ReassignRequest, etag: string): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/reassign`, request, etag);
  }

  recordCoordinatorWish(id: string, request: CoordinatorWishRequest): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/coordinator-wishes`, request);
  }

  addGoal(id: string, request: GoalRequest): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/goals`, request);
  }

  /** `version` is the goal's, sent as `If-Match`; someone else's change in between is answered 412. */
  updateGoal(id: string, goalId: string, change: GoalChange, version: number): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/goals/${encodeURIComponent(goalId)}`, change, versionTag(version), 'PATCH');
  }

  addMeasure(id: string, request: MeasureRequest): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/measures`, request);
  }

  /** `version` is the measure's, sent as `If-Match` (required: 428 without it, 412 when stale). */
  updateMeasure(id: string, measureId: string, change: MeasureChange, version: number): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/measures/${encodeURIComponent(measureId)}`, change, versionTag(version), 'PATCH');
  }

  /** `version` is the measure's: the evaluation decides its next date or its end. */
  evaluateMeasure(id: string, measureId: string, request: EvaluationRequest, version: number): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/measures/${encodeURIComponent(measureId)}/evaluations`, request, versionTag(version));
  }

  addMeeting(id: string, request: MeetingRequest): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/meetings`, request);
  }

  /** Only while the minutes are a draft; `version` is the meeting's. */
  updateMeeting(id: string, meetingId: string, change: MeetingChange, version: number): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/meetings/${encodeURIComponent(meetingId)}`, change, versionTag(version), 'PATCH');
  }

  /** Makes the minutes final (never changed again); needs the decisions written. */
  finalizeMeeting(id: string, meetingId: string, version: number): Observable<VersionedCase> {
    return this.command(`${this.url(id)}/meetings/${encodeURIComponent(meetingId)}/finalize`, null, versionTag(version));
  }

  addLogEntry(id: string, request: LogEntryRequest): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/log-entries`, request);
  }

  /** `unitId` must be one of `permissions.ownParticipantUnitIds`; the note never leaves that unit. */
  addPrivateNote(id: string, request: PrivateNoteRequest): Observable<VersionedCase> {
    return this.create(`${this.url(id)}/private-notes`, request);
  }

  private command(url: string, body: unknown, etag: string, method: 'POST' | 'PATCH' = 'POST'): Observable<VersionedCase> {
    const options = { observe: 'response' as const, headers: this.writeHeaders(etag) };
    const sent = method === 'PATCH' ? this.http.patch<CaseResponse>(url, body, options) : this.http.post<CaseResponse>(url, body, options);
    return sent.pipe(map(versioned));
  }

  /** A create, with its Idempotency-Key (and the version it is based on, where it changes the case or a part). */
  private create(url: string, body: unknown, etag?: string): Observable<VersionedCase> {
    return this.keys
      .send(url, body, this.writeHeaders(etag), (headers) => this.http.post<CaseResponse>(url, body, { observe: 'response', headers }))
      .pipe(map(versioned));
  }

  private url(id: string): string {
    return `/api/cases/${encodeURIComponent(id)}`;
  }

  private transferUrl(id: string, transferId: string): string {
    return `${this.url(id)}/transfers/${encodeURIComponent(transferId)}`;
  }

  /** The CSRF token from the session, and the version the change is based on. */
  private writeHeaders(etag?: string): HttpHeaders {
    let headers = new HttpHeaders();
    const token = this.session.session()?.csrfToken;
    if (token) headers = headers.set('X-XSRF-TOKEN', token);
    if (etag) headers = headers.set('If-Match', etag);
    return headers;
  }
}

/**
 * The case's ETag: the header when the server sent one; a change of a goal, measure or meeting answers
 * without (its If-Match was the part's), and then the case's version is taken from the body.
 */
function versioned(response: HttpResponse<CaseResponse>): VersionedCase {
  const record = response.body as CaseResponse;
  return { record, etag: response.headers.get('ETag') ?? versionTag(record.version) };
}
