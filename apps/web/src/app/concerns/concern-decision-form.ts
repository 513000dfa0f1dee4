import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { CONCERN_DECISIONS, DomainRuleError, decideConcern } from '@stafett/domain';
import type { ConcernDecision } from '@stafett/domain';
import { FieldError } from '@stafett/ui';
import type { ConcernDecisionRequest, FieldErrors } from '@stafett/web-data-access';
import { ServerErrors, mapServerErrors } from '../core/http/server-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { decisionHint, decisionLabel } from './concern-texts';

type DecisionField = 'decision' | 'reason' | 'level';

interface DecisionValue {
  decision: ConcernDecision | '';
  reason: string;
  level: 2 | 3 | null;
}

/** The level only goes with collaboration; for any other decision it is not sent. */
const levelFor = (value: DecisionValue): 2 | 3 | null => (value.decision === 'collaboration' ? value.level : null);

/** The domain's transition, as the server runs it: closing needs a reason, collaboration level 2 or 3. */
export const decisionRule: ValidatorFn = (group) => {
  const value = (group as AbstractControl<DecisionValue>).value;
  if (!value.decision) return null;
  try {
    decideConcern({ status: 'open', decision: null }, { decision: value.decision, reason: value.reason || null, level: levelFor(value) });
    return null;
  } catch (error) {
    if (error instanceof DomainRuleError) return { decisionRule: error.field };
    throw error;
  }
};

const RULE_MESSAGES: Partial<Record<DecisionField, MessageKey>> = { reason: 'decision.error.reason', level: 'decision.error.level' };

function routeServerField(path: string): { field: DecisionField; message: MessageKey } | null {
  if (path === 'decision') return { field: 'decision', message: 'decision.error.choice' };
  if (path === 'reason') return { field: 'reason', message: 'decision.error.reason' };
  if (path === 'level') return { field: 'level', message: 'decision.error.level' };
  return null;
}

/** Deciding a concern (final): close with a reason, own service, collaboration at level 2 or 3, or report to child welfare. */
@Component({
  selector: 'st-concern-decision-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="decision-form">
      <fieldset id="decision-choice" [attr.aria-describedby]="errorRef('decision', 'decision-choice')">
        <legend>{{ 'decision.choice' | t }}</legend>
        <ul class="choices">
          @for (decision of decisions; track decision) {
            <li class="choice">
              <input
                type="radio"
                formControlName="decision"
                [value]="decision"
                [id]="'decision-' + decision"
                [attr.data-testid]="'decision-' + decision"
                [attr.aria-describedby]="'decision-' + decision + '-hint'"
                [attr.aria-invalid]="invalid('decision')"
              />
              <div>
                <label [for]="'decision-' + decision">{{ decisionLabel(decision) | t }}</label>
                <p class="hint" [id]="'decision-' + decision + '-hint'">{{ decisionHint(decision) | t }}</p>
              </div>
            </li>
          }
        </ul>
        <st-field-error fieldId="decision-choice" [messages]="errors('decision')" />
      </fieldset>

      @if (chosen() === 'collaboration') {
        <fieldset id="decision-level" [attr.aria-describedby]="errorRef('level', 'decision-level')">
          <legend>{{ 'decision.level' | t }}</legend>
          <ul class="choices">
            @for (level of levels; track level.value) {
              <li class="choice">
                <input
                  type="radio"
                  formControlName="level"
                  [value]="level.value"
                  [id]="'decision-level-' + level.value"
                  [attr.data-testid]="'decision-level-' + level.value"
                  [attr.aria-invalid]="invalid('level')"
                />
                <label [for]="'decision-level-' + level.value">{{ level.label | t }}</label>
              </li>
            }
          </ul>
          <st-field-error fieldId="decision-level" [messages]="errors('level')" />
        </fieldset>
      }

      <div class="field">
        <label for="decision-reason"
          >{{ 'decision.reason' | t }}
          @if (chosen() !== 'close') {
            <span class="optional">{{ 'form.optional' | t }}</span>
          }
        </label>
        <p class="hint" id="decision-reason-hint">{{ 'decision.reasonHint' | t }}</p>
        <textarea
          id="decision-reason"
          data-testid="decision-reason"
          formControlName="reason"
          rows="4"
          maxlength="2000"
          [attr.aria-required]="chosen() === 'close'"
          [attr.aria-invalid]="invalid('reason')"
          [attr.aria-describedby]="'decision-reason-hint' + (invalid('reason') ? ' decision-reason-error' : '')"
        ></textarea>
        <st-field-error fieldId="decision-reason" [messages]="errors('reason')" />
      </div>

      @if (serverErrors().other.length > 0) {
        <div class="problem" role="alert">
          <p>{{ 'form.error.other' | t }}</p>
          <ul>
            @for (message of serverErrors().other; track $index) {
              <li>{{ message }}</li>
            }
          </ul>
        </div>
      }

      <div class="actions">
        <button type="submit" class="primary" data-testid="decision-submit" [disabled]="busy()">
          {{ (busy() ? 'decision.submitting' : 'decision.submit') | t }}
        </button>
      </div>
    </form>
  `,
})
export class ConcernDecisionForm {
  private readonly i18n = inject(I18n);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly busy = input(false);
  /** Field errors from the server's last answer to a decision. */
  readonly serverFieldErrors = input<FieldErrors | null>(null);
  readonly decide = output<ConcernDecisionRequest>();

  protected readonly decisions = CONCERN_DECISIONS;
  protected readonly decisionLabel = decisionLabel;
  protected readonly decisionHint = decisionHint;
  protected readonly levels: ReadonlyArray<{ value: 2 | 3; label: MessageKey }> = [
    { value: 2, label: 'decision.level2' },
    { value: 3, label: 'decision.level3' },
  ];
  protected readonly submitted = signal(false);
  protected readonly serverErrors = linkedSignal<ServerErrors<DecisionField>>(() =>
    mapServerErrors(this.serverFieldErrors(), routeServerField),
  );

  protected readonly form = this.fb.group(
    {
      decision: this.fb.control<ConcernDecision | ''>('', Validators.required),
      reason: ['', Validators.maxLength(2000)],
      level: this.fb.control<2 | 3 | null>(null),
    },
    { validators: decisionRule },
  );
  protected readonly chosen = toSignal(this.form.controls.decision.valueChanges, { initialValue: this.form.controls.decision.value });

  constructor() {
    for (const name of ['decision', 'reason', 'level'] as const) {
      (this.form.controls[name] as AbstractControl).valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
        if (!this.serverErrors().fields[name]) return;
        this.serverErrors.update((current) => ({ ...current, fields: { ...current.fields, [name]: undefined } }));
      });
    }
    effect(() => {
      if (this.serverFieldErrors()) untracked(() => this.focusFirstInvalid());
    });
  }

  protected invalid(name: DecisionField): true | null {
    return this.errors(name).length > 0 ? true : null;
  }

  protected errorRef(name: DecisionField, fieldId: string): string | null {
    return this.invalid(name) ? `${fieldId}-error` : null;
  }

  protected errors(name: DecisionField): string[] {
    const control = this.form.controls[name];
    const shown = control.touched || this.submitted();
    const messages: string[] = [];
    if (name === 'decision' && control.hasError('required') && this.submitted()) messages.push(this.i18n.t('decision.error.choice'));
    if (control.hasError('maxlength')) messages.push(this.i18n.t('form.error.tooLong'));
    const rule = RULE_MESSAGES[name];
    const ruleBroken = this.form.getError('decisionRule') === name;
    if (rule && ruleBroken && shown) messages.push(this.i18n.t(rule));
    const server = this.serverErrors().fields[name];
    if (server && !(ruleBroken && shown)) messages.push(this.i18n.t(server));
    return messages;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    const value = this.form.getRawValue();
    if (this.form.invalid || !value.decision) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const level = levelFor(value);
    this.decide.emit({
      decision: value.decision,
      reason: value.reason.trim() || null,
      ...(level ? { level } : {}),
    });
  }

  /** After rendering the messages, put the keyboard on the first field to correct. */
  private focusFirstInvalid(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
      injector: this.injector,
    });
  }
}
