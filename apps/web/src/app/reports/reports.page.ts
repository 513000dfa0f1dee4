import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { ReportsApi, SessionStore, pagedList } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { ListMore } from '../core/layout/list-more';
import { reportStatus, reportStatusLabel } from './report-texts';

/**
 * Reports to child welfare the server lets this user see: their own, their unit's as leader, or —
 * for child welfare — all received, with those awaiting review first. Urgent and soonest due first.
 */
@Component({
  selector: 'st-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge, ListMore],
  template: `
    <h1 id="reports-heading" data-testid="reports-heading">{{ 'reports.heading' | t }}</h1>
    <p>{{ 'reports.intro' | t }}</p>
    @if (canCreate()) {
      <p>
        <a routerLink="/reports/new" data-testid="new-report-link">{{ 'reports.new' | t }}</a>
      </p>
    }
    @let state = reports.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @if (handles()) {
        <section aria-labelledby="reports-awaiting-heading">
          <h2 id="reports-awaiting-heading">{{ 'reports.awaitingHeading' | t }}</h2>
          @if (awaitingReview().length === 0 && !reports.hasMore()) {
            <p data-testid="reports-awaiting-empty">{{ 'reports.awaitingEmpty' | t }}</p>
          } @else if (awaitingReview().length > 0) {
            <ul class="awaiting" aria-labelledby="reports-awaiting-heading" data-testid="reports-awaiting">
              @for (report of awaitingReview(); track report.id) {
                <li data-testid="report-awaiting-item" [class.overdue]="report.reviewOverdue">
                  <a [routerLink]="['/reports', report.id]">{{ report.child.givenName }} {{ report.child.familyName }}</a>
                  <span>{{ report.reporterUnitName }}</span>
                  <span>
                    {{ 'reports.reviewDue' | t }}:
                    <time [attr.datetime]="report.reviewDueOn">{{ report.reviewDueOn | localDate }}</time>
                  </span>
                  @if (report.urgent) {
                    <st-badge tone="warning" data-testid="urgent-badge">{{ 'reports.urgent' | t }}</st-badge>
                  }
                  @if (report.reviewOverdue) {
                    <st-badge tone="warning" data-testid="review-overdue-badge">{{ 'reports.reviewOverdue' | t }}</st-badge>
                  }
                </li>
              }
            </ul>
          }
          @if (reports.hasMore()) {
            <!-- The list is in urgency and deadline order, not by review: more may wait on pages not yet read. -->
            <p class="hint" data-testid="reports-awaiting-more">{{ 'reports.awaitingMore' | t }}</p>
          }
        </section>
        <h2 id="reports-all-heading">{{ 'reports.allHeading' | t }}</h2>
      }
      @if (state.value.length === 0) {
        <p data-testid="reports-empty">{{ 'reports.empty' | t }}</p>
      } @else {
        <div class="scroll" role="region" aria-labelledby="reports-heading" tabindex="0">
          <table class="data" aria-labelledby="reports-heading" data-testid="reports-table">
            <thead>
              <tr>
                <th scope="col">{{ 'reports.child' | t }}</th>
                <th scope="col">{{ 'reports.from' | t }}</th>
                <th scope="col">{{ 'reports.submittedOn' | t }}</th>
                <th scope="col">{{ 'reports.reviewDue' | t }}</th>
                <th scope="col">{{ 'reports.receiptDue' | t }}</th>
                <th scope="col">{{ 'reports.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (report of state.value; track report.id) {
                <tr data-testid="report-row">
                  <th scope="row">
                    <a [routerLink]="['/reports', report.id]">{{ report.child.givenName }} {{ report.child.familyName }}</a>
                    @if (report.urgent) {
                      <st-badge tone="warning" data-testid="urgent-badge">{{ 'reports.urgent' | t }}</st-badge>
                    }
                  </th>
                  <td>{{ report.reporterDisplayName }}, {{ report.reporterUnitName }}</td>
                  <td>{{ report.submittedOn | localDate }}</td>
                  <td>
                    {{ report.reviewDueOn | localDate }}
                    @if (report.reviewOverdue) {
                      <st-badge tone="warning" data-testid="review-overdue-badge">{{ 'reports.reviewOverdue' | t }}</st-badge>
                    }
                  </td>
                  <td>
                    {{ report.receiptDueOn | localDate }}
                    @if (report.receiptOverdue) {
                      <st-badge tone="warning" data-testid="receipt-overdue-badge">{{ 'reports.receiptOverdue' | t }}</st-badge>
                    }
                  </td>
                  <td data-testid="report-row-status" [attr.data-status]="status(report)">{{ statusLabel(report) | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <st-list-more [list]="reports" />
      }
    }
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
    th st-badge {
      margin-left: 0.5rem;
    }
    .awaiting {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.5rem;
    }
    .awaiting li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
      align-items: baseline;
      padding: 0.75rem 1rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-left: 4px solid #0b3d62;
    }
    .awaiting li.overdue {
      border-left-color: #a4141d;
    }
  `,
})
export class ReportsPage {
  private readonly session = inject(SessionStore);
  private readonly api = inject(ReportsApi);
  /** A page at a time; "Vis flere" appends the next. */
  protected readonly reports = pagedList((next) => this.api.page(next));
  protected readonly canCreate = computed(() => this.session.ability().can('create', 'ChildWelfareReport'));
  /** Child welfare handles the reports it receives; others only follow their own. */
  protected readonly handles = computed(() => this.session.ability().can('update', 'ChildWelfareReport'));
  /** Not yet reviewed among the pages read so far, in the server's order (urgent, then soonest due). */
  protected readonly awaitingReview = computed(() => this.reports.items().filter((r) => r.reviewedAt === null));
  protected readonly statusLabel = reportStatusLabel;
  protected readonly status = reportStatus;
}
