import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { CasesApi, SessionStore, pagedList } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { ListMore } from '../core/layout/list-more';
import { childName } from '../cases/case-texts';
import { familyLevelLabel } from './family-texts';

/**
 * "My children's cases" — or "My cases" for a youth reading their own: the cases about the children
 * a guardian has parental responsibility for, or about the youth themself, as the server lists them
 * for the family (open ones first).
 */
@Component({
  selector: 'st-family-cases-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, Badge, ListMore],
  template: `
    @let youth = isYouth();
    <h1 id="family-heading" data-testid="family-heading">{{ (youth ? 'family.headingYouth' : 'family.heading') | t }}</h1>
    <p>{{ (youth ? 'family.introYouth' : 'family.intro') | t }}</p>
    @let state = cases.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p data-testid="family-empty">{{ 'family.empty' | t }}</p>
    } @else {
      <ul class="cases" aria-labelledby="family-heading" data-testid="family-cases">
        @for (item of state.value; track item.id) {
          <li data-testid="family-case" [attr.data-status]="item.status">
            <h2>
              <a [routerLink]="['/family/cases', item.id]">{{ childName(item.child) }}</a>
              @if (item.status === 'closed') {
                <st-badge>{{ 'case.closed' | t }}</st-badge>
              }
            </h2>
            <dl class="facts">
              <dt>{{ 'family.level' | t }}</dt>
              <dd>{{ familyLevelLabel(item.level) | t }}</dd>
              <dt>{{ 'family.coordinator' | t }}</dt>
              @if (item.coordinator.displayName) {
                <dd>{{ item.coordinator.displayName }}, {{ item.coordinator.unitName }}</dd>
              } @else {
                <dd>{{ 'common.hidden' | t }}</dd>
              }
              <dt>{{ 'familyCase.team' | t }}</dt>
              <dd>{{ item.whereaboutsHidden ? ('common.hidden' | t) : item.participantUnitNames.join(', ') }}</dd>
            </dl>
          </li>
        }
      </ul>
      <st-list-more [list]="cases" />
    }
  `,
  styles: `
    .cases {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 1rem;
      max-width: 48rem;
    }
    .cases > li {
      padding: 0.75rem 1rem 1rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-left: 4px solid #0b3d62;
      border-radius: 0.25rem;
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.25rem;
    }
    h2 st-badge {
      margin-left: 0.5rem;
    }
  `,
})
export class FamilyCasesPage {
  private readonly session = inject(SessionStore);
  protected readonly isYouth = computed(() => this.session.session()?.user.familyRole === 'youth');
  private readonly api = inject(CasesApi);
  /** A page at a time; "Vis flere" appends the next. */
  protected readonly cases = pagedList((next) => this.api.page(next));
  protected readonly childName = childName;
  protected readonly familyLevelLabel = familyLevelLabel;
}
