import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge } from '@stafett/ui';
import { SessionStore, TasksApi } from '@stafett/web-data-access';
import type { TasksResponse } from '@stafett/web-data-access';
import { map } from 'rxjs';
import { toRemote } from '../core/http/remote';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';

/** A list the server leaves out (it answers each list for those it concerns) is shown as empty. */
function complete(answer: Partial<TasksResponse>): TasksResponse {
  return {
    ...answer,
    concernsAwaitingDecision: answer.concernsAwaitingDecision ?? [],
    evaluationsDue: answer.evaluationsDue ?? [],
    transfersAwaitingMe: answer.transfersAwaitingMe ?? [],
    meetingsComingUp: answer.meetingsComingUp ?? [],
    casesWithoutActiveCoordinator: answer.casesWithoutActiveCoordinator ?? [],
    consentReminders: answer.consentReminders ?? [],
    consentsEnded: answer.consentsEnded ?? [],
  };
}

/**
 * My tasks: concerns I decide (soonest due first, overdue marked), and for the cases my units take
 * part in: the baton offered to me, evaluations due, meetings coming up, consents I coordinate that
 * end soon or have ended, and — for leaders — cases whose coordinator is no longer active.
 */
@Component({
  selector: 'st-tasks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge],
  template: `
    <h1 data-testid="tasks-heading">{{ 'tasks.heading' | t }}</h1>
    @let state = tasks();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @let value = state.value;
      @if (readsCases()) {
        <section aria-labelledby="tasks-transfers-heading">
          <h2 id="tasks-transfers-heading">{{ 'tasks.transfersHeading' | t }}</h2>
          @if (value.transfersAwaitingMe.length === 0) {
            <p data-testid="tasks-transfers-empty">{{ 'tasks.transfersEmpty' | t }}</p>
          } @else {
            <ul class="tasks" aria-labelledby="tasks-transfers-heading" data-testid="tasks-transfers">
              @for (transfer of value.transfersAwaitingMe; track transfer.transferId) {
                <li data-testid="task-transfer">
                  <a [routerLink]="['/cases', transfer.caseId]">{{ transfer.child.givenName }} {{ transfer.child.familyName }}</a>
                  <span>{{ 'tasks.transferFrom' | t }} {{ transfer.from.displayName }}</span>
                  <span>
                    <time [attr.datetime]="transfer.requestedAt">{{ transfer.requestedAt | localDate }}</time>
                  </span>
                </li>
              }
            </ul>
          }
        </section>
      }

      <section aria-labelledby="tasks-concerns-heading">
        <h2 id="tasks-concerns-heading">{{ 'tasks.concernsHeading' | t }}</h2>
        @if (value.concernsAwaitingDecision.length === 0) {
          <p data-testid="tasks-empty">{{ 'tasks.empty' | t }}</p>
        } @else {
          <ul class="tasks" aria-labelledby="tasks-concerns-heading" data-testid="tasks-list">
            @for (concern of value.concernsAwaitingDecision; track concern.id) {
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
      </section>

      @if (readsCases()) {
        <section aria-labelledby="tasks-evaluations-heading">
          <h2 id="tasks-evaluations-heading">{{ 'tasks.evaluationsHeading' | t }}</h2>
          @if (value.evaluationsDue.length === 0) {
            <p data-testid="tasks-evaluations-empty">{{ 'tasks.evaluationsEmpty' | t }}</p>
          } @else {
            <ul class="tasks" aria-labelledby="tasks-evaluations-heading" data-testid="tasks-evaluations">
              @for (item of value.evaluationsDue; track item.measureId) {
                <li data-testid="task-evaluation" [class.overdue]="item.overdue">
                  <a [routerLink]="['/cases', item.caseId]">{{ item.child.givenName }} {{ item.child.familyName }}</a>
                  <span>{{ item.description }}</span>
                  <span>
                    {{ 'tasks.evaluateBy' | t }}:
                    <time [attr.datetime]="item.evaluationDueOn">{{ item.evaluationDueOn | localDate }}</time>
                  </span>
                  @if (item.overdue) {
                    <st-badge tone="warning" data-testid="overdue-badge">{{ 'casePlan.overdue' | t }}</st-badge>
                  }
                </li>
              }
            </ul>
          }
        </section>

        <section aria-labelledby="tasks-meetings-heading">
          <h2 id="tasks-meetings-heading">{{ 'tasks.meetingsHeading' | t }}</h2>
          @if (value.meetingsComingUp.length === 0) {
            <p data-testid="tasks-meetings-empty">{{ 'tasks.meetingsEmpty' | t }}</p>
          } @else {
            <ul class="tasks" aria-labelledby="tasks-meetings-heading" data-testid="tasks-meetings">
              @for (meeting of value.meetingsComingUp; track meeting.meetingId) {
                <li data-testid="task-meeting">
                  <a [routerLink]="['/cases', meeting.caseId]">{{ meeting.child.givenName }} {{ meeting.child.familyName }}</a>
                  <span
                    ><time [attr.datetime]="meeting.meetingAt">{{ meeting.meetingAt | localDate: 'dateTime' }}</time></span
                  >
                  <span>{{ meeting.agenda }}</span>
                </li>
              }
            </ul>
          }
        </section>
      }

      @if (readsCases()) {
        <section aria-labelledby="tasks-consent-reminders-heading">
          <h2 id="tasks-consent-reminders-heading">{{ 'tasks.consentRemindersHeading' | t }}</h2>
          @if (value.consentReminders.length === 0) {
            <p data-testid="tasks-consent-reminders-empty">{{ 'tasks.consentRemindersEmpty' | t }}</p>
          } @else {
            <ul class="tasks" aria-labelledby="tasks-consent-reminders-heading" data-testid="tasks-consent-reminders">
              @for (item of value.consentReminders; track item.consentId) {
                <li data-testid="task-consent-reminder" [class.overdue]="item.daysLeft <= 7">
                  <a [routerLink]="['/cases', item.caseId]">{{ item.child.givenName }} {{ item.child.familyName }}</a>
                  <span>
                    {{ 'tasks.consentLastDay' | t }}:
                    <time [attr.datetime]="item.validTo">{{ item.validTo | localDate }}</time>
                  </span>
                  <st-badge [tone]="item.daysLeft <= 7 ? 'warning' : 'neutral'" data-testid="consent-days-left"
                    >{{ 'tasks.daysLeft' | t }}: {{ item.daysLeft }}</st-badge
                  >
                </li>
              }
            </ul>
          }
        </section>

        <section aria-labelledby="tasks-consents-ended-heading">
          <h2 id="tasks-consents-ended-heading">{{ 'tasks.consentsEndedHeading' | t }}</h2>
          @if (value.consentsEnded.length === 0) {
            <p data-testid="tasks-consents-ended-empty">{{ 'tasks.consentsEndedEmpty' | t }}</p>
          } @else {
            <ul class="tasks" aria-labelledby="tasks-consents-ended-heading" data-testid="tasks-consents-ended">
              @for (item of value.consentsEnded; track item.consentId) {
                <li data-testid="task-consent-ended" class="overdue">
                  <a [routerLink]="['/cases', item.caseId]">{{ item.child.givenName }} {{ item.child.familyName }}</a>
                  <span>
                    <st-badge tone="warning">{{ endedLabel(item.status) | t }}</st-badge>
                    <time [attr.datetime]="item.endedOn">{{ item.endedOn | localDate }}</time>
                  </span>
                  <span>{{ 'tasks.consentEndedHint' | t }}</span>
                </li>
              }
            </ul>
          }
        </section>
      }

      @if (leads()) {
        <section aria-labelledby="tasks-reassign-heading">
          <h2 id="tasks-reassign-heading">{{ 'tasks.reassignHeading' | t }}</h2>
          @if (value.casesWithoutActiveCoordinator.length === 0) {
            <p data-testid="tasks-reassign-empty">{{ 'tasks.reassignEmpty' | t }}</p>
          } @else {
            <ul class="tasks" aria-labelledby="tasks-reassign-heading" data-testid="tasks-reassign">
              @for (item of value.casesWithoutActiveCoordinator; track item.caseId) {
                <li data-testid="task-reassign" class="overdue">
                  <a [routerLink]="['/cases', item.caseId]">{{ item.child.givenName }} {{ item.child.familyName }}</a>
                  <span data-testid="task-reassign-reason"
                    >{{ (item.reason === 'no_access' ? 'tasks.coordinatorLostAccess' : 'tasks.inactiveCoordinator') | t }}:
                    {{ item.coordinator.displayName }} ({{ item.unitName }})</span
                  >
                </li>
              }
            </ul>
          }
        </section>
      }
    }
  `,
  styles: `
    section + section {
      margin-top: 1.5rem;
    }
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
  private readonly session = inject(SessionStore);
  protected readonly tasks = toRemote(inject(TasksApi).mine().pipe(map(complete)));
  protected readonly readsCases = computed(() => this.session.ability().can('read', 'Case'));
  /** Unit leaders re-assign cases whose coordinator in their unit is no longer active. */
  protected readonly leads = computed(() => this.session.ability().can('update', 'CaseCoordinator'));
  protected readonly endedLabel = (status: 'withdrawn' | 'expired'): MessageKey => `tasks.consentEnded.${status}`;
}
