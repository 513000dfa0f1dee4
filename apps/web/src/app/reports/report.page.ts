import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { ReportsApi, SessionStore } from '@stafett/web-data-access';
import type { ReportResponse } from '@stafett/web-data-access';
import type { Observable } from 'rxjs';
import { Remote, remoteFailure } from '../core/http/remote';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { reportStatus, reportStatusLabel } from './report-texts';

type Notice = { key: MessageKey; tone: 'alert' | 'status' };
type Mark = 'review' | 'receipt';

/**
 * One report to child welfare: what was reported, by whom, and child welfare's handling — reviewed
 * within a week, receipt confirmed within three. Child welfare marks both here; others only read.
 */
@Component({
  selector: 'st-report-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge],
  template: `
    <p>
      <a routerLink="/reports">{{ 'report.back' | t }}</a>
    </p>
    @let state = remote();
    @if (state.kind === 'loading') {
      <h1 data-testid="report-heading">{{ 'report.heading' | t }}</h1>
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <h1 data-testid="report-heading">{{ 'report.heading' | t }}</h1>
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <h1 data-testid="report-heading">{{ 'report.heading' | t }}</h1>
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @let report = state.value;
      <h1 data-testid="report-heading">{{ 'report.heading' | t }}: {{ report.child.givenName }} {{ report.child.familyName }}</h1>

      @if (notice(); as notice) {
        <p [class]="notice.tone === 'alert' ? 'problem' : 'success'" [attr.role]="notice.tone" data-testid="report-notice">
          {{ notice.key | t }}
        </p>
      }

      <p class="status">
        <strong>{{ 'reports.status' | t }}:</strong>
        <span data-testid="report-status" [attr.data-status]="status(report)">{{ statusLabel(report) | t }}</span>
        @if (report.urgent) {
          <st-badge tone="warning" data-testid="urgent-badge">{{ 'reports.urgent' | t }}</st-badge>
        }
      </p>

      <section aria-labelledby="report-facts-heading">
        <h2 id="report-facts-heading">{{ 'report.facts' | t }}</h2>
        <dl class="facts" data-testid="report-facts">
          <dt>{{ 'report.child' | t }}</dt>
          <dd>{{ report.child.givenName }} {{ report.child.familyName }}</dd>
          <dt>{{ 'report.birthDate' | t }}</dt>
          <dd>{{ report.child.birthDate | localDate }}</dd>
          <dt>{{ 'report.reporter' | t }}</dt>
          <dd>{{ report.reporterDisplayName }}</dd>
          <dt>{{ 'report.unit' | t }}</dt>
          <dd>{{ report.reporterUnitName }}</dd>
          <dt>{{ 'report.submittedOn' | t }}</dt>
          <dd>{{ report.submittedOn | localDate }}</dd>
          <dt>{{ 'report.urgent' | t }}</dt>
          <dd>{{ (report.urgent ? 'common.yes' : 'common.no') | t }}</dd>
          @if (report.concernId) {
            <dt>{{ 'report.fromConcern' | t }}</dt>
            <dd>{{ 'common.yes' | t }}</dd>
          }
          <dt>{{ 'report.content' | t }}</dt>
          <dd data-testid="report-content-text">{{ report.content }}</dd>
        </dl>
      </section>

      <section aria-labelledby="report-handling-heading">
        <h2 id="report-handling-heading">{{ 'report.handling' | t }}</h2>
        <p>{{ 'report.handlingHint' | t }}</p>
        <dl class="facts" data-testid="report-handling">
          <dt>{{ 'report.reviewDue' | t }}</dt>
          <dd>
            {{ report.reviewDueOn | localDate }}
            @if (report.reviewOverdue) {
              <st-badge tone="warning" data-testid="review-overdue-badge">{{ 'reports.reviewOverdue' | t }}</st-badge>
            }
          </dd>
          <dt>{{ 'report.reviewedAt' | t }}</dt>
          <dd data-testid="report-reviewed-at">
            {{ report.reviewedAt ? (report.reviewedAt | localDate: 'dateTime') : ('report.notYet' | t) }}
          </dd>
          <dt>{{ 'report.receiptDue' | t }}</dt>
          <dd>
            {{ report.receiptDueOn | localDate }}
            @if (report.receiptOverdue) {
              <st-badge tone="warning" data-testid="receipt-overdue-badge">{{ 'reports.receiptOverdue' | t }}</st-badge>
            }
          </dd>
          <dt>{{ 'report.receiptConfirmedAt' | t }}</dt>
          <dd data-testid="report-receipt-confirmed-at">
            {{ report.receiptConfirmedAt ? (report.receiptConfirmedAt | localDate: 'dateTime') : ('report.notYet' | t) }}
          </dd>
        </dl>
        @if (canHandle()) {
          <div class="actions">
            @if (!report.reviewedAt) {
              <button type="button" class="primary" data-testid="mark-reviewed" [disabled]="busy() !== null" (click)="mark('review')">
                {{ (busy() === 'review' ? 'report.saving' : 'report.markReviewed') | t }}
              </button>
            }
            @if (!report.receiptConfirmedAt) {
              <button type="button" class="primary" data-testid="confirm-receipt" [disabled]="busy() !== null" (click)="mark('receipt')">
                {{ (busy() === 'receipt' ? 'report.saving' : 'report.confirmReceipt') | t }}
              </button>
            }
          </div>
        }
      </section>
    }
  `,
  styles: `
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: baseline;
    }
    section {
      margin-top: 2rem;
    }
    .actions {
      margin-top: 1rem;
    }
  `,
})
export class ReportPage {
  private readonly api = inject(ReportsApi);
  private readonly session = inject(SessionStore);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route (`reports/:id`), bound by the router. */
  readonly id = input.required<string>();

  protected readonly remote = signal<Remote<ReportResponse>>({ kind: 'loading' });
  protected readonly notice = signal<Notice | null>(null);
  protected readonly busy = signal<Mark | null>(null);
  /** The server said 403: the rules in the client allowed it, the server did not. */
  private readonly forbidden = signal(false);

  protected readonly statusLabel = reportStatusLabel;
  protected readonly status = reportStatus;

  /** Child welfare handles the report (the same rule the server applies: update on ChildWelfareReport). */
  protected readonly canHandle = computed(
    () => this.remote().kind === 'ready' && !this.forbidden() && this.session.ability().can('update', 'ChildWelfareReport'),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.remote.set({ kind: 'loading' });
        this.notice.set(null);
        this.forbidden.set(false);
        this.load(id);
      });
    });
  }

  protected mark(what: Mark): void {
    const state = this.remote();
    if (state.kind !== 'ready' || this.busy()) return;
    const send: Observable<ReportResponse> = what === 'review' ? this.api.markReviewed(state.value) : this.api.confirmReceipt(state.value);
    this.busy.set(what);
    this.notice.set(null);
    send.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => {
        this.busy.set(null);
        this.remote.set({ kind: 'ready', value });
        this.notice.set({ key: what === 'review' ? 'report.reviewedSaved' : 'report.receiptSaved', tone: 'status' });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const status = error instanceof HttpErrorResponse ? error.status : 0;
        if (status === 409 || status === 412) {
          this.notice.set({ key: status === 409 ? 'report.alreadyMarked' : 'report.stale', tone: 'alert' });
          this.load(state.value.id);
        } else if (status === 403) {
          this.forbidden.set(true);
          this.notice.set({ key: 'report.notAllowed', tone: 'alert' });
        } else if (status === 401 || status === 404) {
          this.remote.set({ kind: 'unavailable' });
        } else {
          this.notice.set({ key: 'report.saveFailed', tone: 'alert' });
        }
      },
    });
  }

  private load(id: string): void {
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.remote.set({ kind: 'ready', value }),
        error: (error: unknown) => this.remote.set(remoteFailure(error)),
      });
  }
}
