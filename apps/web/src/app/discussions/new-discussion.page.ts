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
import { CONCERN_CATEGORIES, identifiabilityWarning } from '@stafett/domain';
import type { ConcernCategory } from '@stafett/domain';
import { Callout, FieldError } from '@stafett/ui';
import {
  AGE_BANDS,
  ConcernsApi,
  DiscussionsApi,
  MAX_INVITED_UNITS,
  OwnOrganisation,
  SessionStore,
  fieldErrorsOf,
  workUnits,
} from '@stafett/web-data-access';
import type { AgeBand, CreateDiscussionRequest } from '@stafett/web-data-access';
import { catchError, of } from 'rxjs';
import { NO_SERVER_ERRORS, ServerErrors, mapServerErrors } from '../core/http/server-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { IDENTIFYING_TEXT_ERRORS, ageBandText, categoryLabel, noIdentifyingText, requiredText } from './discussion-texts';

type FieldName = 'authorUnitId' | 'topic' | 'description' | 'ageBand' | 'categories' | 'flags' | 'invitedUnitIds' | 'linkedConcernId';

/** Element id (also the test id) of each field, whether it has a hint, and the message for each client-side error. */
const FIELDS: Record<FieldName, { id: string; hint?: true; errors: Record<string, MessageKey> }> = {
  authorUnitId: { id: 'discussion-unit', hint: true, errors: { required: 'newDiscussion.error.unit' } },
  topic: {
    id: 'discussion-topic',
    hint: true,
    errors: {
      required: 'newDiscussion.error.topic',
      minlength: 'newDiscussion.error.topic',
      maxlength: 'form.error.tooLong',
      ...IDENTIFYING_TEXT_ERRORS,
    },
  },
  description: {
    id: 'discussion-description',
    hint: true,
    errors: { required: 'newDiscussion.error.description', maxlength: 'form.error.tooLong', ...IDENTIFYING_TEXT_ERRORS },
  },
  ageBand: { id: 'discussion-age-band', hint: true, errors: {} },
  categories: { id: 'discussion-categories', errors: {} },
  flags: { id: 'discussion-details', hint: true, errors: {} },
  invitedUnitIds: {
    id: 'discussion-invited',
    hint: true,
    errors: { required: 'newDiscussion.error.invited', tooMany: 'newDiscussion.error.invitedTooMany' },
  },
  linkedConcernId: { id: 'discussion-link-concern', hint: true, errors: {} },
};

/** The server's field paths (`CreateDiscussionDto`) and what to say at which field. */
function routeServerField(path: string): { field: FieldName; message: MessageKey } | null {
  if (path === 'authorUnitId') return { field: 'authorUnitId', message: 'newDiscussion.server.unit' };
  if (path === 'topic' || path === 'description') return { field: path, message: 'newDiscussion.server.text' };
  if (path === 'ageBand') return { field: 'ageBand', message: 'form.error.invalid' };
  if (path === 'categories' || path.startsWith('categories[')) return { field: 'categories', message: 'form.error.invalid' };
  if (path === 'namesGroup' || path === 'namesDiagnosis') return { field: 'flags', message: 'form.error.invalid' };
  if (path === 'invitedUnitIds' || path.startsWith('invitedUnitIds['))
    return { field: 'invitedUnitIds', message: 'newDiscussion.server.invited' };
  if (path === 'linkedConcernId') return { field: 'linkedConcernId', message: 'newDiscussion.server.linkedConcern' };
  return null;
}

const invitedCount: ValidatorFn = (control) => {
  const count = (control.value as string[]).length;
  if (count === 0) return { required: true };
  return count > MAX_INVITED_UNITS ? { tooMany: true } : null;
};

/**
 * Starts an anonymous discussion from one of the user's units, inviting units of other services to
 * advise. Nothing identifying is asked for; free text is checked for identity numbers and dates
 * before sending, and the server's estimate of how recognisable the child is shown afterwards.
 */
@Component({
  selector: 'st-new-discussion-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalDatePipe, FieldError, Callout],
  template: `
    <h1 data-testid="new-discussion-heading">{{ 'newDiscussion.heading' | t }}</h1>
    @if (units().length === 0) {
      <p role="alert">{{ 'newDiscussion.noUnits' | t }}</p>
    } @else {
      <p>{{ 'newDiscussion.intro' | t }}</p>
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="discussion-form">
        <div class="field">
          <label [for]="fields.authorUnitId.id">{{ 'newDiscussion.unit' | t }}</label>
          <p class="hint" [id]="fields.authorUnitId.id + '-hint'">{{ 'newDiscussion.unitHint' | t }}</p>
          <select
            [id]="fields.authorUnitId.id"
            [attr.data-testid]="fields.authorUnitId.id"
            formControlName="authorUnitId"
            required
            [attr.aria-invalid]="invalid('authorUnitId')"
            [attr.aria-describedby]="describedBy('authorUnitId')"
          >
            <option value="">{{ 'newDiscussion.unitPlaceholder' | t }}</option>
            @for (unit of units(); track unit.id) {
              <option [value]="unit.id">{{ unit.name }}</option>
            }
          </select>
          <st-field-error [fieldId]="fields.authorUnitId.id" [messages]="errors('authorUnitId')" />
        </div>

        <div class="field">
          <label [for]="fields.topic.id">{{ 'newDiscussion.topic' | t }}</label>
          <p class="hint" [id]="fields.topic.id + '-hint'">{{ 'newDiscussion.topicHint' | t }}</p>
          <input
            type="text"
            [id]="fields.topic.id"
            [attr.data-testid]="fields.topic.id"
            formControlName="topic"
            autocomplete="off"
            maxlength="200"
            required
            [attr.aria-invalid]="invalid('topic')"
            [attr.aria-describedby]="describedBy('topic')"
          />
          <st-field-error [fieldId]="fields.topic.id" [messages]="errors('topic')" />
        </div>

        <div class="field">
          <label [for]="fields.description.id">{{ 'newDiscussion.description' | t }}</label>
          <p class="hint" [id]="fields.description.id + '-hint'">{{ 'newDiscussion.descriptionHint' | t }}</p>
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

        <div class="field">
          <label [for]="fields.ageBand.id"
            >{{ 'newDiscussion.ageBand' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
          >
          <p class="hint" [id]="fields.ageBand.id + '-hint'">{{ 'newDiscussion.ageBandHint' | t }}</p>
          <select
            [id]="fields.ageBand.id"
            [attr.data-testid]="fields.ageBand.id"
            formControlName="ageBand"
            [attr.aria-invalid]="invalid('ageBand')"
            [attr.aria-describedby]="describedBy('ageBand')"
          >
            <option value="">{{ 'newDiscussion.ageBandNone' | t }}</option>
            @for (band of ageBands; track band) {
              <option [value]="band">{{ ageBandText(band) }}</option>
            }
          </select>
          <st-field-error [fieldId]="fields.ageBand.id" [messages]="errors('ageBand')" />
        </div>

        <fieldset formGroupName="categories" [id]="fields.categories.id" [attr.aria-describedby]="describedBy('categories')">
          <legend>
            {{ 'newDiscussion.categories' | t }} <span class="optional">{{ 'form.optional' | t }}</span>
          </legend>
          <ul class="choices">
            @for (category of categories; track category) {
              <li class="choice">
                <input
                  type="checkbox"
                  [id]="'discussion-category-' + category"
                  [attr.data-testid]="'discussion-category-' + category"
                  [formControlName]="category"
                />
                <label [for]="'discussion-category-' + category">{{ categoryLabel(category) | t }}</label>
              </li>
            }
          </ul>
          <st-field-error [fieldId]="fields.categories.id" [messages]="errors('categories')" />
        </fieldset>

        <fieldset [id]="fields.flags.id" [attr.aria-describedby]="describedBy('flags')">
          <legend>{{ 'newDiscussion.details' | t }}</legend>
          <p class="hint" [id]="fields.flags.id + '-hint'">{{ 'newDiscussion.detailsHint' | t }}</p>
          <ul class="choices">
            <li class="choice">
              <input type="checkbox" id="discussion-names-group" data-testid="discussion-names-group" formControlName="namesGroup" />
              <label for="discussion-names-group">{{ 'newDiscussion.namesGroup' | t }}</label>
            </li>
            <li class="choice">
              <input
                type="checkbox"
                id="discussion-names-diagnosis"
                data-testid="discussion-names-diagnosis"
                formControlName="namesDiagnosis"
              />
              <label for="discussion-names-diagnosis">{{ 'newDiscussion.namesDiagnosis' | t }}</label>
            </li>
          </ul>
          <st-field-error [fieldId]="fields.flags.id" [messages]="errors('flags')" />
        </fieldset>

        @if (preview()) {
          <st-callout tone="warning" data-testid="identifiability-preview">{{ 'newDiscussion.preview' | t }}</st-callout>
        }

        <fieldset [id]="fields.invitedUnitIds.id" [attr.aria-describedby]="describedBy('invitedUnitIds')">
          <legend>{{ 'newDiscussion.invited' | t }}</legend>
          <p class="hint" [id]="fields.invitedUnitIds.id + '-hint'">{{ 'newDiscussion.invitedHint' | t }}</p>
          @if (invitable().length === 0) {
            <p data-testid="discussion-no-invitable">{{ 'newDiscussion.noInvitable' | t }}</p>
          }
          @for (service of invitable(); track service.id) {
            <p class="service">{{ service.name }}</p>
            <ul class="choices">
              @for (unit of service.units; track unit.id) {
                <li class="choice">
                  <input
                    type="checkbox"
                    [id]="'discussion-invite-' + unit.id"
                    [attr.data-testid]="'discussion-invite-' + unit.id"
                    [attr.data-unit-name]="unit.name"
                    [checked]="invited().includes(unit.id)"
                    [attr.aria-invalid]="invalid('invitedUnitIds')"
                    (change)="toggleInvite(unit.id, $event)"
                  />
                  <label [for]="'discussion-invite-' + unit.id">{{ unit.name }}</label>
                </li>
              }
            </ul>
          }
          <st-field-error [fieldId]="fields.invitedUnitIds.id" [messages]="errors('invitedUnitIds')" />
        </fieldset>

        @if (concernOptions().length > 0 || errors('linkedConcernId').length > 0) {
          <div class="field">
            <label [for]="fields.linkedConcernId.id"
              >{{ 'newDiscussion.linkConcern' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
            >
            <p class="hint" [id]="fields.linkedConcernId.id + '-hint'">{{ 'newDiscussion.linkConcernHint' | t }}</p>
            <select
              [id]="fields.linkedConcernId.id"
              [attr.data-testid]="fields.linkedConcernId.id"
              formControlName="linkedConcernId"
              [attr.aria-invalid]="invalid('linkedConcernId')"
              [attr.aria-describedby]="describedBy('linkedConcernId')"
            >
              <option value="">{{ 'newDiscussion.linkConcernNone' | t }}</option>
              @for (concern of concernOptions(); track concern.id) {
                <option [value]="concern.id">
                  {{ concern.child.givenName }} {{ concern.child.familyName }} – {{ concern.aroseOn | localDate }}
                </option>
              }
            </select>
            <st-field-error [fieldId]="fields.linkedConcernId.id" [messages]="errors('linkedConcernId')" />
          </div>
        }

        @if (summary(); as summary) {
          <div class="problem" role="alert" data-testid="discussion-form-error">
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
          <button type="submit" class="primary" data-testid="discussion-submit" [disabled]="busy()">
            {{ (busy() ? 'newDiscussion.submitting' : 'newDiscussion.submit') | t }}
          </button>
          <a routerLink="/discussions">{{ 'newDiscussion.cancel' | t }}</a>
        </div>
      </form>
    }
  `,
  styles: `
    .service {
      margin: 0.5rem 0 0.25rem;
      font-style: italic;
    }
  `,
})
export class NewDiscussionPage {
  private readonly i18n = inject(I18n);
  private readonly session = inject(SessionStore);
  private readonly discussions = inject(DiscussionsApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly fields = FIELDS;
  protected readonly categories = CONCERN_CATEGORIES;
  protected readonly categoryLabel = categoryLabel;
  protected readonly ageBands = AGE_BANDS;

  protected readonly form = this.fb.group({
    authorUnitId: ['', Validators.required],
    topic: ['', [requiredText, Validators.minLength(3), Validators.maxLength(200), noIdentifyingText]],
    description: ['', [requiredText, Validators.maxLength(5000), noIdentifyingText]],
    ageBand: ['' as AgeBand | ''],
    categories: new FormGroup(
      Object.fromEntries(CONCERN_CATEGORIES.map((c) => [c, new FormControl(false, { nonNullable: true })])) as Record<
        ConcernCategory,
        FormControl<boolean>
      >,
    ),
    namesGroup: [false],
    namesDiagnosis: [false],
    invitedUnitIds: [[] as string[], invitedCount],
    linkedConcernId: [''],
  });

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly serverErrors = signal<ServerErrors<FieldName>>(NO_SERVER_ERRORS);
  /** The message above the submit button when something must be corrected. */
  protected readonly summary = signal<MessageKey | null>(null);

  private readonly overview = toSignal(inject(OwnOrganisation).overview(), { initialValue: null });
  /**
   * Open concerns of mine, to link; none when they cannot be read (linking is optional). Every page
   * is read: the list holds every concern I may see, decided and others' too, so the first page
   * need not hold my open ones, and a select offers no "Vis flere".
   */
  private readonly myConcerns = toSignal(
    inject(ConcernsApi)
      .all()
      .pipe(catchError(() => of([]))),
    { initialValue: [] },
  );

  /** The units the user discusses from: where they work as staff or unit leader (the server allows no other). */
  protected readonly units = computed(() => {
    const fallback = this.i18n.t('newDiscussion.unitFallback');
    return workUnits(this.session.session()?.roles ?? [], this.overview()).map((unit, index) => ({
      ...unit,
      name: unit.name ?? `${fallback} ${index + 1}`,
    }));
  });

  private readonly authorUnitId = toSignal(this.form.controls.authorUnitId.valueChanges, { initialValue: '' });
  protected readonly invited = toSignal(this.form.controls.invitedUnitIds.valueChanges, { initialValue: [] as string[] });
  private readonly flags = toSignal(this.form.valueChanges, { initialValue: this.form.value });

  /** Units of the municipality's other services than the chosen unit's, grouped by service. */
  protected readonly invitable = computed(() => {
    const overview = this.overview();
    const authorUnitId = this.authorUnitId();
    if (!overview) return [];
    const own = this.units().find((u) => u.id === authorUnitId);
    const ownServiceId = overview.services.find((s) => s.units.some((u) => u.id === authorUnitId))?.id ?? own?.serviceId ?? null;
    return overview.services.filter((s) => s.id !== ownServiceId && s.units.length > 0);
  });

  /** Concerns I registered in the chosen unit that are still open: the server links no other. */
  protected readonly concernOptions = computed(() => {
    const unitId = this.authorUnitId();
    return this.myConcerns().filter((c) => c.isAuthor && c.status === 'open' && c.unitId === unitId);
  });

  /**
   * A warning while filling in, from the same rule the server applies. The unit's size is not known
   * here, so the server's answer (shown after starting) may warn where this does not.
   */
  protected readonly preview = computed(() => {
    const value = this.flags();
    return identifiabilityWarning({
      unitSize: null,
      namesGroup: value.namesGroup ?? false,
      namesDiagnosis: value.namesDiagnosis ?? false,
      ageBand: value.ageBand || null,
    });
  });

  constructor() {
    const units = this.units();
    if (units.length === 1) this.form.controls.authorUnitId.setValue(units[0].id);

    // A new unit may belong to another service: drop invitations that are no longer allowed, and a concern of the old unit.
    // (The `authorUnitId` signal subscribed first, so the computed lists already follow the new unit.)
    this.form.controls.authorUnitId.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      const allowed = new Set(this.invitable().flatMap((s) => s.units.map((u) => u.id)));
      const invited = this.form.controls.invitedUnitIds.value;
      if (invited.some((id) => !allowed.has(id))) this.form.controls.invitedUnitIds.setValue(invited.filter((id) => allowed.has(id)));
      const linked = this.form.controls.linkedConcernId.value;
      if (linked && !this.concernOptions().some((c) => c.id === linked)) this.form.controls.linkedConcernId.setValue('');
    });
    // A field the user changes no longer carries the server's complaint about its old value.
    for (const name of Object.keys(FIELDS) as FieldName[]) {
      for (const control of this.controls(name))
        control.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.clearServerError(name));
    }
  }

  protected ageBandText(band: AgeBand): string {
    return ageBandText(band, this.i18n.t('discussion.years'));
  }

  protected toggleInvite(unitId: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    const control = this.form.controls.invitedUnitIds;
    const current = control.value.filter((id) => id !== unitId);
    control.setValue(checked ? [...current, unitId] : current);
    control.markAsTouched();
  }

  protected invalid(name: FieldName): true | null {
    return this.errors(name).length > 0 ? true : null;
  }

  /**
   * Client-side messages once the field was left or the form submitted — identifying text at once,
   * so the user is warned while still typing — then the server's.
   */
  protected errors(name: FieldName): string[] {
    const messages: string[] = [];
    for (const control of this.controls(name)) {
      for (const key of Object.keys(control.errors ?? {})) {
        const shown = control.touched || this.submitted() || key in IDENTIFYING_TEXT_ERRORS;
        const message = FIELDS[name].errors[key];
        if (shown && message && !messages.includes(this.i18n.t(message))) messages.push(this.i18n.t(message));
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
    this.discussions.create(this.request()).subscribe({
      next: (discussion) =>
        void this.router.navigate(['/discussions', discussion.id], {
          state: { estimatedMatchingChildren: discussion.estimatedMatchingChildren },
        }),
      error: (error: unknown) => {
        this.busy.set(false);
        const fields = fieldErrorsOf(error);
        if (fields) {
          const mapped = mapServerErrors(fields, routeServerField);
          this.serverErrors.set(mapped);
          this.summary.set(Object.keys(mapped.fields).length > 0 ? 'form.invalidSummary' : 'form.error.other');
          this.focusFirstInvalid();
        } else {
          this.summary.set('newDiscussion.failed');
        }
      },
    });
  }

  private request(): CreateDiscussionRequest {
    const value = this.form.getRawValue();
    return {
      authorUnitId: value.authorUnitId,
      topic: value.topic.trim(),
      description: value.description.trim(),
      ageBand: value.ageBand || null,
      categories: CONCERN_CATEGORIES.filter((c) => value.categories[c]),
      namesGroup: value.namesGroup,
      namesDiagnosis: value.namesDiagnosis,
      invitedUnitIds: value.invitedUnitIds,
      ...(value.linkedConcernId ? { linkedConcernId: value.linkedConcernId } : {}),
    };
  }

  private controls(name: FieldName): AbstractControl[] {
    const { controls } = this.form;
    return name === 'flags' ? [controls.namesGroup, controls.namesDiagnosis] : [controls[name]];
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
