import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import type { CaseResponse, GoalResponse, MeasureResponse } from '@stafett/domain';
import { Badge } from '@stafett/ui';
import { CasesApi } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { CaseNoticeView } from './case-form';
import { EvaluationForm, GoalForm, MeasureForm } from './case-plan-forms';
import { CaseStore } from './case.store';
import { effectLabel, evaluationDecisionLabel } from './case-texts';

type Panel = { kind: 'add' } | { kind: 'edit' | 'evaluate'; measureId: string } | null;

/** The plan (stafettlogg): goals, and measures with a responsible unit, an evaluation due date and their evaluations. */
@Component({
  selector: 'st-case-plan',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, Badge, CaseNoticeView, GoalForm, MeasureForm, EvaluationForm],
  template: `
    @if (store.record(); as record) {
      <section aria-labelledby="case-plan-heading" data-testid="case-plan">
        <h2 id="case-plan-heading">{{ 'casePlan.heading' | t }}</h2>
        <st-case-notice place="plan" />

        <h3 id="case-goals-heading">{{ 'casePlan.goalsHeading' | t }}</h3>
        @if (record.goals.length === 0) {
          <p data-testid="no-goals">{{ 'casePlan.noGoals' | t }}</p>
        } @else {
          <ul class="plain items" aria-labelledby="case-goals-heading" data-testid="goals">
            @for (goal of record.goals; track goal.id) {
              <li data-testid="goal-item">
                <span>{{ goal.text }}</span>
                @if (goal.achieved) {
                  <st-badge tone="success">{{ 'casePlan.achieved' | t }}</st-badge>
                }
                @if (store.canCoordinate()) {
                  <button
                    type="button"
                    class="link"
                    [disabled]="store.anyBusy()"
                    [attr.aria-label]="((goal.achieved ? 'casePlan.markNotAchieved' : 'casePlan.markAchieved') | t) + ': ' + goal.text"
                    (click)="toggleAchieved(goal)"
                  >
                    {{ (goal.achieved ? 'casePlan.markNotAchieved' : 'casePlan.markAchieved') | t }}
                  </button>
                }
              </li>
            }
          </ul>
        }
        @if (store.canCoordinate()) {
          <st-case-goal-form />
        }

        <h3 id="case-measures-heading">{{ 'casePlan.measuresHeading' | t }}</h3>
        @if (record.measures.length === 0) {
          <p data-testid="no-measures">{{ 'casePlan.noMeasures' | t }}</p>
        } @else {
          <ul class="plain items" aria-labelledby="case-measures-heading" data-testid="measures">
            @for (measure of record.measures; track measure.id) {
              <li data-testid="measure-item" [attr.data-measure-id]="measure.id" [class.overdue]="measure.evaluationOverdue">
                <p class="what">
                  <strong data-testid="measure-description">{{ measure.description }}</strong>
                  @if (measure.status === 'stopped') {
                    <st-badge>{{ 'casePlan.stopped' | t }}</st-badge>
                  }
                  @if (measure.evaluationOverdue) {
                    <st-badge tone="warning" data-testid="measure-overdue">{{ 'casePlan.overdue' | t }}</st-badge>
                  }
                </p>
                <dl class="facts">
                  @if (goalOf(record, measure); as goal) {
                    <dt>{{ 'casePlan.measureGoal' | t }}</dt>
                    <dd>{{ goal.text }}</dd>
                  }
                  <dt>{{ 'casePlan.responsible' | t }}</dt>
                  <dd data-testid="measure-responsible">{{ measure.responsibleUnitName }}</dd>
                  @if (measure.status === 'active') {
                    <dt>{{ 'casePlan.evaluationDueOn' | t }}</dt>
                    <dd data-testid="measure-due-on">
                      <time [attr.datetime]="measure.evaluationDueOn">{{ measure.evaluationDueOn | localDate }}</time>
                    </dd>
                  }
                </dl>
                @if (measure.evaluations.length > 0) {
                  <h4>{{ 'caseEval.heading' | t }}</h4>
                  <ul class="plain evaluations" data-testid="evaluations">
                    @for (evaluation of measure.evaluations; track evaluation.id) {
                      <li data-testid="evaluation-item">
                        <p class="what">
                          <time [attr.datetime]="evaluation.evaluatedOn">{{ evaluation.evaluatedOn | localDate }}</time>:
                          <strong>{{ effectLabel(evaluation.effect) | t }}</strong> –
                          {{ evaluationDecisionLabel(evaluation.decision) | t }}
                        </p>
                        <dl class="facts">
                          <dt>{{ 'caseEval.childViewShort' | t }}</dt>
                          <dd data-testid="evaluation-child-view-text">«{{ evaluation.childView }}»</dd>
                          @if (evaluation.note) {
                            <dt>{{ 'caseEval.note' | t }}</dt>
                            <dd>{{ evaluation.note }}</dd>
                          }
                          @if (evaluation.nextEvaluationDueOn) {
                            <dt>{{ 'caseEval.nextEvaluationDueOn' | t }}</dt>
                            <dd>{{ evaluation.nextEvaluationDueOn | localDate }}</dd>
                          }
                          <dt>{{ 'caseEval.by' | t }}</dt>
                          <dd>{{ evaluation.evaluatedBy.displayName }}</dd>
                        </dl>
                      </li>
                    }
                  </ul>
                }
                @let open = panel();
                @if (open && open.kind !== 'add' && open.measureId === measure.id) {
                  <div class="panel" role="group" [attr.aria-labelledby]="'measure-panel-' + measure.id" data-testid="measure-panel">
                    <h4 [id]="'measure-panel-' + measure.id">
                      {{ (open.kind === 'edit' ? 'casePlan.editHeading' : 'caseEval.formHeading') | t }}: {{ measure.description }}
                    </h4>
                    @if (open.kind === 'edit') {
                      <st-case-measure-form [measure]="measure" (finished)="closePanel()" />
                    } @else {
                      <st-case-notice [place]="'evaluation:' + measure.id" />
                      <st-case-evaluation-form [measure]="measure" (finished)="closePanel()" />
                    }
                  </div>
                } @else if (mayWorkOn(record, measure)) {
                  <div class="actions">
                    <button
                      type="button"
                      class="secondary"
                      data-testid="evaluate-measure"
                      [attr.aria-label]="('caseEval.open' | t) + ': ' + measure.description"
                      (click)="openPanel({ kind: 'evaluate', measureId: measure.id })"
                    >
                      {{ 'caseEval.open' | t }}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      data-testid="edit-measure"
                      [attr.aria-label]="('casePlan.edit' | t) + ': ' + measure.description"
                      (click)="openPanel({ kind: 'edit', measureId: measure.id })"
                    >
                      {{ 'casePlan.edit' | t }}
                    </button>
                  </div>
                }
              </li>
            }
          </ul>
        }
        @if (store.canCoordinate()) {
          @if (panel()?.kind === 'add') {
            <div class="panel" role="group" aria-labelledby="measure-add-heading" data-testid="measure-panel">
              <h4 id="measure-add-heading">{{ 'casePlan.measureAddHeading' | t }}</h4>
              <st-case-measure-form (finished)="closePanel()" />
            </div>
          } @else {
            <div class="actions">
              <button type="button" class="secondary" data-testid="add-measure" (click)="openPanel({ kind: 'add' })">
                {{ 'casePlan.measureAddOpen' | t }}
              </button>
            </div>
          }
        }
      </section>
    }
  `,
})
export class CasePlanSection {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CasesApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly panel = signal<Panel>(null);
  protected readonly effectLabel = effectLabel;
  protected readonly evaluationDecisionLabel = evaluationDecisionLabel;

  protected goalOf(record: CaseResponse, measure: MeasureResponse): GoalResponse | null {
    return measure.goalId ? (record.goals.find((g) => g.id === measure.goalId) ?? null) : null;
  }

  /** The coordinator and staff of the responsible unit change and evaluate an active measure; the server decides again. */
  protected mayWorkOn(record: CaseResponse, measure: MeasureResponse): boolean {
    if (!this.store.isOpen() || measure.status !== 'active') return false;
    if (record.permissions.canCoordinate) return true;
    const unitId = record.participants.find((p) => p.id === measure.responsibleParticipantId)?.unitId;
    return record.permissions.canContribute && !!unitId && record.permissions.ownParticipantUnitIds.includes(unitId);
  }

  protected toggleAchieved(goal: GoalResponse): void {
    this.store.run({
      command: 'goalAchieved',
      target: goal.id,
      section: 'plan',
      stale: 'casePlan.goalStale',
      noFields: true,
      saved: goal.achieved ? 'casePlan.goalReopened' : 'casePlan.goalAchieved',
      send: (id) => this.api.updateGoal(id, goal.id, { achieved: !goal.achieved }, goal.version),
    });
  }

  protected openPanel(panel: Exclude<Panel, null>): void {
    this.panel.set(panel);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="measure-panel"] :is(input, select, textarea)')?.focus(),
      { injector: this.injector },
    );
  }

  protected closePanel(): void {
    this.panel.set(null);
  }
}
