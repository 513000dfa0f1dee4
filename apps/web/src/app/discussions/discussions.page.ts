import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { DiscussionsApi, SessionStore, pagedList } from '@stafett/web-data-access';
import type { AgeBand } from '@stafett/web-data-access';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { ListMore } from '../core/layout/list-more';
import { ageBandText, discussionStatusLabel } from './discussion-texts';

/** Anonymous discussions the user started, their unit's, and those their unit is invited to; open ones first. */
@Component({
  selector: 'st-discussions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge, ListMore],
  template: `
    <h1 id="discussions-heading" data-testid="discussions-heading">{{ 'discussions.heading' | t }}</h1>
    <p>{{ 'discussions.intro' | t }}</p>
    @if (canCreate()) {
      <p>
        <a routerLink="/discussions/new" data-testid="new-discussion-link">{{ 'discussions.new' | t }}</a>
      </p>
    }
    @let state = discussions.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p data-testid="discussions-empty">{{ 'discussions.empty' | t }}</p>
    } @else {
      <div class="scroll" role="region" aria-labelledby="discussions-heading" tabindex="0">
        <table class="data" aria-labelledby="discussions-heading" data-testid="discussions-table">
          <thead>
            <tr>
              <th scope="col">{{ 'discussions.topic' | t }}</th>
              <th scope="col">{{ 'discussions.from' | t }}</th>
              <th scope="col">{{ 'discussions.ageBand' | t }}</th>
              <th scope="col">{{ 'discussions.createdAt' | t }}</th>
              <th scope="col">{{ 'discussions.advice' | t }}</th>
              <th scope="col">{{ 'discussions.status' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (discussion of state.value; track discussion.id) {
              <tr data-testid="discussion-item">
                <th scope="row">
                  <a [routerLink]="['/discussions', discussion.id]">{{ discussion.topic }}</a>
                </th>
                <td>{{ discussion.authorDisplayName }}, {{ discussion.authorUnitName }}</td>
                <td>{{ discussion.ageBand ? ageBand(discussion.ageBand) : ('common.notAvailable' | t) }}</td>
                <td>{{ discussion.createdAt | localDate }}</td>
                <td>{{ discussion.adviceCount }}</td>
                <td [attr.data-status]="discussion.status">
                  <st-badge [tone]="discussion.status === 'open' ? 'success' : 'neutral'">{{
                    statusLabel(discussion.status) | t
                  }}</st-badge>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <st-list-more [list]="discussions" />
    }
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
  `,
})
export class DiscussionsPage {
  private readonly i18n = inject(I18n);
  private readonly session = inject(SessionStore);
  private readonly api = inject(DiscussionsApi);
  /** A page at a time; "Vis flere" appends the next. */
  protected readonly discussions = pagedList((next) => this.api.page(next));
  protected readonly canCreate = computed(() => this.session.ability().can('create', 'AnonymousDiscussion'));
  protected readonly statusLabel = discussionStatusLabel;

  protected ageBand(band: AgeBand): string {
    return ageBandText(band, this.i18n.t('discussion.years'));
  }
}
