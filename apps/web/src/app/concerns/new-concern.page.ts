import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { CONCERN_CATEGORIES, checkNationalId } from '@stafett/domain';
import type { ConcernCategory } from '@stafett/domain';
import { FieldError, TextAreaField } from '@stafett/ui';
import { ChildrenApi, ConcernsApi, OrganisationApi, SessionStore, fieldErrorsOf } from '@stafett/web-data-access';
import type { CreateConcernRequest } from '@stafett/web-data-access';
import { catchError, map, of, switchMap } from 'rxjs';
import { toRemote } from '../core/http/remote';
import { NO_SERVER_ERRORS, ServerErrors, mapServerErrors } from '../core/http/server-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { categoryLabel, todayIso } from './concern-texts';

/** The value of the child select that opens the "new child" sub-form. */
export const NEW_CHILD = 'new';

type FieldName =
  | 'unitId'
  | 'child'
  | 'givenName'
  | 'familyName'
  | 'birthDate'
  | 'nationalId'
  | 'aroseOn'
  | 'observedBy'
  | 'description'
  | 'childWords'
  | 'categories';

/** Element id (also the test id) of each field, whether it has a hint, and the message for each client-side error. */
const FIELDS: Record<FieldName, { id: string; hint?: true; errors: Record<string, MessageKey> }> = {
  unitId: { id: 'concern-unit', errors: { required: 'newConcern.error.unit' } },
  child: { id: 'concern-child', hint: true, errors: { required: 'newConcern.error.child' } },
  givenName: { id: 'concern-new-child-given-name', errors: { required: 'newConcern.error.givenName', maxlength: 'form.error.tooLong' } },
  familyName: { id: 'concern-new-child-family-name', errors: { required: 'newConcern.error.familyName', maxlength: 'form.error.tooLong' } },
  birthDate: { id: 'concern-new-child-birth-date', errors: { required: 'newConcern.error.birthDate', future: 'form.error.future' } },
  nationalId: { id: 'concern-new-child-national-id', hint: true, errors: { nationalId: 'newConcern.error.nationalId' } },
  aroseOn: { id: 'concern-arose-on', hint: true, errors: { required: 'newConcern.error.aroseOn', future: 'form.error.future' } },
  observedBy: {
    id: 'concern-observed-by',
    hint: true,
    errors: { required: 'newConcern.error.observedBy', maxlength: 'form.error.tooLong' },
  },
  description: {
    id: 'concern-description',
    hint: true,
    errors: { required: 'newConcern.error.description', maxlength: 'form.error.tooLong' },
  },
  childWords: { id: 'concern-child-words', errors: { maxlength: 'form.error.tooLong' } },
  categories: { id: 'concern-categories', hint: true, errors: { required: 'newConcern.error.categories' } },
};

/** The server's field paths (`CreateConcernDto`) and what to say at which field. */
function routeServerField(path: string): { field: FieldName; message: MessageKey } | null {
  if (path === 'unitId') return { field: 'unitId', message: 'newConcern.server.unitId' };
  if (path === 'childId') return { field: 'child', message: 'newConcern.server.childId' };
  if (path === 'newChild') return { field: 'child', message: 'newConcern.error.child' };
  if (path === 'newChild.givenName') return { field: 'givenName', message: 'form.error.invalid' };
  if (path === 'newChild.familyName') return { field: 'familyName', message: 'form.error.invalid' };
  if (path === 'newChild.birthDate') return { field: 'birthDate', message: 'form.error.date' };
  if (path === 'newChild.nationalId') return { field: 'nationalId', message: 'newConcern.error.nationalId' };
  if (path === 'aroseOn') return { field: 'aroseOn', message: 'form.error.date' };
  if (path === 'observedBy' || path === 'description' || path === 'childWords') return { field: path, message: 'form.error.invalid' };
  if (path === 'categories' || path.startsWith('categories[')) return { field: 'categories', message: 'newConcern.error.categories' };
  return null;
}

/** Required, and more than blanks. */
const requiredText: ValidatorFn = (control) => (String(control.value ?? '').trim() ? null : { required: true });
/** A date that has happened: not after today. */
const notInFuture: ValidatorFn = (control) => (control.value && control.value > todayIso() ? { future: true } : null);
/** Optional; when given, 11 digits with both check digits valid, as the server checks. */
const nationalIdValid: ValidatorFn = (control) => {
  const value = String(control.value ?? '').trim();
  return !value || checkNationalId(value).valid ? null : { nationalId: true };
};
const atLeastOneChecked: ValidatorFn = (group) =>
  Object.values((group as FormGroup).getRawValue() as Record<string, boolean>).some(Boolean) ? null : { required: true };

/**
 * Registers a concern (level 0) in one of the user's units, about a child of that unit or a child
 * registered here and now. The server checks everything again and names the fields it refuses.
 */
@Component({
  selector: 'st-new-concern-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalDatePipe, FieldError, TextAreaField],
  template: `
    <h1 data-testid="new-concern-heading">{{ 'newConcern.heading' | t }}</h1>
    @if (units().length === 0) {
      <p role="alert">{{ 'newConcern.noUnits' | t }}</p>
    } @else {
      <p>{{ 'newConcern.intro' | t }}</p>
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="concern-form">
        <div class="field">
          <label [for]="fields.unitId.id">{{ 'newConcern.unit' | t }}</label>
          <select
            [id]="fields.unitId.id"
            [attr.data-testid]="fields.unitId.id"
            formControlName="unitId"
            required
            [attr.aria-invalid]="invalid('unitId')"
            [attr.aria-describedby]="describedBy('unitId')"
          >
            <option value="">{{ 'newConcern.unitPlaceholder' | t }}</option>
            @for (unit of units(); track unit.id) {
              <option [value]="unit.id">{{ unit.name }}</option>
            }
          </select>
          <st-field-error [fieldId]="fields.unitId.id" [messages]="errors('unitId')" />
        </div>

        <div class="field">
          <label [for]="fields.child.id">{{ 'newConcern.child' | t }}</label>
          <p class="hint" [id]="fields.child.id + '-hint'">{{ 'newConcern.childHint' | t }}</p>
          <select
            [id]="fields.child.id"
            [attr.data-testid]="fields.child.id"
            formControlName="child"
            required
            [attr.aria-invalid]="invalid('child')"
            [attr.aria-describedby]="describedBy('child')"
          >
            <option value="">{{ 'newConcern.childPlaceholder' | t }}</option>
            @for (child of childOptions(); track child.id) {
              <option [value]="child.id">{{ child.givenName }} {{ child.familyName }} ({{ child.birthDate | localDate }})</option>
            }
            <option [value]="newChild">{{ 'newConcern.childNew' | t }}</option>
          </select>
          @if (children().kind === 'loading') {
            <p class="hint" role="status" data-testid="concern-child-loading">{{ 'common.loading' | t }}</p>
          } @else if (children().kind === 'failed') {
            <p class="hint" role="status">{{ 'common.loadFailed' | t }}</p>
          }
          <st-field-error [fieldId]="fields.child.id" [messages]="errors('child')" />
        </div>

        @if (childChoice() === newChild) {
          <fieldset formGroupName="newChild" data-testid="concern-new-child">
            <legend>{{ 'newConcern.newChild' | t }}</legend>
            <div class="field">
              <label [for]="fields.givenName.id">{{ 'newConcern.givenName' | t }}</label>
              <input
                type="text"
                [id]="fields.givenName.id"
                [attr.data-testid]="fields.givenName.id"
                formControlName="givenName"
                autocomplete="off"
                maxlength="100"
                required
                [attr.aria-invalid]="invalid('givenName')"
                [attr.aria-describedby]="describedBy('givenName')"
              />
              <st-field-error [fieldId]="fields.givenName.id" [messages]="errors('givenName')" />
            </div>
            <div class="field">
              <label [for]="fields.familyName.id">{{ 'newConcern.familyName' | t }}</label>
              <input
                type="text"
                [id]="fields.familyName.id"
                [attr.data-testid]="fields.familyName.id"
                formControlName="familyName"
                autocomplete="off"
                maxlength="100"
                required
                [attr.aria-invalid]="invalid('familyName')"
                [attr.aria-describedby]="describedBy('familyName')"
              />
              <st-field-error [fieldId]="fields.familyName.id" [messages]="errors('familyName')" />
            </div>
            <div class="field">
              <label [for]="fields.birthDate.id">{{ 'newConcern.birthDate' | t }}</label>
              <input
                type="date"
                [id]="fields.birthDate.id"
                [attr.data-testid]="fields.birthDate.id"
                formControlName="birthDate"
                [max]="today"
                required
                [attr.aria-invalid]="invalid('birthDate')"
                [attr.aria-describedby]="describedBy('birthDate')"
              />
              <st-field-error [fieldId]="fields.birthDate.id" [messages]="errors('birthDate')" />
            </div>
            <div class="field">
              <label [for]="fields.nationalId.id"
                >{{ 'newConcern.nationalId' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
              >
              <p class="hint" [id]="fields.nationalId.id + '-hint'">{{ 'newConcern.nationalIdHint' | t }}</p>
              <input
                type="text"
                inputmode="numeric"
                [id]="fields.nationalId.id"
                [attr.data-testid]="fields.nationalId.id"
                formControlName="nationalId"
                autocomplete="off"
                maxlength="11"
                [attr.aria-invalid]="invalid('nationalId')"
                [attr.aria-describedby]="describedBy('nationalId')"
              />
              <st-field-error [fieldId]="fields.nationalId.id" [messages]="errors('nationalId')" />
            </div>
          </fieldset>
        }

        <div class="field">
          <label [for]="fields.aroseOn.id">{{ 'newConcern.aroseOn' | t }}</label>
          <p class="hint" [id]="fields.aroseOn.id + '-hint'">{{ 'newConcern.aroseOnHint' | t }}</p>
          <input
            type="date"
            [id]="fields.aroseOn.id"
            [attr.data-testid]="fields.aroseOn.id"
            formControlName="aroseOn"
            [max]="today"
            required
            [attr.aria-invalid]="invalid('aroseOn')"
            [attr.aria-describedby]="describedBy('aroseOn')"
          />
          <st-field-error [fieldId]="fields.aroseOn.id" [messages]="errors('aroseOn')" />
        </div>

        <div class="field">
          <label [for]="fields.observedBy.id">{{ 'newConcern.observedBy' | t }}</label>
          <p class="hint" [id]="fields.observedBy.id + '-hint'">{{ 'newConcern.observedByHint' | t }}</p>
          <input
            type="text"
            [id]="fields.observedBy.id"
            [attr.data-testid]="fields.observedBy.id"
            formControlName="observedBy"
            maxlength="200"
            required
            [attr.aria-invalid]="invalid('observedBy')"
            [attr.aria-describedby]="describedBy('observedBy')"
          />
          <st-field-error [fieldId]="fields.observedBy.id" [messages]="errors('observedBy')" />
        </div>

        <div class="field">
          <label [for]="fields.description.id">{{ 'newConcern.description' | t }}</label>
          <p class="hint" [id]="fields.description.id + '-hint'">{{ 'newConcern.descriptionHint' | t }}</p>
          <textarea
            [id]="fields.description.id"
            [attr.data-testid]="fields.description.id"
            formControlName="description"
            rows="6"
            maxlength="5000"
            required
            [attr.aria-invalid]="invalid('description')"
            [attr.aria-describedby]="describedBy('description')"
          ></textarea>
          <st-field-error [fieldId]="fields.description.id" [messages]="errors('description')" />
        </div>

        <st-text-area-field
          [fieldId]="fields.childWords.id"
          [testId]="fields.childWords.id"
          [control]="form.controls.childWords"
          [label]="'newConcern.childWords' | t"
          [optional]="'form.optional' | t"
          [rows]="3"
          [messages]="errors('childWords')"
        />

        <fieldset formGroupName="categories" [id]="fields.categories.id" [attr.aria-describedby]="describedBy('categories')">
          <legend>{{ 'newConcern.categories' | t }}</legend>
          <p class="hint" [id]="fields.categories.id + '-hint'">{{ 'newConcern.categoriesHint' | t }}</p>
          <ul class="choices">
            @for (category of categories; track category) {
              <li class="choice">
                <input
                  type="checkbox"
                  [id]="'concern-category-' + category"
                  [attr.data-testid]="'concern-category-' + category"
                  [formControlName]="category"
                  [attr.aria-invalid]="invalid('categories')"
                />
                <label [for]="'concern-category-' + category">{{ categoryLabel(category) | t }}</label>
              </li>
            }
          </ul>
          <st-field-error [fieldId]="fields.categories.id" [messages]="errors('categories')" />
        </fieldset>

        @if (summary(); as summary) {
          <div class="problem" role="alert" data-testid="concern-form-error">
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
          <button type="submit" class="primary" data-testid="concern-submit" [disabled]="busy()">
            {{ (busy() ? 'newConcern.submitting' : 'newConcern.submit') | t }}
          </button>
          <a routerLink="/concerns">{{ 'newConcern.cancel' | t }}</a>
        </div>
      </form>
    }
  `,
})
export class NewConcernPage {
  private readonly i18n = inject(I18n);
  private readonly session = inject(SessionStore);
  private readonly concerns = inject(ConcernsApi);
  private readonly organisation = inject(OrganisationApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly fields = FIELDS;
  protected readonly categories = CONCERN_CATEGORIES;
  protected readonly categoryLabel = categoryLabel;
  protected readonly newChild = NEW_CHILD;
  protected readonly today = todayIso();

  protected readonly form = this.fb.group({
    unitId: ['', Validators.required],
    child: ['', Validators.required],
    newChild: this.fb.group({
      givenName: ['', [requiredText, Validators.maxLength(100)]],
      familyName: ['', [requiredText, Validators.maxLength(100)]],
      birthDate: ['', [Validators.required, notInFuture]],
      nationalId: ['', nationalIdValid],
    }),
    aroseOn: ['', [Validators.required, notInFuture]],
    observedBy: ['', [requiredText, Validators.maxLength(200)]],
    description: ['', [requiredText, Validators.maxLength(5000)]],
    childWords: ['', Validators.maxLength(2000)],
    categories: new FormGroup(
      Object.fromEntries(CONCERN_CATEGORIES.map((c) => [c, new FormControl(false, { nonNullable: true })])) as Record<
        ConcernCategory,
        FormControl<boolean>
      >,
      { validators: atLeastOneChecked },
    ),
  });

  /**
   * Every child the user may see, all pages read (200 at a time) before the select offers them: the
   * options are sorted by name here, so a "Vis flere" would drop names into the middle of the list,
   * and a child missing from it would look unregistered and invite registering the child again.
   */
  protected readonly children = toRemote(inject(ChildrenApi).all());
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly serverErrors = signal<ServerErrors<FieldName>>(NO_SERVER_ERRORS);

  /** Unit names from the municipality's public organisation; empty when it cannot be read (children's units fill in). */
  private readonly organisationUnitNames = toSignal(
    this.organisation.municipalities().pipe(
      switchMap((list) => {
        const own = list.find((m) => m.id === this.session.session()?.user.municipalityId);
        return own ? this.organisation.overview(own.code) : of(null);
      }),
      map((overview) => new Map((overview?.services ?? []).flatMap((s) => s.units.map((u) => [u.id, u.name] as const)))),
      catchError(() => of(new Map<string, string>())),
    ),
    { initialValue: new Map<string, string>() },
  );

  /** The units the user registers in: where they work as staff or unit leader (the server allows no other). */
  protected readonly units = computed(() => {
    const roles = this.session.session()?.roles ?? [];
    const ids = [
      ...new Set(roles.filter((r) => r.unitId && (r.role === 'staff' || r.role === 'unit_leader')).map((r) => r.unitId as string)),
    ];
    const fromChildren = new Map<string, string>();
    const children = this.children();
    if (children.kind === 'ready') for (const child of children.value) for (const u of child.units) fromChildren.set(u.id, u.name);
    const fallback = this.i18n.t('newConcern.unitFallback');
    return ids
      .map((id, index) => ({ id, name: this.organisationUnitNames().get(id) ?? fromChildren.get(id) ?? `${fallback} ${index + 1}` }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  });

  private readonly unitId = toSignal(this.form.controls.unitId.valueChanges, { initialValue: '' });
  protected readonly childChoice = toSignal(this.form.controls.child.valueChanges, { initialValue: '' });

  /** Children enrolled in the chosen unit now. */
  protected readonly childOptions = computed(() => {
    const children = this.children();
    const unitId = this.unitId();
    if (children.kind !== 'ready' || !unitId) return [];
    return children.value
      .filter((c) => c.units.some((u) => u.id === unitId))
      .sort((a, b) => `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`, 'nb'));
  });

  /** The message above the submit button when something must be corrected. */
  protected readonly summary = signal<MessageKey | null>(null);

  constructor() {
    this.form.controls.newChild.disable();
    const units = this.units();
    if (units.length === 1) this.form.controls.unitId.setValue(units[0].id);

    this.form.controls.unitId.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      const child = this.form.controls.child.value;
      if (child && child !== NEW_CHILD && !this.childOptions().some((c) => c.id === child)) this.form.controls.child.setValue('');
    });
    this.form.controls.child.valueChanges.pipe(takeUntilDestroyed()).subscribe((child) => {
      const group = this.form.controls.newChild;
      if (child === NEW_CHILD) group.enable();
      else group.disable();
    });
    // A field the user changes no longer carries the server's complaint about its old value.
    for (const name of Object.keys(FIELDS) as FieldName[]) {
      this.control(name)
        .valueChanges.pipe(takeUntilDestroyed())
        .subscribe(() => this.clearServerError(name));
    }
  }

  protected invalid(name: FieldName): true | null {
    return this.errors(name).length > 0 ? true : null;
  }

  /** Client-side messages once the field was left or the form submitted, then the server's. */
  protected errors(name: FieldName): string[] {
    const control = this.control(name);
    const messages: string[] = [];
    if (control.enabled && control.invalid && (control.touched || this.submitted())) {
      for (const key of Object.keys(control.errors ?? {})) {
        const message = FIELDS[name].errors[key];
        if (message) messages.push(this.i18n.t(message));
      }
    }
    const server = this.serverErrors().fields[name];
    if (server) messages.push(this.i18n.t(server));
    return messages;
  }

  protected describedBy(name: FieldName): string | null {
    const { id, hint } = FIELDS[name];
    const ids = [hint ? `${id}-hint` : null, this.invalid(name) ? `${id}-error` : null].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    this.serverErrors.set(NO_SERVER_ERRORS);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.summary.set('form.invalidSummary');
      this.focusFirstInvalid();
      return;
    }
    this.summary.set(null);
    this.busy.set(true);
    this.concerns.create(this.request()).subscribe({
      next: ({ concern }) => void this.router.navigate(['/concerns', concern.id]),
      error: (error: unknown) => {
        this.busy.set(false);
        const fields = fieldErrorsOf(error);
        if (fields) {
          const mapped = mapServerErrors(fields, routeServerField);
          this.serverErrors.set(mapped);
          this.summary.set(Object.keys(mapped.fields).length > 0 ? 'form.invalidSummary' : 'form.error.other');
          this.focusFirstInvalid();
        } else {
          this.summary.set('newConcern.failed');
        }
      },
    });
  }

  private request(): CreateConcernRequest {
    const value = this.form.getRawValue();
    const childWords = value.childWords.trim();
    const child = value.newChild;
    const nationalId = child.nationalId.trim();
    return {
      unitId: value.unitId,
      ...(value.child === NEW_CHILD
        ? {
            newChild: {
              givenName: child.givenName.trim(),
              familyName: child.familyName.trim(),
              birthDate: child.birthDate,
              ...(nationalId ? { nationalId } : {}),
            },
          }
        : { childId: value.child }),
      aroseOn: value.aroseOn,
      observedBy: value.observedBy.trim(),
      description: value.description.trim(),
      ...(childWords ? { childWords } : {}),
      categories: CONCERN_CATEGORIES.filter((c) => value.categories[c]),
    };
  }

  private control(name: FieldName): AbstractControl {
    const { controls } = this.form;
    switch (name) {
      case 'givenName':
      case 'familyName':
      case 'birthDate':
      case 'nationalId':
        return controls.newChild.controls[name];
      default:
        return controls[name];
    }
  }

  private clearServerError(name: FieldName): void {
    const current = this.serverErrors();
    if (!current.fields[name]) return;
    const fields = { ...current.fields };
    delete fields[name];
    this.serverErrors.set({ ...current, fields });
  }

  /** After rendering the messages, put the keyboard on the first field to correct (its message is read with it). */
  private focusFirstInvalid(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
      injector: this.injector,
    });
  }
}
