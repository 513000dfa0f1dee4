import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { TasksApi } from '@stafett/web-data-access';
import { toRemote } from '../core/http/remote';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';

/** My tasks: the open concerns this user decides (as author or unit leader), soonest due first, overdue marked. */
@Component({
  selector: 'st-tasks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge],
  template: `
    <h1 data-testid="tasks-heading">{{ 'tasks.heading' | t }}</h1>
    <h2 id="tasks-concerns-heading">{{ 'tasks.concernsHeading' | t }}</h2>
    @let state = tasks();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.concernsAwaitingDecision.length === 0) {
      <p data-testid="tasks-empty">{{ 'tasks.empty' | t }}</p>
    } @else {
      <ul class="tasks" aria-labelledby="tasks-concerns-heading" data-testid="tasks-list">
        @for (concern of state.value.concernsAwaitingDecision; track concern.id) {
          <li data-testid="task-item" [class.overdue]="concern.overdue">
            <a [routerLink]="['/concerns', concern.id]">{{ concern.child.givenName }} {{ concern.child.familyName }}</a>
            <span>{{ concern.unitName }}</span>
            <span>
              {{ 'tasks.dueOn' | t }}:
              <time [attr.datetime]="concern.decisionDueOn">{{ concern.decisionDueOn | localDate }}</time>
            </span>
            @if (concern.overdue) {
              <st-badge tone="warning" data-testid="overdue-badge">{{ 'concern.overdue' | t }}</st-badge>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .tasks {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.5rem;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
      align-items: baseline;
      padding: 0.75rem 1rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-left: 4px solid #0b3d62;
      border-radius: 0.25rem;
    }
    li.overdue {
      border-left-color: #a4141d;
    }
    a {
      font-weight: 600;
    }
  `,
})
export class TasksPage {
  protected readonly tasks = toRemote(inject(TasksApi).mine());
}
