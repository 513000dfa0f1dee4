import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { CasesApi, SessionStore, pagedList } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { ListMore } from '../core/layout/list-more';
import { childName, levelLabel } from './case-texts';

/** My cases: every case a unit of mine takes part in (for a guardian or youth: their own), open ones first (the server's order). */
@Component({
  selector: 'st-cases-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge, ListMore],
  template: `
    <h1 id="cases-heading" data-testid="cases-heading">{{ 'cases.heading' | t }}</h1>
    <p>{{ (family() ? 'cases.introFamily' : 'cases.intro') | t }}</p>
    @let state = cases.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p data-testid="cases-empty">{{ 'cases.empty' | t }}</p>
    } @else {
      <div class="scroll" role="region" aria-labelledby="cases-heading" tabindex="0">
        <table class="data" aria-labelledby="cases-heading" data-testid="cases-table">
          <thead>
            <tr>
              <th scope="col">{{ 'cases.child' | t }}</th>
              <th scope="col">{{ 'cases.level' | t }}</th>
              <th scope="col">{{ 'cases.coordinator' | t }}</th>
              <th scope="col">{{ 'cases.team' | t }}</th>
              <th scope="col">{{ 'cases.measures' | t }}</th>
              <th scope="col">{{ 'cases.nextMeeting' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (item of state.value; track item.id) {
              <tr data-testid="case-row" [attr.data-status]="item.status">
                <th scope="row">
                  <a [routerLink]="[family() ? '/family/cases' : '/cases', item.id]">{{ childName(item.child) }}</a>
                  @if (item.status === 'closed') {
                    <st-badge>{{ 'case.closed' | t }}</st-badge>
                  }
                </th>
                <td>{{ levelLabel(item.level) | t }}</td>
                <td data-testid="case-row-coordinator">
                  {{ item.coordinator.displayName }} ({{ item.coordinator.unitName }})
                  @if (item.isCoordinator) {
                    <st-badge tone="success" data-testid="case-row-you">{{ 'caseBaton.you' | t }}</st-badge>
                  }
                  @if (!item.coordinator.active) {
                    <st-badge tone="warning">{{ 'caseBaton.inactive' | t }}</st-badge>
                  }
                </td>
                <td>{{ item.participantUnitNames.join(', ') }}</td>
                <td>
                  {{ item.activeMeasures }}
                  @if (item.overdueEvaluations > 0) {
                    <st-badge tone="warning" data-testid="case-row-overdue"
                      >{{ item.overdueEvaluations }} {{ 'cases.overdue' | t }}</st-badge
                    >
                  }
                </td>
                <td>
                  @if (item.nextMeetingAt) {
                    <time [attr.datetime]="item.nextMeetingAt">{{ item.nextMeetingAt | localDate: 'dateTime' }}</time>
                  } @else {
                    {{ 'cases.noMeeting' | t }}
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <st-list-more [list]="cases" />
    }
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
    th st-badge,
    td st-badge {
      margin-left: 0.25rem;
    }
  `,
})
export class CasesPage {
  private readonly session = inject(SessionStore);
  private readonly api = inject(CasesApi);
  /** A page at a time; "Vis flere" appends the next. */
  protected readonly cases = pagedList((next) => this.api.page(next));
  /** Guardians and youth read their own (child's) cases, not those of a unit. */
  protected readonly family = computed(() => this.session.session()?.user.kind === 'citizen');
  protected readonly childName = childName;
  protected readonly levelLabel = levelLabel;
}
