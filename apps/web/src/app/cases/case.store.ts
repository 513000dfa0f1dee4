import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ConsentResponse, CoordinatorCandidateResponse, OrganisationOverview } from '@stafett/domain';
import { CasesApi, ConsentsApi, OwnOrganisation, fieldErrorsOf } from '@stafett/web-data-access';
import type { FieldErrors, VersionedCase } from '@stafett/web-data-access';
import type { Observable } from 'rxjs';
import { Remote, remoteFailure } from '../core/http/remote';
import type { MessageKey } from '../core/i18n/messages';

/** The commands of the case page; each form runs one, so busy state and field errors land at that form. */
export type CaseCommand =
  | 'level'
  | 'close'
  | 'reopen'
  | 'participant'
  | 'leave'
  | 'transfer'
  | 'accept'
  | 'decline'
  | 'cancelTransfer'
  | 'reassign'
  | 'wish'
  | 'goal'
  | 'goalAchieved'
  | 'measure'
  | 'measureEdit'
  | 'evaluation'
  | 'meeting'
  | 'meetingEdit'
  | 'finalize'
  | 'log'
  | 'note'
  | 'consent'
  | 'consentSubmit'
  | 'consentAnswer'
  | 'consentWithdraw';

/** Where a message is shown: a section of the page, or one form inside it (e.g. `measure-edit:<id>`). */
export type NoticePlace = string;

export interface CaseNotice {
  key: MessageKey;
  tone: 'status' | 'alert';
  place: NoticePlace;
  /** The server's own words, for a refusal of a command that has no form fields to show them at. */
  details?: string[];
}

export interface CommandRun {
  command: CaseCommand;
  /** The record the form is about (a measure, a meeting, a participant), when there are several such forms. */
  target?: string | null;
  /** Where the confirmation is shown. */
  section: NoticePlace;
  /** Where a refusal is shown, when not in the section (a dialog, an edit form that stays open). */
  form?: NoticePlace;
  /** The message on 412, when the stale part is not the case as a whole. */
  stale?: MessageKey;
  saved: MessageKey;
  send: (caseId: string, etag: string) => Observable<VersionedCase>;
  /** After the server accepted: close the dialog, empty the form. */
  done?: () => void;
  /** A button without fields (accept, finalize): field errors are said in the notice instead. */
  noFields?: boolean;
}

/** A command on one of the case's consents: it answers the consent, not the case. */
export interface ConsentCommandRun extends Omit<CommandRun, 'send' | 'stale'> {
  send: () => Observable<ConsentResponse>;
}

/**
 * The state of one case page: the case with its ETag, and every command on it. Commands answer
 * the whole case, which replaces the one shown; a refusal is said where the user acted — field
 * errors at the fields, a stale version (412) with the latest version loaded.
 */
@Injectable()
export class CaseStore {
  private readonly api = inject(CasesApi);
  private readonly consentsApi = inject(ConsentsApi);
  private readonly ownOrganisation = inject(OwnOrganisation);
  private readonly destroyRef = inject(DestroyRef);

  readonly state = signal<Remote<VersionedCase>>({ kind: 'loading' });
  readonly record = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.value.record : null;
  });
  /** A closed case is read-only: every form is hidden; only reopening is offered. */
  readonly isOpen = computed(() => this.record()?.status === 'open');
  readonly canCoordinate = computed(() => this.isOpen() && (this.record()?.permissions.canCoordinate ?? false));
  readonly canContribute = computed(() => this.isOpen() && (this.record()?.permissions.canContribute ?? false));

  readonly notice = signal<CaseNotice | null>(null);
  private readonly running = signal<{ command: CaseCommand; target: string | null } | null>(null);
  private readonly errors = signal<{ command: CaseCommand; target: string | null; fields: FieldErrors } | null>(null);

  /** The municipality's services and units, for choosing units that join; loaded when a form first needs it. */
  readonly organisation = signal<OrganisationOverview | null | undefined>(undefined);
  /** Staff who could take over the baton; loaded when a form first needs it. */
  readonly candidates = signal<Remote<CoordinatorCandidateResponse[]> | null>(null);
  /** Every version of the case's consents, newest first, loaded with the case. */
  readonly consents = signal<Remote<ConsentResponse[]>>({ kind: 'loading' });
  readonly consentList = computed(() => {
    const consents = this.consents();
    return consents.kind === 'ready' ? consents.value : [];
  });
  /** Counts requests to bring the consent section into view (from a refusal that needs a consent). */
  readonly consentsFocus = signal(0);

  private caseId: string | null = null;

  load(id: string): void {
    if (id !== this.caseId) {
      this.caseId = id;
      this.state.set({ kind: 'loading' });
      this.notice.set(null);
      this.candidates.set(null);
      this.consents.set({ kind: 'loading' });
      this.reload();
      this.reloadConsents();
      return;
    }
    this.reload();
  }

  /** Reads the consents again; the current list stays shown until the new one has arrived. */
  reloadConsents(): void {
    const id = this.caseId;
    if (!id) return;
    this.consentsApi
      .list(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.consents.set({ kind: 'ready', value }),
        error: (error: unknown) => this.consents.set(remoteFailure(error)),
      });
  }

  /** Brings the consent section into view, e.g. from a refusal that says a consent is needed. */
  showConsents(): void {
    this.consentsFocus.update((n) => n + 1);
  }

  /** Reads the case again; the current version stays shown until the new one has arrived. */
  reload(): void {
    const id = this.caseId;
    if (!id) return;
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ kind: 'ready', value }),
        error: (error: unknown) => this.state.set(remoteFailure(error)),
      });
  }

  isBusy(command: CaseCommand, target: string | null = null): boolean {
    const running = this.running();
    return running !== null && running.command === command && running.target === target;
  }

  /** Any command running: the page sends one at a time. */
  readonly anyBusy = computed(() => this.running() !== null);

  fieldErrorsFor(command: CaseCommand, target: string | null = null): FieldErrors | null {
    const errors = this.errors();
    return errors && errors.command === command && errors.target === target ? errors.fields : null;
  }

  noticeAt(place: NoticePlace): CaseNotice | null {
    const notice = this.notice();
    return notice?.place === place ? notice : null;
  }

  run(run: CommandRun): void {
    const state = this.state();
    if (state.kind !== 'ready' || this.running()) return;
    this.execute(run, run.send(state.value.record.id, state.value.etag), (value) => this.state.set({ kind: 'ready', value }), false);
  }

  /**
   * A command on a consent. The answer replaces that version in the list; when a consent came,
   * went or changed state, the whole list and the case are read again (a new version supersedes
   * the one before it, and access, team rules and the log follow the consent).
   */
  runConsent(run: ConsentCommandRun): void {
    if (this.state().kind !== 'ready' || this.running()) return;
    this.execute(
      run,
      run.send(),
      (consent) => {
        const before = this.consentList().find((c) => c.id === consent.id);
        this.consents.set({ kind: 'ready', value: [consent, ...this.consentList().filter((c) => c.id !== consent.id)].sort(newestFirst) });
        if (before?.status !== consent.status) {
          this.reloadConsents();
          this.reload();
        }
      },
      true,
    );
  }

  private execute<T>(run: Omit<CommandRun, 'send'>, source: Observable<T>, accepted: (value: T) => void, onConsent: boolean): void {
    const target = run.target ?? null;
    this.running.set({ command: run.command, target });
    this.notice.set(null);
    this.errors.set(null);
    source.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => {
        this.running.set(null);
        accepted(value);
        run.done?.();
        this.notice.set({ key: run.saved, tone: 'status', place: run.section });
      },
      error: (error: unknown) => {
        this.running.set(null);
        this.refused(run, target, error, onConsent);
      },
    });
  }

  loadOrganisation(): void {
    if (this.organisation() !== undefined) return;
    this.organisation.set(null);
    this.ownOrganisation
      .overview()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((overview) => this.organisation.set(overview));
  }

  loadCandidates(): void {
    const id = this.caseId;
    if (!id || this.candidates()?.kind === 'ready' || this.candidates()?.kind === 'loading') return;
    this.candidates.set({ kind: 'loading' });
    this.api
      .coordinatorCandidates(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.candidates.set({ kind: 'ready', value }),
        error: (error: unknown) => this.candidates.set(remoteFailure(error)),
      });
  }

  private refused(run: Omit<CommandRun, 'send'>, target: string | null, error: unknown, onConsent: boolean): void {
    const fields = fieldErrorsOf(error);
    const place = run.form ?? run.section;
    if (fields && run.noFields) {
      this.notice.set({ key: 'case.refused', tone: 'alert', place, details: Object.values(fields).flat() });
      return;
    }
    if (fields) {
      this.errors.set({ command: run.command, target, fields });
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    if (status === 401 || status === 404) {
      this.state.set({ kind: 'unavailable' });
      return;
    }
    const key: MessageKey =
      status === 412
        ? (run.stale ?? 'case.stale')
        : status === 409
          ? 'case.conflict'
          : status === 403
            ? 'case.notAllowed'
            : 'case.saveFailed';
    this.notice.set({ key, tone: 'alert', place });
    // Someone else changed it, or what the user may do has changed: show the case as it is now.
    if (status === 412 || status === 409 || status === 403) {
      this.candidates.set(null);
      this.reload();
      if (onConsent) this.reloadConsents();
    }
  }
}

const newestFirst = (a: ConsentResponse, b: ConsentResponse) => b.versionNo - a.versionNo;
