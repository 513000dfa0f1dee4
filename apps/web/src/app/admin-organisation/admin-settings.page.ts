import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { FieldError } from '@stafett/ui';
import { AdminOrganisationApi, remoteFailure } from '@stafett/web-data-access';
import type { Remote } from '@stafett/web-data-access';
import { FormErrors, NO_ERRORS, formErrorsOf } from '../admin/admin-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';

type Field = 'concernDecisionDays' | 'youthConsentAge' | 'consentDefaultMonths' | 'consentReminderDays';

const FIELD_MESSAGES: Record<Field, MessageKey> = {
  concernDecisionDays: 'settings.error.concernDecisionDays',
  youthConsentAge: 'settings.error.youthConsentAge',
  consentDefaultMonths: 'settings.error.consentDefaultMonths',
  consentReminderDays: 'settings.error.consentReminderDays',
};

/** The server names array items as `consentReminderDays.0`; they are one field here. */
const serverFields = (): Partial<Record<string, { field: Field; message: MessageKey }>> =>
  new Proxy(
    {},
    {
      get: (_target, path: string) => {
        const field = path.split('.')[0] as Field;
        return field in FIELD_MESSAGES ? { field, message: FIELD_MESSAGES[field] } : undefined;
      },
    },
  );

const wholeNumber = (text: string, min: number, max: number): number | null => {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n >= min && n <= max ? n : null;
};

/** The municipality's settings (deadlines, consent age and length, reminders), checked here and by the server. */
@Component({
  selector: 'st-admin-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, ReactiveFormsModule, FieldError],
  template: `
    <h1 data-testid="settings-heading">{{ 'settings.heading' | t }}</h1>
    @let state = loaded();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      <form class="form" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="settings-form">
        <div class="field">
          <label for="settings-decision-days">{{ 'settings.concernDecisionDays' | t }}</label>
          <input
            id="settings-decision-days"
            data-testid="settings-decision-days"
            inputmode="numeric"
            formControlName="concernDecisionDays"
            aria-describedby="settings-decision-days-error"
          />
          <st-field-error fieldId="settings-decision-days" [messages]="messages('concernDecisionDays')" />
        </div>
        <div class="field">
          <label for="settings-youth-age">{{ 'settings.youthConsentAge' | t }}</label>
          <select
            id="settings-youth-age"
            data-testid="settings-youth-age"
            formControlName="youthConsentAge"
            aria-describedby="settings-youth-age-error"
          >
            <option value="15">15</option>
            <option value="16">16</option>
          </select>
          <st-field-error fieldId="settings-youth-age" [messages]="messages('youthConsentAge')" />
        </div>
        <div class="field">
          <label class="choice"
            ><input type="checkbox" data-testid="settings-guardians-sign" formControlName="guardiansSignForYouth" />
            {{ 'settings.guardiansSignForYouth' | t }}</label
          >
        </div>
        <div class="field">
          <label for="settings-consent-months">{{ 'settings.consentDefaultMonths' | t }}</label>
          <input
            id="settings-consent-months"
            data-testid="settings-consent-months"
            inputmode="numeric"
            formControlName="consentDefaultMonths"
            aria-describedby="settings-consent-months-error"
          />
          <st-field-error fieldId="settings-consent-months" [messages]="messages('consentDefaultMonths')" />
        </div>
        <div class="field">
          <label for="settings-reminders">{{ 'settings.consentReminderDays' | t }}</label>
          <input
            id="settings-reminders"
            data-testid="settings-reminders"
            formControlName="consentReminderDays"
            aria-describedby="settings-reminders-error"
          />
          <st-field-error fieldId="settings-reminders" [messages]="messages('consentReminderDays')" />
        </div>
        @if (errors().form; as problem) {
          <p class="problem" role="alert" data-testid="settings-problem">{{ problem | t }}</p>
        }
        @if (saved()) {
          <p class="success" role="status" data-testid="settings-saved">{{ 'settings.saved' | t }}</p>
        }
        <div class="actions">
          <button type="submit" class="primary" data-testid="settings-save" [disabled]="busy()">{{ 'settings.save' | t }}</button>
        </div>
      </form>
    }
  `,
})
export class AdminSettingsPage {
  private readonly api = inject(AdminOrganisationApi);
  private readonly i18n = inject(I18n);
  private version = '';
  protected readonly loaded = signal<Remote<true>>({ kind: 'loading' });
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly errors = signal<FormErrors<Field>>(NO_ERRORS);
  protected readonly form = inject(NonNullableFormBuilder).group({
    concernDecisionDays: [''],
    youthConsentAge: ['16'],
    guardiansSignForYouth: [false],
    consentDefaultMonths: [''],
    consentReminderDays: [''],
  });

  constructor() {
    this.api.settings().subscribe({
      next: ({ settings, version }) => {
        this.version = version;
        this.form.setValue({
          concernDecisionDays: String(settings.concernDecisionDays),
          youthConsentAge: String(settings.youthConsentAge),
          guardiansSignForYouth: settings.guardiansSignForYouth,
          consentDefaultMonths: String(settings.consentDefaultMonths),
          consentReminderDays: settings.consentReminderDays.join(', '),
        });
        this.loaded.set({ kind: 'ready', value: true });
      },
      error: (error: unknown) => this.loaded.set(remoteFailure(error)),
    });
  }

  protected messages(field: Field): string[] {
    const key = this.errors().fields[field];
    return key ? [this.i18n.t(key)] : [];
  }

  protected save(): void {
    const value = this.form.getRawValue();
    const concernDecisionDays = wholeNumber(value.concernDecisionDays, 1, 60);
    const consentDefaultMonths = wholeNumber(value.consentDefaultMonths, 1, 36);
    const reminderTexts = value.consentReminderDays
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d !== '');
    const reminders = reminderTexts.map((d) => wholeNumber(d, 1, 90));
    const fields: FormErrors<Field>['fields'] = {};
    if (concernDecisionDays === null) fields.concernDecisionDays = FIELD_MESSAGES.concernDecisionDays;
    if (consentDefaultMonths === null) fields.consentDefaultMonths = FIELD_MESSAGES.consentDefaultMonths;
    if (reminders.length > 5 || reminders.some((d) => d === null) || new Set(reminders).size !== reminders.length)
      fields.consentReminderDays = FIELD_MESSAGES.consentReminderDays;
    this.saved.set(false);
    if (Object.keys(fields).length) {
      this.errors.set({ fields, form: null });
      return;
    }
    this.busy.set(true);
    this.api
      .updateSettings(this.version, {
        concernDecisionDays: concernDecisionDays as number,
        youthConsentAge: Number(value.youthConsentAge),
        guardiansSignForYouth: value.guardiansSignForYouth,
        consentDefaultMonths: consentDefaultMonths as number,
        consentReminderDays: reminders as number[],
      })
      .subscribe({
        next: ({ version }) => {
          this.version = version;
          this.busy.set(false);
          this.errors.set(NO_ERRORS);
          this.saved.set(true);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.errors.set(formErrorsOf(error, serverFields(), { stale: 'settings.error.changed' }));
        },
      });
  }
}
