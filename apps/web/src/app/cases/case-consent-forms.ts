import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormRecord,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { INFORMATION_CATEGORIES, defaultValidTo } from '@stafett/domain';
import type { ConsentResponse, CreateConsentRequest, InformationCategory } from '@stafett/domain';
import { FieldError, RadioGroupField, TextAreaField } from '@stafett/ui';
import { ConsentsApi } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { categoryLabel, todayIso } from '../concerns/concern-texts';
import { owningServiceId, signerKey } from '../consents/consent-texts';
import { CaseForm, CaseNoticeView, ServerProblems, requiredText } from './case-form';
import { activeParticipants } from './case-texts';

/** The keys of a checkbox group that are checked. */
const checked = (choices: Partial<Record<string, boolean>>) =>
  Object.entries(choices)
    .filter(([, on]) => on)
    .map(([key]) => key);

const atLeastOne: ValidatorFn = (control) => (checked(control.value as Record<string, boolean>).length > 0 ? null : { required: true });

type Choices = FormRecord<FormControl<boolean>>;
type ConsentField = 'purpose' | 'categories' | 'serviceIds' | 'excludedUserIds' | 'excludedCategories' | 'validFrom' | 'validTo';

interface ConsentValue {
  validFrom: string;
  validTo: string;
  categories: Record<string, boolean>;
  excludedCategories: Record<string, boolean>;
}

/** The period in order and not over; a category is either shared or excluded — the rules `checkScope` applies on the server. */
const scopeRules: ValidatorFn = (group: AbstractControl) => {
  const value = group.getRawValue() as ConsentValue;
  const rule: Partial<Record<ConsentField, string>> = {};
  if (value.validTo && ((value.validFrom && value.validTo < value.validFrom) || value.validTo < todayIso())) rule.validTo = 'order';
  if (checked(value.excludedCategories).some((c) => value.categories[c])) rule.excludedCategories = 'overlap';
  return Object.keys(rule).length > 0 ? { rule } : null;
};

/**
 * Asking for consent: what (the purpose in plain words, the categories of information), who (the
 * services, optional exclusions of persons or categories) and the period. Saved as a draft; a new
 * version starts from the latest one, and replaces it when given.
 */
@Component({
  selector: 'st-case-consent-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, LocalDatePipe, FieldError, ServerProblems, CaseNoticeView, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="consent-form">
      <st-case-notice place="consent-dialog" />
      <p class="hint">{{ 'caseConsent.askIntro' | t }}</p>
      <st-text-area-field
        [fieldId]="ids.purpose"
        testId="consent-purpose-input"
        [control]="form.controls.purpose"
        [label]="'consent.purpose' | t"
        [hint]="'caseConsent.purposeHint' | t"
        [rows]="3"
        [messages]="errors('purpose')"
      />

      <fieldset [id]="ids.categories" [attr.aria-describedby]="describedBy('categories', true)" formGroupName="categories">
        <legend>{{ 'consent.categories' | t }}</legend>
        <p class="hint" [id]="ids.categories + '-hint'">{{ 'caseConsent.categoriesHint' | t }}</p>
        <ul class="choices columns">
          @for (category of categories; track category) {
            <li class="choice">
              <input
                type="checkbox"
                [formControlName]="category"
                [id]="'consent-category-' + category"
                [attr.aria-invalid]="invalid('categories')"
              />
              <label [for]="'consent-category-' + category">{{ categoryLabel(category) | t }}</label>
            </li>
          }
        </ul>
        <st-field-error [fieldId]="ids.categories" [messages]="errors('categories')" />
      </fieldset>

      <fieldset [id]="ids.serviceIds" [attr.aria-describedby]="describedBy('serviceIds', true)" formGroupName="serviceIds">
        <legend>{{ 'consent.services' | t }}</legend>
        <p class="hint" [id]="ids.serviceIds + '-hint'">{{ 'caseConsent.servicesHint' | t }}</p>
        @if (store.organisation() === null) {
          <p role="status">{{ 'common.loading' | t }}</p>
        }
        <ul class="choices">
          @for (service of services(); track service.id) {
            <li class="choice">
              <input
                type="checkbox"
                [formControlName]="service.id"
                [id]="'consent-service-' + service.id"
                [attr.aria-invalid]="invalid('serviceIds')"
              />
              <label [for]="'consent-service-' + service.id">{{ service.name }}</label>
            </li>
          }
        </ul>
        <st-field-error [fieldId]="ids.serviceIds" [messages]="errors('serviceIds')" />
      </fieldset>

      <fieldset [id]="ids.excludedUserIds" [attr.aria-describedby]="describedBy('excludedUserIds', true)" formGroupName="excludedUserIds">
        <legend>
          {{ 'consent.excludedUsers' | t }} <span class="optional">{{ 'form.optional' | t }}</span>
        </legend>
        <p class="hint" [id]="ids.excludedUserIds + '-hint'">{{ 'caseConsent.excludedUsersHint' | t }}</p>
        @if (store.candidates(); as candidates) {
          @if (candidates.kind === 'loading') {
            <p role="status">{{ 'common.loading' | t }}</p>
          } @else if (people().length === 0) {
            <p>{{ 'caseConsent.noCandidates' | t }}</p>
          }
        }
        <ul class="choices">
          @for (person of people(); track person.userId) {
            <li class="choice">
              <input type="checkbox" [formControlName]="person.userId" [id]="'consent-exclude-' + person.userId" />
              <label [for]="'consent-exclude-' + person.userId"
                >{{ person.displayName }} <span class="service">({{ person.unitName }})</span></label
              >
            </li>
          }
        </ul>
        <st-field-error [fieldId]="ids.excludedUserIds" [messages]="errors('excludedUserIds')" />
      </fieldset>

      <fieldset
        [id]="ids.excludedCategories"
        [attr.aria-describedby]="describedBy('excludedCategories', true)"
        formGroupName="excludedCategories"
      >
        <legend>
          {{ 'consent.excludedCategories' | t }} <span class="optional">{{ 'form.optional' | t }}</span>
        </legend>
        <p class="hint" [id]="ids.excludedCategories + '-hint'">{{ 'caseConsent.excludedCategoriesHint' | t }}</p>
        <ul class="choices columns">
          @for (category of categories; track category) {
            <li class="choice">
              <input
                type="checkbox"
                [formControlName]="category"
                [id]="'consent-exclude-category-' + category"
                [attr.aria-invalid]="invalid('excludedCategories')"
              />
              <label [for]="'consent-exclude-category-' + category">{{ categoryLabel(category) | t }}</label>
            </li>
          }
        </ul>
        <st-field-error [fieldId]="ids.excludedCategories" [messages]="errors('excludedCategories')" />
      </fieldset>

      <div class="field">
        <label [for]="ids.validFrom"
          >{{ 'caseConsent.validFrom' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <p class="hint" [id]="ids.validFrom + '-hint'">{{ 'caseConsent.validFromHint' | t }}</p>
        <input
          type="date"
          [id]="ids.validFrom"
          data-testid="consent-valid-from"
          formControlName="validFrom"
          [attr.aria-invalid]="invalid('validFrom')"
          [attr.aria-describedby]="describedBy('validFrom', true)"
        />
        <st-field-error [fieldId]="ids.validFrom" [messages]="errors('validFrom')" />
      </div>
      <div class="field">
        <label [for]="ids.validTo"
          >{{ 'caseConsent.validTo' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <p class="hint" [id]="ids.validTo + '-hint'" data-testid="consent-valid-to-hint">
          @if (defaultTo(); as to) {
            {{ 'caseConsent.validToHint' | t }} {{ to.months }} {{ 'caseConsent.validToHintMonths' | t }}
            <time [attr.datetime]="to.date">{{ to.date | localDate }}</time>.
          }
        </p>
        <input
          type="date"
          [id]="ids.validTo"
          data-testid="consent-valid-to"
          formControlName="validTo"
          [attr.aria-invalid]="invalid('validTo')"
          [attr.aria-describedby]="describedBy('validTo', true)"
        />
        <st-field-error [fieldId]="ids.validTo" [messages]="errors('validTo')" />
      </div>
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="consent-create" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseConsent.create') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
  styles: `
    ul.columns {
      grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    }
  `,
})
export class ConsentForm extends CaseForm<ConsentField> {
  private readonly api = inject(ConsentsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  /** The latest version, which a new one starts from (a change of scope is a new version). */
  readonly previous = input<ConsentResponse | null>(null);
  readonly finished = output<void>();

  protected readonly command = 'consent' as const;
  protected readonly ids: Record<ConsentField, string> = {
    purpose: 'consent-purpose',
    categories: 'consent-categories',
    serviceIds: 'consent-services',
    excludedUserIds: 'consent-excluded-users',
    excludedCategories: 'consent-excluded-categories',
    validFrom: 'consent-valid-from',
    validTo: 'consent-valid-to',
  };
  protected readonly messages: Partial<Record<ConsentField, Record<string, MessageKey>>> = {
    purpose: { required: 'caseConsent.error.purpose', maxlength: 'form.error.tooLong' },
    categories: { required: 'caseConsent.error.categories' },
    serviceIds: { required: 'caseConsent.error.serviceIds' },
    excludedCategories: { overlap: 'caseConsent.error.excludedCategories' },
    validTo: { order: 'caseConsent.error.validTo' },
  };
  protected override readonly serverMessages: Partial<Record<ConsentField, MessageKey>> = {
    purpose: 'caseConsent.error.purpose',
    categories: 'caseConsent.error.categories',
    serviceIds: 'caseConsent.error.serviceIds',
    excludedCategories: 'caseConsent.error.excludedCategories',
    validTo: 'caseConsent.error.validTo',
  };
  protected readonly categories = INFORMATION_CATEGORIES;
  protected readonly categoryLabel = categoryLabel;

  protected readonly services = computed(() => (this.store.organisation()?.services ?? []).map((s) => ({ id: s.id, name: s.name })));
  /** Staff of the taking-part units (the coordinator's candidates); the API lists no staff of units not yet in the team. */
  protected readonly people = computed(() => {
    const candidates = this.store.candidates();
    return candidates?.kind === 'ready' ? candidates.value : [];
  });

  protected readonly form = this.fb.group(
    {
      purpose: ['', [requiredText, Validators.maxLength(2000)]],
      categories: new FormRecord<FormControl<boolean>>(
        Object.fromEntries(INFORMATION_CATEGORIES.map((c) => [c, this.fb.control(false)])),
        atLeastOne,
      ),
      serviceIds: new FormRecord<FormControl<boolean>>({}, atLeastOne),
      excludedUserIds: new FormRecord<FormControl<boolean>>({}),
      excludedCategories: new FormRecord<FormControl<boolean>>(
        Object.fromEntries(INFORMATION_CATEGORIES.map((c) => [c, this.fb.control(false)])),
      ),
      validFrom: [''],
      validTo: [''],
    },
    { validators: scopeRules },
  );
  private readonly validFrom = toSignal(this.form.controls.validFrom.valueChanges, { initialValue: '' });
  /** The last day when none is chosen, at the municipality's default length (the server applies the same rule). */
  protected readonly defaultTo = computed(() => {
    const policy = this.store.organisation()?.consentPolicy;
    return policy ? { months: policy.consentDefaultMonths, date: defaultValidTo(this.validFrom() || todayIso(), policy) } : null;
  });

  constructor() {
    super();
    this.store.loadOrganisation();
    this.store.loadCandidates();
    // Start from the latest version: its scope, to change what needs changing.
    effect(() => {
      const previous = this.previous();
      untracked(() => {
        if (!previous) return;
        this.form.controls.purpose.setValue(previous.purpose);
        for (const c of previous.categories) this.form.controls.categories.get(c)?.setValue(true);
        for (const c of previous.excludedCategories) this.form.controls.excludedCategories.get(c)?.setValue(true);
      });
    });
    // Services and people arrive later: add a checkbox for each, checked when the latest version (or the team) names it.
    effect(() => {
      const services = this.services();
      const people = this.people();
      const record = this.store.record();
      const previous = this.previous();
      untracked(() => {
        const owner = record ? owningServiceId(record) : null;
        const named = new Set(
          previous
            ? previous.services.map((s) => s.id)
            : (record ? activeParticipants(record) : []).map((p) => p.serviceId).filter((id) => id !== owner),
        );
        addChoices(
          this.form.controls.serviceIds,
          services.map((s) => s.id),
          named,
        );
        const excluded = new Set(previous?.excludedUsers.map((u) => u.userId) ?? []);
        addChoices(
          this.form.controls.excludedUserIds,
          people.map((p) => p.userId),
          excluded,
        );
      });
    });
  }

  protected send(): void {
    const value = this.form.getRawValue();
    const caseId = this.store.record()?.id;
    if (!caseId) return;
    const excludedUserIds = checked(value.excludedUserIds);
    const excludedCategories = checked(value.excludedCategories) as InformationCategory[];
    const request: CreateConsentRequest = {
      purpose: value.purpose.trim(),
      categories: checked(value.categories) as InformationCategory[],
      serviceIds: checked(value.serviceIds),
      ...(excludedUserIds.length > 0 ? { excludedUserIds } : {}),
      ...(excludedCategories.length > 0 ? { excludedCategories } : {}),
      ...(value.validFrom ? { validFrom: value.validFrom } : {}),
      ...(value.validTo ? { validTo: value.validTo } : {}),
    };
    this.runConsent({
      section: 'consents',
      form: 'consent-dialog',
      saved: 'caseConsent.created',
      send: () => this.api.create(caseId, request),
      done: () => this.finished.emit(),
    });
  }
}

function addChoices(group: Choices, keys: readonly string[], on: ReadonlySet<string>): void {
  for (const key of keys) if (!group.contains(key)) group.addControl(key, new FormControl(on.has(key), { nonNullable: true }));
  group.updateValueAndValidity();
}

/**
 * Sending the draft to the signers the server names (guardians with parental responsibility; from
 * the youth consent age the youth). One signature is enough only with a documented reason.
 */
@Component({
  selector: 'st-case-consent-submit-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, CaseNoticeView, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="consent-submit-form">
      <st-case-notice place="consent-dialog" />
      @if (consent().signers.length === 0) {
        <p>{{ 'consent.noSigners' | t }}</p>
      } @else {
        <p>{{ 'caseConsent.submitIntro' | t }}</p>
        <ul data-testid="consent-submit-signers">
          @for (signer of consent().signers; track signer.role + (signer.userId ?? '')) {
            <li>{{ signer.displayName }}{{ signer.role === 'youth' ? ' (' + ('consent.youth' | t) + ')' : '' }}</li>
          }
        </ul>
      }
      <div class="choice">
        <input
          type="checkbox"
          id="consent-single"
          data-testid="consent-single"
          formControlName="single"
          aria-describedby="consent-single-hint"
        />
        <div>
          <label for="consent-single">{{ 'caseConsent.single' | t }}</label>
          <p class="hint" id="consent-single-hint">{{ 'caseConsent.singleHint' | t }}</p>
        </div>
      </div>
      @if (single()) {
        <st-text-area-field
          [fieldId]="ids.singleSignatureReason"
          testId="consent-single-reason-input"
          [control]="form.controls.singleSignatureReason"
          [label]="'caseConsent.singleReason' | t"
          [messages]="errors('singleSignatureReason')"
        />
      }
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="consent-submit-send" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseConsent.submit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class ConsentSubmitForm extends CaseForm<'singleSignatureReason'> {
  private readonly api = inject(ConsentsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly consent = input.required<ConsentResponse>();
  readonly finished = output<void>();

  protected readonly command = 'consentSubmit' as const;
  protected readonly ids = { singleSignatureReason: 'consent-single-reason-input' };
  protected readonly messages = {
    singleSignatureReason: { required: 'caseConsent.error.singleSignatureReason', maxlength: 'form.error.tooLong' } as Record<
      string,
      MessageKey
    >,
  };
  protected override readonly serverMessages: Partial<Record<'singleSignatureReason', MessageKey>> = {
    singleSignatureReason: 'caseConsent.error.singleSignatureReason',
  };
  protected override target(): string {
    return this.consent().id;
  }

  protected readonly form = this.fb.group(
    { single: [false], singleSignatureReason: ['', Validators.maxLength(2000)] },
    {
      validators: (group: AbstractControl) => {
        const value = group.getRawValue() as { single: boolean; singleSignatureReason: string };
        return value.single && !value.singleSignatureReason.trim() ? { rule: { singleSignatureReason: 'required' } } : null;
      },
    },
  );
  protected readonly single = toSignal(this.form.controls.single.valueChanges, { initialValue: false });

  protected send(): void {
    const value = this.form.getRawValue();
    const consent = this.consent();
    const request = value.single ? { singleSignatureReason: value.singleSignatureReason.trim() } : {};
    this.runConsent({
      section: 'consents',
      form: 'consent-dialog',
      saved: 'caseConsent.submitted',
      send: () => this.api.submit(consent, request),
      done: () => this.finished.emit(),
    });
  }
}

type AnswerField = 'signerKey' | 'decision' | 'method' | 'note';

/** The coordinator records an oral or paper answer of a signer who has not answered, marked as such, with a note. */
@Component({
  selector: 'st-case-consent-answer-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, CaseNoticeView, TextAreaField, RadioGroupField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="consent-answer-form">
      <st-case-notice place="consent-dialog" />
      <p class="hint">{{ 'caseConsent.answerIntro' | t }}</p>
      <st-radio-group-field
        [fieldId]="ids.signerKey"
        [legend]="'caseConsent.signer' | t"
        [control]="form.controls.signerKey"
        [options]="unansweredOptions()"
        optionIdPrefix="consent-answer-signer-"
        [messages]="errors('signerKey')"
      />
      <st-radio-group-field
        [fieldId]="ids.decision"
        [legend]="'caseConsent.decision' | t"
        [control]="form.controls.decision"
        [options]="choices(decisions, decisionLabel)"
        [optionIdPrefix]="'consent-answer-decision-'"
        [messages]="errors('decision')"
      />
      <st-radio-group-field
        [fieldId]="ids.method"
        [legend]="'caseConsent.method' | t"
        [control]="form.controls.method"
        [options]="choices(methods, methodLabel)"
        [optionIdPrefix]="'consent-answer-method-'"
        [messages]="errors('method')"
      />
      <st-text-area-field
        [fieldId]="ids.note"
        testId="consent-answer-note"
        [control]="form.controls.note"
        [label]="'caseConsent.note' | t"
        [hint]="'caseConsent.answerNoteHint' | t"
        [rows]="3"
        [messages]="errors('note')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="consent-answer-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseConsent.answerSubmit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class ConsentAnswerForm extends CaseForm<AnswerField> {
  private readonly api = inject(ConsentsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly consent = input.required<ConsentResponse>();
  readonly finished = output<void>();

  protected readonly command = 'consentAnswer' as const;
  protected readonly ids: Record<AnswerField, string> = {
    signerKey: 'consent-answer-signer',
    decision: 'consent-answer-decision',
    method: 'consent-answer-method',
    note: 'consent-answer-note',
  };
  protected readonly messages: Partial<Record<AnswerField, Record<string, MessageKey>>> = {
    signerKey: { required: 'caseConsent.error.signerKey' },
    decision: { required: 'caseConsent.error.decision' },
    method: { required: 'caseConsent.error.method' },
    note: { required: 'caseConsent.error.note', maxlength: 'form.error.tooLong' },
  };
  protected override target(): string {
    return this.consent().id;
  }
  /** The server names the signer as `signer`. */
  protected override route(path: string): AnswerField | null {
    return path === 'signer' ? 'signerKey' : super.route(path);
  }
  protected readonly decisions = ['signed', 'declined'] as const;
  protected readonly methods = ['oral', 'paper'] as const;
  protected readonly decisionLabel = (d: 'signed' | 'declined'): MessageKey => `caseConsent.decision.${d}`;
  protected readonly methodLabel = (m: 'oral' | 'paper'): MessageKey => `consent.method.${m}`;
  protected readonly unansweredOptions = computed(() =>
    this.consent()
      .signers.filter((s) => !s.answer)
      .map((s) => ({ value: signerKey(s), label: s.displayName })),
  );

  protected readonly form = this.fb.group({
    signerKey: ['', Validators.required],
    decision: this.fb.control<'signed' | 'declined' | ''>('', Validators.required),
    method: this.fb.control<'oral' | 'paper' | ''>('', Validators.required),
    note: ['', [requiredText, Validators.maxLength(2000)]],
  });

  protected send(): void {
    const value = this.form.getRawValue();
    if (!value.decision || !value.method) return;
    const consent = this.consent();
    const request = { signerKey: value.signerKey, decision: value.decision, method: value.method, note: value.note.trim() };
    this.runConsent({
      section: 'consents',
      form: 'consent-dialog',
      saved: 'caseConsent.answered',
      send: () => this.api.recordAnswer(consent, request),
      done: () => this.finished.emit(),
    });
  }
}

type WithdrawalField = 'onBehalfOf' | 'note';

/** The coordinator records that a signer withdrew the consent orally or in writing; access ends at once. */
@Component({
  selector: 'st-case-consent-withdrawal-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, CaseNoticeView, TextAreaField, RadioGroupField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="consent-withdrawal-form">
      <st-case-notice place="consent-dialog" />
      <p class="hint">{{ 'caseConsent.withdrawIntro' | t }}</p>
      <st-radio-group-field
        [fieldId]="ids.onBehalfOf"
        [legend]="'caseConsent.onBehalfOf' | t"
        [control]="form.controls.onBehalfOf"
        [options]="signerOptions()"
        optionIdPrefix="consent-withdraw-signer-"
        [messages]="errors('onBehalfOf')"
      />
      <st-text-area-field
        [fieldId]="ids.note"
        testId="consent-withdraw-note"
        [control]="form.controls.note"
        [label]="'caseConsent.note' | t"
        [hint]="'caseConsent.withdrawNoteHint' | t"
        [rows]="3"
        [messages]="errors('note')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="consent-withdraw-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseConsent.withdrawSubmit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class ConsentWithdrawalForm extends CaseForm<WithdrawalField> {
  private readonly api = inject(ConsentsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly consent = input.required<ConsentResponse>();
  readonly finished = output<void>();

  protected readonly command = 'consentWithdraw' as const;
  protected readonly ids: Record<WithdrawalField, string> = { onBehalfOf: 'consent-withdraw-signer', note: 'consent-withdraw-note' };
  protected readonly messages: Partial<Record<WithdrawalField, Record<string, MessageKey>>> = {
    onBehalfOf: { required: 'caseConsent.error.onBehalfOf' },
    note: { required: 'caseConsent.error.note', maxlength: 'form.error.tooLong' },
  };
  protected override target(): string {
    return this.consent().id;
  }
  protected override route(path: string): WithdrawalField | null {
    return path === 'signer' ? 'onBehalfOf' : super.route(path);
  }
  protected readonly signerOptions = computed(() => this.consent().signers.map((s) => ({ value: signerKey(s), label: s.displayName })));

  protected readonly form = this.fb.group({
    onBehalfOf: ['', Validators.required],
    note: ['', [requiredText, Validators.maxLength(2000)]],
  });

  protected send(): void {
    const value = this.form.getRawValue();
    const consent = this.consent();
    const request = { onBehalfOf: value.onBehalfOf, note: value.note.trim() };
    this.runConsent({
      section: 'consents',
      form: 'consent-dialog',
      saved: 'caseConsent.withdrawn',
      send: () => this.api.withdraw(consent, request),
      done: () => this.finished.emit(),
    });
  }
}
