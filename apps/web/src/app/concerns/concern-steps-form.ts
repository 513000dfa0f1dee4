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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { DomainRuleError, checkGuardianStep } from '@stafett/domain';
import { FieldError } from '@stafett/ui';
import type { ConcernResponse, ConcernStepsRequest, FieldErrors } from '@stafett/web-data-access';
import { ServerErrors, mapServerErrors } from '../core/http/server-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { todayIso } from './concern-texts';

type StepField = 'talkedWithChildOn' | 'talkedWithGuardiansOn' | 'guardiansNotTalkedReason' | 'sharedWithColleagueOn' | 'sharedWithUnit';

const FIELD_IDS: Record<StepField, string> = {
  talkedWithChildOn: 'steps-talked-with-child-on',
  talkedWithGuardiansOn: 'steps-talked-with-guardians-on',
  guardiansNotTalkedReason: 'steps-guardians-not-talked-reason',
  sharedWithColleagueOn: 'steps-shared-with-colleague-on',
  sharedWithUnit: 'steps-shared-with-unit',
};

const notInFuture: ValidatorFn = (control) => (control.value && control.value > todayIso() ? { future: true } : null);

/** The domain's either/or rule for the guardians, as the server applies it: a date or a reason, not both. */
export const guardianStepRule: ValidatorFn = (group) => {
  const { talkedWithGuardiansOn, guardiansNotTalkedReason } = (
    group as AbstractControl<{ talkedWithGuardiansOn: string; guardiansNotTalkedReason: string }>
  ).value;
  try {
    checkGuardianStep(talkedWithGuardiansOn || null, guardiansNotTalkedReason || null);
    return null;
  } catch (error) {
    if (error instanceof DomainRuleError) return { guardianStep: error.field };
    throw error;
  }
};

function routeServerField(path: string): { field: StepField; message: MessageKey } | null {
  if (path === 'guardiansNotTalkedReason') return { field: path, message: 'steps.error.either' };
  if (path === 'talkedWithChildOn' || path === 'talkedWithGuardiansOn' || path === 'sharedWithColleagueOn')
    return { field: path, message: 'form.error.date' };
  if (path === 'sharedWithUnit') return { field: path, message: 'form.error.invalid' };
  return null;
}

/**
 * The level-0 steps of a concern: talked with the child, with the guardians (or why not), discussed
 * with a colleague, shared with the unit. Emits what to save; the page sends it with the version read.
 */
@Component({
  selector: 'st-concern-steps-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="steps-form">
      <div class="field">
        <label [for]="ids.talkedWithChildOn">{{ 'steps.talkedWithChildOn' | t }}</label>
        <input
          type="date"
          [id]="ids.talkedWithChildOn"
          [attr.data-testid]="ids.talkedWithChildOn"
          formControlName="talkedWithChildOn"
          [max]="today"
          [attr.aria-invalid]="invalid('talkedWithChildOn')"
          [attr.aria-describedby]="errorRef('talkedWithChildOn')"
        />
        <st-field-error [fieldId]="ids.talkedWithChildOn" [messages]="errors('talkedWithChildOn')" />
      </div>

      <fieldset aria-describedby="steps-guardians-hint">
        <legend>{{ 'steps.guardians' | t }}</legend>
        <p class="hint" id="steps-guardians-hint">{{ 'steps.guardiansHint' | t }}</p>
        <div class="field">
          <label [for]="ids.talkedWithGuardiansOn">{{ 'steps.talkedWithGuardiansOn' | t }}</label>
          <input
            type="date"
            [id]="ids.talkedWithGuardiansOn"
            [attr.data-testid]="ids.talkedWithGuardiansOn"
            formControlName="talkedWithGuardiansOn"
            [max]="today"
            [attr.aria-invalid]="invalid('talkedWithGuardiansOn')"
            [attr.aria-describedby]="errorRef('talkedWithGuardiansOn')"
          />
          <st-field-error [fieldId]="ids.talkedWithGuardiansOn" [messages]="errors('talkedWithGuardiansOn')" />
        </div>
        <div class="field">
          <label [for]="ids.guardiansNotTalkedReason">{{ 'steps.guardiansNotTalkedReason' | t }}</label>
          <textarea
            [id]="ids.guardiansNotTalkedReason"
            [attr.data-testid]="ids.guardiansNotTalkedReason"
            formControlName="guardiansNotTalkedReason"
            rows="3"
            maxlength="2000"
            [attr.aria-invalid]="invalid('guardiansNotTalkedReason')"
            [attr.aria-describedby]="errorRef('guardiansNotTalkedReason')"
          ></textarea>
          <st-field-error [fieldId]="ids.guardiansNotTalkedReason" [messages]="errors('guardiansNotTalkedReason')" />
        </div>
      </fieldset>

      <div class="field">
        <label [for]="ids.sharedWithColleagueOn">{{ 'steps.sharedWithColleagueOn' | t }}</label>
        <input
          type="date"
          [id]="ids.sharedWithColleagueOn"
          [attr.data-testid]="ids.sharedWithColleagueOn"
          formControlName="sharedWithColleagueOn"
          [max]="today"
          [attr.aria-invalid]="invalid('sharedWithColleagueOn')"
          [attr.aria-describedby]="errorRef('sharedWithColleagueOn')"
        />
        <st-field-error [fieldId]="ids.sharedWithColleagueOn" [messages]="errors('sharedWithColleagueOn')" />
      </div>

      <div class="choice">
        <input
          type="checkbox"
          [id]="ids.sharedWithUnit"
          [attr.data-testid]="ids.sharedWithUnit"
          formControlName="sharedWithUnit"
          [attr.aria-describedby]="'steps-shared-with-unit-hint' + (invalid('sharedWithUnit') ? ' ' + ids.sharedWithUnit + '-error' : '')"
        />
        <div>
          <label [for]="ids.sharedWithUnit">{{ 'steps.sharedWithUnit' | t }}</label>
          <p class="hint" id="steps-shared-with-unit-hint">{{ 'steps.sharedWithUnitHint' | t }}</p>
          <st-field-error [fieldId]="ids.sharedWithUnit" [messages]="errors('sharedWithUnit')" />
        </div>
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
        <button type="submit" class="primary" data-testid="steps-save" [disabled]="busy()">
          {{ (busy() ? 'steps.saving' : 'steps.save') | t }}
        </button>
      </div>
    </form>
  `,
})
export class ConcernStepsForm {
  private readonly i18n = inject(I18n);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** The concern as last read; the form shows its steps again whenever a new version arrives. */
  readonly concern = input.required<ConcernResponse>();
  readonly busy = input(false);
  /** Field errors from the server's last answer to a save. */
  readonly serverFieldErrors = input<FieldErrors | null>(null);
  readonly save = output<ConcernStepsRequest>();

  protected readonly ids = FIELD_IDS;
  protected readonly today = todayIso();
  protected readonly submitted = signal(false);
  protected readonly serverErrors = linkedSignal<ServerErrors<StepField>>(() =>
    mapServerErrors(this.serverFieldErrors(), routeServerField),
  );

  protected readonly form = this.fb.group(
    {
      talkedWithChildOn: ['', notInFuture],
      talkedWithGuardiansOn: ['', notInFuture],
      guardiansNotTalkedReason: ['', Validators.maxLength(2000)],
      sharedWithColleagueOn: ['', notInFuture],
      sharedWithUnit: [false],
    },
    { validators: guardianStepRule },
  );

  constructor() {
    effect(() => {
      const concern = this.concern();
      untracked(() => {
        this.form.reset({
          talkedWithChildOn: concern.talkedWithChildOn ?? '',
          talkedWithGuardiansOn: concern.talkedWithGuardiansOn ?? '',
          guardiansNotTalkedReason: concern.guardiansNotTalkedReason ?? '',
          sharedWithColleagueOn: concern.sharedWithColleagueOn ?? '',
          sharedWithUnit: concern.sharedWithUnit,
        });
        this.submitted.set(false);
      });
    });
    for (const name of Object.keys(FIELD_IDS) as StepField[]) {
      (this.form.controls[name] as AbstractControl).valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
        if (!this.serverErrors().fields[name]) return;
        this.serverErrors.update((current) => ({ ...current, fields: { ...current.fields, [name]: undefined } }));
      });
    }
    effect(() => {
      if (this.serverFieldErrors()) untracked(() => this.focusFirstInvalid());
    });
  }

  protected invalid(name: StepField): true | null {
    return this.errors(name).length > 0 ? true : null;
  }

  protected errorRef(name: StepField): string | null {
    return this.invalid(name) ? `${FIELD_IDS[name]}-error` : null;
  }

  protected errors(name: StepField): string[] {
    const control = this.form.controls[name];
    const messages: string[] = [];
    if (control.hasError('future') && (control.touched || this.submitted())) messages.push(this.i18n.t('form.error.future'));
    if (control.hasError('maxlength')) messages.push(this.i18n.t('form.error.tooLong'));
    // Shown as soon as both are filled in: the user is told while still at the fields.
    if (name === 'guardiansNotTalkedReason' && this.form.hasError('guardianStep')) messages.push(this.i18n.t('steps.error.either'));
    const server = this.serverErrors().fields[name];
    if (server && !(name === 'guardiansNotTalkedReason' && this.form.hasError('guardianStep'))) messages.push(this.i18n.t(server));
    return messages;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const value = this.form.getRawValue();
    this.save.emit({
      talkedWithChildOn: value.talkedWithChildOn || null,
      talkedWithGuardiansOn: value.talkedWithGuardiansOn || null,
      guardiansNotTalkedReason: value.guardiansNotTalkedReason.trim() || null,
      sharedWithColleagueOn: value.sharedWithColleagueOn || null,
      sharedWithUnit: value.sharedWithUnit,
    });
  }

  /** After rendering the messages, put the keyboard on the first field to correct. */
  private focusFirstInvalid(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
      injector: this.injector,
    });
  }
}
