import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { GUARDIAN_RELATIONS, checkNationalId } from '@stafett/domain';
import type { AddGuardianRequest, GuardianRelation } from '@stafett/domain';
import { FieldError } from '@stafett/ui';
import { ChildrenApi, fieldErrorsOf } from '@stafett/web-data-access';
import type { ChildListItem } from '@stafett/web-data-access';
import { NO_SERVER_ERRORS, ServerErrors, mapServerErrors } from '../core/http/server-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';

type Field = 'nationalId' | 'givenName' | 'familyName' | 'relation';

const MESSAGES: Record<Field, MessageKey> = {
  nationalId: 'guardians.error.nationalId',
  givenName: 'guardians.error.givenName',
  familyName: 'guardians.error.familyName',
  relation: 'guardians.error.relation',
};

const IDS: Record<Field, string> = {
  nationalId: 'guardian-national-id',
  givenName: 'guardian-given-name',
  familyName: 'guardian-family-name',
  relation: 'guardian-relation',
};

/** Spaces people type between the date and the personal digits ("140520 50013") are not part of the number. */
const compact = (value: string) => value.replace(/\s+/g, '');

/** The same check the API makes (libs/domain): 11 digits, a real date, both mod-11 check digits. */
function nationalIdValidator(control: AbstractControl<string>): ValidationErrors | null {
  return checkNationalId(compact(control.value ?? '')).valid ? null : { nationalId: true };
}

const routeServerField = (path: string): { field: Field; message: MessageKey } | null =>
  path in MESSAGES ? { field: path as Field, message: MESSAGES[path as Field] } : null;

/**
 * "Legg til foresatt": staff register by hand a guardian the registers lack, on a child they can
 * see. The guardian is unverified until a population-register import confirms them.
 */
@Component({
  selector: 'st-add-guardian-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, ReactiveFormsModule, FieldError],
  template: `
    <form
      class="form"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      data-testid="add-guardian-form"
      aria-labelledby="add-guardian-heading"
    >
      <h2 id="add-guardian-heading">{{ 'guardians.addFor' | t }} {{ child().givenName }} {{ child().familyName }}</h2>
      <p class="hint">{{ 'guardians.addIntro' | t }}</p>
      <div class="field">
        <label for="guardian-national-id">{{ 'guardians.nationalId' | t }}</label>
        <p class="hint" id="guardian-national-id-hint">{{ 'guardians.nationalIdHint' | t }}</p>
        <input
          id="guardian-national-id"
          data-testid="guardian-national-id"
          formControlName="nationalId"
          inputmode="numeric"
          autocomplete="off"
          maxlength="13"
          [attr.aria-invalid]="invalid('nationalId') ? 'true' : null"
          [attr.aria-describedby]="describedBy('nationalId', true)"
        />
        <st-field-error fieldId="guardian-national-id" [messages]="messages('nationalId')" />
      </div>
      <div class="field">
        <label for="guardian-given-name">{{ 'guardians.givenName' | t }}</label>
        <input
          id="guardian-given-name"
          data-testid="guardian-given-name"
          formControlName="givenName"
          autocomplete="off"
          [attr.aria-invalid]="invalid('givenName') ? 'true' : null"
          [attr.aria-describedby]="describedBy('givenName')"
        />
        <st-field-error fieldId="guardian-given-name" [messages]="messages('givenName')" />
      </div>
      <div class="field">
        <label for="guardian-family-name">{{ 'guardians.familyName' | t }}</label>
        <input
          id="guardian-family-name"
          data-testid="guardian-family-name"
          formControlName="familyName"
          autocomplete="off"
          [attr.aria-invalid]="invalid('familyName') ? 'true' : null"
          [attr.aria-describedby]="describedBy('familyName')"
        />
        <st-field-error fieldId="guardian-family-name" [messages]="messages('familyName')" />
      </div>
      <div class="field">
        <label for="guardian-relation">{{ 'guardians.relation' | t }}</label>
        <select
          id="guardian-relation"
          data-testid="guardian-relation"
          formControlName="relation"
          [attr.aria-invalid]="invalid('relation') ? 'true' : null"
          [attr.aria-describedby]="describedBy('relation')"
        >
          <option value="">{{ 'guardians.relationChoose' | t }}</option>
          @for (relation of relations; track relation) {
            <option [value]="relation">{{ relationLabel(relation) }}</option>
          }
        </select>
        <st-field-error fieldId="guardian-relation" [messages]="messages('relation')" />
      </div>
      <div class="field choice">
        <input
          id="guardian-responsibility"
          data-testid="guardian-responsibility"
          type="checkbox"
          formControlName="parentalResponsibility"
          aria-describedby="guardian-responsibility-hint"
        />
        <div>
          <label for="guardian-responsibility">{{ 'guardians.parentalResponsibility' | t }}</label>
          <p class="hint" id="guardian-responsibility-hint">{{ 'guardians.parentalResponsibilityHint' | t }}</p>
        </div>
      </div>
      @if (summary(); as summary) {
        <div class="problem" role="alert" data-testid="add-guardian-problem">
          <p>{{ summary | t }}</p>
          @if (serverErrors().other.length > 0) {
            <ul>
              @for (message of serverErrors().other; track $index) {
                <li>{{ message }}</li>
              }
            </ul>
          }
        </div>
      }
      <div class="actions">
        <button type="submit" class="primary" data-testid="add-guardian-submit" [disabled]="busy()">
          {{ (busy() ? 'guardians.submitting' : 'guardians.submit') | t }}
        </button>
        <button type="button" class="secondary" data-testid="add-guardian-cancel" (click)="cancelled.emit()">
          {{ 'guardians.cancel' | t }}
        </button>
      </div>
    </form>
  `,
})
export class AddGuardianForm {
  private readonly api = inject(ChildrenApi);
  private readonly i18n = inject(I18n);

  readonly child = input.required<ChildListItem>();
  /** The child as the server answered it, with its guardians. */
  readonly added = output<ChildListItem>();
  readonly cancelled = output<void>();

  protected readonly relations = GUARDIAN_RELATIONS;
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly summary = signal<MessageKey | null>(null);
  protected readonly serverErrors = signal<ServerErrors<Field>>(NO_SERVER_ERRORS);
  protected readonly form = inject(NonNullableFormBuilder).group({
    nationalId: ['', [nationalIdValidator]],
    givenName: ['', [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)]],
    familyName: ['', [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)]],
    relation: ['' as GuardianRelation | '', [Validators.required]],
    parentalResponsibility: [false],
  });
  /** Re-reads the form's validity on every change, so errors go away as the user corrects them. */
  private readonly value = signal(this.form.getRawValue());
  private readonly clientInvalid = computed(() => {
    this.value();
    return new Set((Object.keys(MESSAGES) as Field[]).filter((f) => this.form.controls[f].invalid));
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.value.set(this.form.getRawValue()));
  }

  protected relationLabel(relation: GuardianRelation): string {
    return this.i18n.t(`guardians.relation.${relation}`);
  }

  protected invalid(field: Field): boolean {
    return (this.submitted() && this.clientInvalid().has(field)) || !!this.serverErrors().fields[field];
  }

  protected messages(field: Field): string[] {
    if (this.submitted() && this.clientInvalid().has(field)) return [this.i18n.t(MESSAGES[field])];
    const server = this.serverErrors().fields[field];
    return server ? [this.i18n.t(server)] : [];
  }

  protected describedBy(field: Field, hint = false): string | null {
    const id = IDS[field];
    const ids = [hint ? `${id}-hint` : null, this.invalid(field) ? `${id}-error` : null].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    this.serverErrors.set(NO_SERVER_ERRORS);
    if (this.form.invalid) {
      this.summary.set('form.invalidSummary');
      return;
    }
    this.summary.set(null);
    this.busy.set(true);
    this.api.addGuardian(this.child().id, this.request()).subscribe({
      next: (child) => {
        this.busy.set(false);
        this.added.emit(child);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const fields = fieldErrorsOf(error, [400, 422]);
        if (fields) {
          const mapped = mapServerErrors(fields, routeServerField);
          this.serverErrors.set(mapped);
          this.summary.set(Object.keys(mapped.fields).length > 0 ? 'form.invalidSummary' : 'form.error.other');
          return;
        }
        const status = error instanceof HttpErrorResponse ? error.status : 0;
        this.summary.set(
          status === 409
            ? 'guardians.error.taken'
            : status === 403 || status === 404
              ? 'guardians.error.unavailable'
              : 'guardians.error.failed',
        );
      },
    });
  }

  private request(): AddGuardianRequest {
    const value = this.form.getRawValue();
    return {
      nationalId: compact(value.nationalId),
      givenName: value.givenName.trim(),
      familyName: value.familyName.trim(),
      relation: value.relation as GuardianRelation,
      parentalResponsibility: value.parentalResponsibility,
    };
  }
}
