import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { EVALUATION_DECISIONS, EVALUATION_EFFECTS } from '@stafett/domain';
import type { EvaluationDecision, EvaluationEffect, MeasureResponse } from '@stafett/domain';
import { FieldError, RadioGroupField, TextAreaField } from '@stafett/ui';
import { CasesApi } from '@stafett/web-data-access';
import type { MeasureChange } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { todayIso } from '../concerns/concern-texts';
import { CaseForm, CaseNoticeView, ServerProblems, requiredText } from './case-form';
import { activeParticipants, effectLabel, evaluationDecisionLabel } from './case-texts';

/** A goal of the plan: what the measures aim at. */
@Component({
  selector: 'st-case-goal-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, TextAreaField],
  template: `
    <form class="form inline-form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="goal-form">
      <st-text-area-field
        [fieldId]="ids.text"
        testId="goal-text"
        [control]="form.controls.text"
        [label]="'casePlan.goalText' | t"
        [hint]="'casePlan.goalHint' | t"
        [messages]="errors('text')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="goal-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'casePlan.goalAdd') | t }}
        </button>
      </div>
    </form>
  `,
})
export class GoalForm extends CaseForm<'text'> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly command = 'goal' as const;
  protected readonly ids = { text: 'goal-text' };
  protected readonly messages = {
    text: { required: 'casePlan.error.goalText', maxlength: 'form.error.tooLong' } as Record<string, MessageKey>,
  };
  protected readonly form = this.fb.group({ text: ['', [requiredText, Validators.maxLength(2000)]] });

  protected send(): void {
    const text = this.form.getRawValue().text.trim();
    this.run({ section: 'plan', saved: 'casePlan.goalSaved', send: (id) => this.api.addGoal(id, { text }), done: () => this.form.reset() });
  }
}

type MeasureField = 'description' | 'goalId' | 'responsibleParticipantId' | 'evaluationDueOn';

/** A due date that has not passed (the server checks it by its own clock as well). */
const notPast: ValidatorFn = (control: AbstractControl<string>) => (control.value && control.value < todayIso() ? { past: true } : null);

/**
 * A new measure, or a change to one (with `measure`): each has a responsible participant and an
 * evaluation due date. A change is sent with the measure's version; when someone else changed it
 * meanwhile (412) the form says so and shows the latest version.
 */
@Component({
  selector: 'st-case-measure-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, CaseNoticeView, TextAreaField],
  template: `
    @if (store.record(); as record) {
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.data-testid]="prefix() + '-form'">
        <st-case-notice [place]="formPlace()" />
        <st-text-area-field
          [fieldId]="id('description')"
          [testId]="prefix() + '-description'"
          [control]="form.controls.description"
          [label]="'casePlan.measureDescription' | t"
          [hint]="'casePlan.measureDescriptionHint' | t"
          [rows]="3"
          [messages]="errors('description')"
        />
        <div class="field">
          <label [for]="id('responsibleParticipantId')">{{ 'casePlan.responsible' | t }}</label>
          <p class="hint" [id]="id('responsibleParticipantId') + '-hint'">{{ 'casePlan.responsibleHint' | t }}</p>
          <select
            [id]="id('responsibleParticipantId')"
            [attr.data-testid]="prefix() + '-responsible'"
            formControlName="responsibleParticipantId"
            aria-required="true"
            [attr.aria-invalid]="invalid('responsibleParticipantId')"
            [attr.aria-describedby]="describedBy('responsibleParticipantId', true)"
          >
            <option value="">{{ 'casePlan.responsiblePlaceholder' | t }}</option>
            @for (participant of participants(); track participant.id) {
              <option [value]="participant.id">{{ participant.unitName }}</option>
            }
          </select>
          <st-field-error [fieldId]="id('responsibleParticipantId')" [messages]="errors('responsibleParticipantId')" />
        </div>
        <div class="field">
          <label [for]="id('evaluationDueOn')">{{ 'casePlan.evaluationDueOn' | t }}</label>
          <p class="hint" [id]="id('evaluationDueOn') + '-hint'">{{ 'casePlan.evaluationDueOnHint' | t }}</p>
          <input
            type="date"
            [id]="id('evaluationDueOn')"
            [attr.data-testid]="prefix() + '-due-on'"
            formControlName="evaluationDueOn"
            aria-required="true"
            [attr.aria-invalid]="invalid('evaluationDueOn')"
            [attr.aria-describedby]="describedBy('evaluationDueOn', true)"
          />
          <st-field-error [fieldId]="id('evaluationDueOn')" [messages]="errors('evaluationDueOn')" />
        </div>
        @if (record.goals.length > 0) {
          <div class="field">
            <label [for]="id('goalId')"
              >{{ 'casePlan.measureGoal' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
            >
            <select
              [id]="id('goalId')"
              [attr.data-testid]="prefix() + '-goal'"
              formControlName="goalId"
              [attr.aria-invalid]="invalid('goalId')"
              [attr.aria-describedby]="describedBy('goalId')"
            >
              <option value="">{{ 'casePlan.noGoal' | t }}</option>
              @for (goal of record.goals; track goal.id) {
                <option [value]="goal.id">{{ goal.text }}</option>
              }
            </select>
            <st-field-error [fieldId]="id('goalId')" [messages]="errors('goalId')" />
          </div>
        }
        <st-server-problems [messages]="serverErrors().other" />
        <div class="actions">
          <button type="submit" class="primary" [attr.data-testid]="prefix() + '-submit'" [disabled]="busy()">
            {{ (busy() ? 'common.saving' : measure() ? 'casePlan.measureSave' : 'casePlan.measureAdd') | t }}
          </button>
          <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
        </div>
      </form>
    }
  `,
})
export class MeasureForm extends CaseForm<MeasureField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  /** The measure to change; a new one when left out. */
  readonly measure = input<MeasureResponse | null>(null);
  readonly finished = output<void>();

  protected get command() {
    return this.measure() ? ('measureEdit' as const) : ('measure' as const);
  }
  protected override target(): string | null {
    return this.measure()?.id ?? null;
  }
  protected readonly prefix = computed(() => (this.measure() ? 'measure-edit' : 'measure'));
  protected readonly formPlace = computed(() => (this.measure() ? `measure-edit:${this.measure()?.id}` : 'measure-form'));
  /** The fields by name; element ids are made per form by `id()`, as several such forms can be on the page. */
  protected readonly ids: Record<MeasureField, string> = {
    description: 'description',
    goalId: 'goalId',
    responsibleParticipantId: 'responsibleParticipantId',
    evaluationDueOn: 'evaluationDueOn',
  };
  protected readonly messages: Partial<Record<MeasureField, Record<string, MessageKey>>> = {
    description: { required: 'casePlan.error.description', maxlength: 'form.error.tooLong' },
    responsibleParticipantId: { required: 'casePlan.error.responsible' },
    evaluationDueOn: { required: 'casePlan.error.evaluationDueOn', past: 'casePlan.error.evaluationDuePast' },
  };
  protected override readonly serverMessages: Partial<Record<MeasureField, MessageKey>> = {
    responsibleParticipantId: 'casePlan.error.responsibleRefused',
    evaluationDueOn: 'casePlan.error.evaluationDueOnRefused',
  };

  protected readonly participants = computed(() => {
    const record = this.store.record();
    return record ? activeParticipants(record) : [];
  });

  protected readonly form = this.fb.group({
    description: ['', [requiredText, Validators.maxLength(2000)]],
    goalId: [''],
    responsibleParticipantId: ['', requiredText],
    evaluationDueOn: ['', [requiredText]],
  });

  constructor() {
    super();
    // The version shown is the one a change is based on: when a newer one arrives (after a 412), the form shows it.
    effect(() => {
      const version = this.measure()?.version;
      untracked(() => {
        const measure = this.measure();
        if (version === undefined || !measure) {
          this.form.controls.evaluationDueOn.addValidators(notPast);
          return;
        }
        this.form.reset({
          description: measure.description,
          goalId: measure.goalId ?? '',
          responsibleParticipantId: measure.responsibleParticipantId,
          evaluationDueOn: measure.evaluationDueOn,
        });
      });
    });
  }

  /** Ids unique per form: the add form and each measure's edit form may be on the page at once. */
  protected id(field: MeasureField): string {
    return `${this.prefix()}-${this.measure()?.id ?? 'new'}-${field}`;
  }

  protected override describedBy(name: MeasureField, hint = false): string | null {
    const id = this.id(name);
    const refs = [hint ? `${id}-hint` : null, this.invalid(name) ? `${id}-error` : null].filter((r) => r !== null);
    return refs.length > 0 ? refs.join(' ') : null;
  }

  protected send(): void {
    const value = this.form.getRawValue();
    const measure = this.measure();
    if (!measure) {
      const request = {
        description: value.description.trim(),
        responsibleParticipantId: value.responsibleParticipantId,
        evaluationDueOn: value.evaluationDueOn,
        ...(value.goalId ? { goalId: value.goalId } : {}),
      };
      this.run({
        section: 'plan',
        form: 'measure-form',
        saved: 'casePlan.measureSaved',
        send: (id) => this.api.addMeasure(id, request),
        done: () => this.finished.emit(),
      });
      return;
    }
    // Only what changed is sent, so an overdue date the user kept is not refused as "in the past".
    const change: MeasureChange = {};
    if (value.description.trim() !== measure.description) change.description = value.description.trim();
    if (value.responsibleParticipantId !== measure.responsibleParticipantId)
      change.responsibleParticipantId = value.responsibleParticipantId;
    if (value.evaluationDueOn !== measure.evaluationDueOn) {
      if (value.evaluationDueOn < todayIso()) {
        this.form.controls.evaluationDueOn.setErrors({ past: true });
        this.focusFirstInvalid();
        return;
      }
      change.evaluationDueOn = value.evaluationDueOn;
    }
    if ((value.goalId || null) !== measure.goalId) change.goalId = value.goalId || null;
    if (Object.keys(change).length === 0) {
      this.finished.emit();
      return;
    }
    this.run({
      section: 'plan',
      form: `measure-edit:${measure.id}`,
      stale: 'casePlan.measureStale',
      saved: 'casePlan.measureChanged',
      send: (id) => this.api.updateMeasure(id, measure.id, change, measure.version),
      done: () => this.finished.emit(),
    });
  }
}

type EvaluationField = 'evaluatedOn' | 'effect' | 'childView' | 'decision' | 'nextEvaluationDueOn' | 'note';

interface EvaluationValue {
  evaluatedOn: string;
  decision: EvaluationDecision | '';
  nextEvaluationDueOn: string;
}

/** Continue and change need the next evaluation date, after this one; stop has none. */
const nextDateRule: ValidatorFn = (group: AbstractControl) => {
  const value = group.value as EvaluationValue;
  if (!value.decision || value.decision === 'stop') return null;
  if (!value.nextEvaluationDueOn) return { rule: { nextEvaluationDueOn: 'required' } };
  if (value.evaluatedOn && value.nextEvaluationDueOn <= value.evaluatedOn) return { rule: { nextEvaluationDueOn: 'notAfter' } };
  return null;
};

const notFuture: ValidatorFn = (control: AbstractControl<string>) =>
  control.value && control.value > todayIso() ? { future: true } : null;

/**
 * An evaluation of a measure: its effect, the child's own view (required: it is the child's
 * voice), and whether the measure continues, changes or stops.
 */
@Component({
  selector: 'st-case-evaluation-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, TextAreaField, RadioGroupField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="evaluation-form">
      <div class="field">
        <label [for]="ids.evaluatedOn">{{ 'caseEval.evaluatedOn' | t }}</label>
        <input
          type="date"
          [id]="ids.evaluatedOn"
          data-testid="evaluation-on"
          formControlName="evaluatedOn"
          [max]="today"
          aria-required="true"
          [attr.aria-invalid]="invalid('evaluatedOn')"
          [attr.aria-describedby]="describedBy('evaluatedOn')"
        />
        <st-field-error [fieldId]="ids.evaluatedOn" [messages]="errors('evaluatedOn')" />
      </div>
      <st-radio-group-field
        [fieldId]="ids.effect"
        [legend]="'caseEval.effect' | t"
        [control]="form.controls.effect"
        [options]="choices(effects, effectLabel)"
        [optionIdPrefix]="ids.effect + '-'"
        [optionTestIdPrefix]="'evaluation-effect-'"
        [messages]="errors('effect')"
      />
      <st-text-area-field
        class="child-view"
        [fieldId]="ids.childView"
        testId="evaluation-child-view"
        [control]="form.controls.childView"
        [label]="'caseEval.childView' | t"
        [hint]="'caseEval.childViewHint' | t"
        [rows]="3"
        [messages]="errors('childView')"
      />
      <st-radio-group-field
        [fieldId]="ids.decision"
        [legend]="'caseEval.decision' | t"
        [control]="form.controls.decision"
        [options]="choices(decisions, evaluationDecisionLabel)"
        [optionIdPrefix]="ids.decision + '-'"
        [optionTestIdPrefix]="'evaluation-decision-'"
        [messages]="errors('decision')"
      />
      @if (decision() !== 'stop') {
        <div class="field">
          <label [for]="ids.nextEvaluationDueOn">{{ 'caseEval.nextEvaluationDueOn' | t }}</label>
          <p class="hint" [id]="ids.nextEvaluationDueOn + '-hint'">{{ 'caseEval.nextEvaluationDueOnHint' | t }}</p>
          <input
            type="date"
            [id]="ids.nextEvaluationDueOn"
            data-testid="evaluation-next-due-on"
            formControlName="nextEvaluationDueOn"
            aria-required="true"
            [attr.aria-invalid]="invalid('nextEvaluationDueOn')"
            [attr.aria-describedby]="describedBy('nextEvaluationDueOn', true)"
          />
          <st-field-error [fieldId]="ids.nextEvaluationDueOn" [messages]="errors('nextEvaluationDueOn')" />
        </div>
      }
      <st-text-area-field
        [fieldId]="ids.note"
        testId="evaluation-note"
        [control]="form.controls.note"
        [label]="'caseEval.note' | t"
        [optional]="'form.optional' | t"
        [messages]="errors('note')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="evaluation-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseEval.submit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class EvaluationForm extends CaseForm<EvaluationField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly measure = input.required<MeasureResponse>();
  readonly finished = output<void>();

  protected readonly command = 'evaluation' as const;
  protected override target(): string {
    return this.measure().id;
  }
  protected readonly ids: Record<EvaluationField, string> = {
    evaluatedOn: 'evaluation-on',
    effect: 'evaluation-effect',
    childView: 'evaluation-child-view',
    decision: 'evaluation-decision',
    nextEvaluationDueOn: 'evaluation-next-due-on',
    note: 'evaluation-note',
  };
  protected readonly messages: Partial<Record<EvaluationField, Record<string, MessageKey>>> = {
    evaluatedOn: { required: 'caseEval.error.evaluatedOn', future: 'form.error.future' },
    effect: { required: 'caseEval.error.effect' },
    childView: { required: 'caseEval.error.childView', maxlength: 'form.error.tooLong' },
    decision: { required: 'caseEval.error.decision' },
    nextEvaluationDueOn: { required: 'caseEval.error.nextRequired', notAfter: 'caseEval.error.nextNotAfter' },
    note: { maxlength: 'form.error.tooLong' },
  };
  protected override readonly serverMessages: Partial<Record<EvaluationField, MessageKey>> = {
    evaluatedOn: 'caseEval.error.evaluatedOn',
    childView: 'caseEval.error.childView',
    nextEvaluationDueOn: 'caseEval.error.nextRequired',
  };
  protected readonly effects = EVALUATION_EFFECTS;
  protected readonly decisions = EVALUATION_DECISIONS;
  protected readonly effectLabel = effectLabel;
  protected readonly evaluationDecisionLabel = evaluationDecisionLabel;
  protected readonly today = todayIso();

  protected readonly form = this.fb.group(
    {
      evaluatedOn: [todayIso(), [requiredText, notFuture]],
      effect: this.fb.control<EvaluationEffect | ''>('', Validators.required),
      childView: ['', [requiredText, Validators.maxLength(2000)]],
      decision: this.fb.control<EvaluationDecision | ''>('', Validators.required),
      nextEvaluationDueOn: [''],
      note: ['', Validators.maxLength(2000)],
    },
    { validators: nextDateRule },
  );
  protected readonly decision = toSignal(this.form.controls.decision.valueChanges, { initialValue: '' as EvaluationDecision | '' });

  protected send(): void {
    const value = this.form.getRawValue();
    if (!value.effect || !value.decision) return;
    const measure = this.measure();
    const measureId = measure.id;
    const request = {
      evaluatedOn: value.evaluatedOn,
      effect: value.effect,
      childView: value.childView.trim(),
      decision: value.decision,
      ...(value.note.trim() ? { note: value.note.trim() } : {}),
      ...(value.decision !== 'stop' ? { nextEvaluationDueOn: value.nextEvaluationDueOn } : {}),
    };
    this.run({
      section: 'plan',
      form: `evaluation:${measureId}`,
      saved: 'caseEval.saved',
      send: (id) => this.api.evaluateMeasure(id, measureId, request, measure.version),
      done: () => this.finished.emit(),
    });
  }
}
