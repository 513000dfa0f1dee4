import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { CaseResponse, LevelDecisionResponse } from '@stafett/domain';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { CaseDialog, CaseNoticeView } from './case-form';
import { CloseCaseForm, LevelForm, ReopenCaseForm } from './case-level-forms';
import { CaseStore } from './case.store';
import { closureLabel, decisionKindLabel, levelHint, levelLabel } from './case-texts';

/** The level now, every decision that moved it (with the child's view), and the coordinator's level, close and reopen actions. */
@Component({
  selector: 'st-case-level',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, CaseDialog, CaseNoticeView, LevelForm, CloseCaseForm, ReopenCaseForm],
  template: `
    @if (store.record(); as record) {
      <section aria-labelledby="case-level-heading" data-testid="case-level">
        <h2 id="case-level-heading">{{ 'caseLevel.heading' | t }}</h2>
        <p class="lead">
          <strong data-testid="case-level-now" [attr.data-level]="record.level">{{ levelLabel(record.level) | t }}</strong>
          <span class="hint">{{ levelHint(record.level) | t }}</span>
        </p>
        <st-case-notice place="level" />
        @if (store.canCoordinate()) {
          <div class="actions">
            <button type="button" class="primary" data-testid="change-level" (click)="dialog.set('level')">
              {{ 'caseLevel.change' | t }}
            </button>
            <button type="button" class="secondary" data-testid="close-case" (click)="dialog.set('close')">
              {{ 'caseClose.open' | t }}
            </button>
          </div>
        } @else if (record.status === 'closed' && record.permissions.canCoordinate) {
          <h3>{{ 'caseReopen.heading' | t }}</h3>
          <st-case-reopen-form />
        }

        <h3 id="level-history-heading">{{ 'caseLevel.history' | t }}</h3>
        <ol class="history" aria-labelledby="level-history-heading" data-testid="level-history">
          @for (decision of record.levelHistory; track decision.id) {
            <li data-testid="level-decision" [attr.data-kind]="decision.kind">
              <p class="what">
                <strong>{{ decisionKindLabel(decision.kind) | t }}</strong>
                {{ movement(decision) }}
              </p>
              <dl class="facts">
                <dt>{{ 'caseLevel.reason' | t }}</dt>
                <dd>{{ decision.reason }}</dd>
                <dt>{{ 'case.childView' | t }}</dt>
                <dd data-testid="level-decision-child-view">{{ decision.childView ?? ('caseLevel.childViewMissing' | t) }}</dd>
                @if (meetingOf(record, decision); as meeting) {
                  <dt>{{ 'caseLevel.meeting' | t }}</dt>
                  <dd>{{ meeting.meetingAt | localDate: 'dateTime' }} – {{ meeting.agenda }}</dd>
                }
                <dt>{{ 'caseLevel.decidedBy' | t }}</dt>
                <dd>
                  {{ decision.decidedBy.displayName }},
                  <time [attr.datetime]="decision.decidedAt">{{ decision.decidedAt | localDate: 'dateTime' }}</time>
                </dd>
              </dl>
            </li>
          }
        </ol>
        @if (record.closure; as closure) {
          <p data-testid="case-closure">
            <strong>{{ 'caseClose.closedBecause' | t }}:</strong> {{ closureLabel(closure.reason) | t }}
            @if (closure.otherText) {
              – {{ closure.otherText }}
            }
          </p>
        }
      </section>

      <st-case-dialog
        dialogId="level-dialog"
        [heading]="i18n.t('caseLevel.dialogHeading')"
        [open]="dialog() === 'level'"
        (dismissed)="dialog.set(null)"
      >
        @if (dialog() === 'level') {
          <st-case-level-form (finished)="dialog.set(null)" />
        }
      </st-case-dialog>
      <st-case-dialog
        dialogId="close-dialog"
        [heading]="i18n.t('caseClose.dialogHeading')"
        [open]="dialog() === 'close'"
        (dismissed)="dialog.set(null)"
      >
        @if (dialog() === 'close') {
          <st-case-close-form (finished)="dialog.set(null)" />
        }
      </st-case-dialog>
    }
  `,
})
export class CaseLevelSection {
  protected readonly store = inject(CaseStore);
  protected readonly i18n = inject(I18n);
  protected readonly dialog = signal<'level' | 'close' | null>(null);

  protected readonly levelLabel = levelLabel;
  protected readonly levelHint = levelHint;
  protected readonly decisionKindLabel = decisionKindLabel;
  protected readonly closureLabel = closureLabel;

  protected movement(decision: LevelDecisionResponse): string {
    const to = this.i18n.t(levelLabel(decision.toLevel));
    if (decision.fromLevel === null || decision.fromLevel === decision.toLevel) return `– ${to}`;
    return `– ${this.i18n.t(levelLabel(decision.fromLevel))} → ${to}`;
  }

  protected meetingOf(record: CaseResponse, decision: LevelDecisionResponse) {
    return decision.meetingId ? (record.meetings.find((m) => m.id === decision.meetingId) ?? null) : null;
  }
}
