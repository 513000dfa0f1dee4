import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { ConcernsApi, SessionStore, pagedList } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { ListMore } from '../core/layout/list-more';
import { decisionLabel, statusLabel } from './concern-texts';

/** The concerns the server lets this user see, open ones first and soonest due first (the server's order). */
@Component({
  selector: 'st-concerns-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge, ListMore],
  template: `
    <h1 id="concerns-heading" data-testid="concerns-heading">{{ 'concerns.heading' | t }}</h1>
    <p>{{ 'concerns.intro' | t }}</p>
    @if (canCreate()) {
      <p>
        <a routerLink="/concerns/new" data-testid="new-concern-link">{{ 'concerns.new' | t }}</a>
      </p>
    }
    @let state = concerns.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p data-testid="concerns-empty">{{ 'concerns.empty' | t }}</p>
    } @else {
      <div class="scroll" role="region" aria-labelledby="concerns-heading" tabindex="0">
        <table class="data" aria-labelledby="concerns-heading" data-testid="concerns-table">
          <thead>
            <tr>
              <th scope="col">{{ 'concerns.child' | t }}</th>
              <th scope="col">{{ 'concerns.unit' | t }}</th>
              <th scope="col">{{ 'concerns.aroseOn' | t }}</th>
              <th scope="col">{{ 'concerns.dueOn' | t }}</th>
              <th scope="col">{{ 'concerns.status' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (concern of state.value; track concern.id) {
              <tr data-testid="concern-item">
                <th scope="row">
                  <a [routerLink]="['/concerns', concern.id]">{{ concern.child.givenName }} {{ concern.child.familyName }}</a>
                </th>
                <td>{{ concern.unitName }}</td>
                <td>{{ concern.aroseOn | localDate }}</td>
                <td>
                  {{ concern.decisionDueOn | localDate }}
                  @if (concern.overdue) {
                    <st-badge tone="warning" data-testid="overdue-badge">{{ 'concern.overdue' | t }}</st-badge>
                  }
                </td>
                <td data-testid="concern-item-status" [attr.data-status]="concern.status">
                  {{ statusLabel(concern.status) | t }}
                  @if (concern.decision; as decision) {
                    – {{ decisionLabel(decision) | t }}
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <st-list-more [list]="concerns" />
    }
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
  `,
})
export class ConcernsPage {
  private readonly session = inject(SessionStore);
  private readonly api = inject(ConcernsApi);
  /** A page at a time; "Vis flere" appends the next. */
  protected readonly concerns = pagedList((next) => this.api.page(next));
  protected readonly canCreate = computed(() => this.session.ability().can('create', 'Concern'));
  protected readonly statusLabel = statusLabel;
  protected readonly decisionLabel = decisionLabel;
}
