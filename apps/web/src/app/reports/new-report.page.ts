import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Callout, FieldError } from '@stafett/ui';
import { ChildrenApi, ConcernsApi, OwnOrganisation, ReportsApi, SessionStore, fieldErrorsOf, workUnits } from '@stafett/web-data-access';
import type { ConcernResponse, CreateReportRequest } from '@stafett/web-data-access';
import { toRemote } from '../core/http/remote';
import { NO_SERVER_ERRORS, ServerErrors, mapServerErrors } from '../core/http/server-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';

type FieldName = 'reporterUnitId' | 'childId' | 'content' | 'urgent';

/** The server's limits on the content (`CreateReportDto`). */
const CONTENT_MIN = 10;
const CONTENT_MAX = 10000;

const FIELDS: Record<FieldName, { id: string; hint?: true; errors: Record<string, MessageKey> }> = {
  reporterUnitId: { id: 'report-unit', hint: true, errors: { required: 'newReport.error.unit' } },
  childId: { id: 'report-child', hint: true, errors: { required: 'newReport.error.child' } },
  content: { id: 'report-content', hint: true, errors: { required: 'newReport.error.content', maxlength: 'form.error.tooLong' } },
  urgent: { id: 'report-urgent', hint: true, errors: {} },
};

/** The server's field paths and what to say at which field; a refused concern is told at the child, which it stands for. */
function routeServerField(path: string): { field: FieldName; message: MessageKey } | null {
  if (path === 'reporterUnitId') return { field: 'reporterUnitId', message: 'newReport.server.unit' };
  if (path === 'childId') return { field: 'childId', message: 'newReport.server.child' };
  if (path === 'concernId') return { field: 'childId', message: 'newReport.server.concern' };
  if (path === 'content') return { field: 'content', message: 'newReport.error.content' };
  if (path === 'urgent') return { field: 'urgent', message: 'form.error.invalid' };
  return null;
}

/** At least the server's minimum, not counting blanks at the ends. */
const enoughText: ValidatorFn = (control) => (String(control.value ?? '').trim().length >= CONTENT_MIN ? null : { required: true });

/**
 * Reports serious concern to child welfare (opplysningsplikt): about a child the user may see, or
 * from one of their concerns (`?concernId=…`). Needs no consent; the page says so in plain words.
 */
@Component({
  selector: 'st-new-report-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalDatePipe, FieldError, Callout],
  template: `
    <h1 data-testid="new-report-heading">{{ 'newReport.heading' | t }}</h1>
    <st-callout tone="info" [heading]="'newReport.dutyHeading' | t" data-testid="report-duty">
      <p>{{ 'newReport.duty' | t }}</p>
    </st-callout>
    @if (units().length === 0) {
      <p role="alert">{{ 'newReport.noUnits' | t }}</p>
    } @else {
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="report-form">
        <div class="field">
          <label [for]="fields.reporterUnitId.id">{{ 'newReport.unit' | t }}</label>
          <p class="hint" [id]="fields.reporterUnitId.id + '-hint'">{{ 'newReport.unitHint' | t }}</p>
          <select
            [id]="fields.reporterUnitId.id"
            [attr.data-testid]="fields.reporterUnitId.id"
            formControlName="reporterUnitId"
            required
            [attr.aria-invalid]="invalid('reporterUnitId')"
            [attr.aria-describedby]="describedBy('reporterUnitId')"
          >
            <option value="">{{ 'newReport.unitPlaceholder' | t }}</option>
            @for (unit of units(); track unit.id) {
              <option [value]="unit.id">{{ unit.name }}</option>
            }
          </select>
          <st-field-error [fieldId]="fields.reporterUnitId.id" [messages]="errors('reporterUnitId')" />
        </div>

        @if (concern(); as concern) {
          <div class="field">
            <p class="label">{{ 'newReport.child' | t }}</p>
            <p class="hint" [id]="fields.childId.id + '-hint'">{{ 'newReport.fromConcern' | t }}</p>
            <p data-testid="report-concern-child">
              <strong>{{ concern.child.givenName }} {{ concern.child.familyName }}</strong> ({{ concern.child.birthDate | localDate }}),
              {{ concern.unitName }}
            </p>
            <st-field-error [fieldId]="fields.childId.id" [messages]="errors('childId')" />
          </div>
        } @else {
          @if (concernUnavailable()) {
            <p class="problem" role="alert" data-testid="report-concern-unavailable">{{ 'newReport.concernUnavailable' | t }}</p>
          }
          <div class="field">
            <label [for]="fields.childId.id">{{ 'newReport.child' | t }}</label>
            <p class="hint" [id]="fields.childId.id + '-hint'">{{ 'newReport.childHint' | t }}</p>
            <select
              [id]="fields.childId.id"
              [attr.data-testid]="fields.childId.id"
              formControlName="childId"
              required
              [attr.aria-invalid]="invalid('childId')"
              [attr.aria-describedby]="describedBy('childId')"
            >
              <option value="">{{ 'newReport.childPlaceholder' | t }}</option>
              @for (child of childOptions(); track child.id) {
                <option [value]="child.id">
                  {{ child.givenName }} {{ child.familyName }} ({{ child.birthDate | localDate }}){{
                    child.unitNames ? ' – ' + child.unitNames : ''
                  }}
                </option>
              }
            </select>
            @if (children().kind === 'loading') {
              <p class="hint" role="status" data-testid="report-child-loading">{{ 'common.loading' | t }}</p>
            } @else if (children().kind === 'failed') {
              <p class="hint" role="status">{{ 'common.loadFailed' | t }}</p>
            }
            <st-field-error [fieldId]="fields.childId.id" [messages]="errors('childId')" />
          </div>
        }

        <div class="field">
          <label [for]="fields.content.id">{{ 'newReport.content' | t }}</label>
          <p class="hint" [id]="fields.content.id + '-hint'">{{ 'newReport.contentHint' | t }}</p>
          <textarea
            [id]="fields.content.id"
            [attr.data-testid]="fields.content.id"
            formControlName="content"
            rows="8"
            [attr.maxlength]="contentMax"
            required
            [attr.aria-invalid]="invalid('content')"
            [attr.aria-describedby]="describedBy('content')"
          ></textarea>
          <st-field-error [fieldId]="fields.content.id" [messages]="errors('content')" />
        </div>

        <div class="choice">
          <input
            type="checkbox"
            [id]="fields.urgent.id"
            [attr.data-testid]="fields.urgent.id"
            formControlName="urgent"
            [attr.aria-invalid]="invalid('urgent')"
            [attr.aria-describedby]="describedBy('urgent')"
          />
          <div>
            <label [for]="fields.urgent.id">{{ 'newReport.urgent' | t }}</label>
            <p class="hint" [id]="fields.urgent.id + '-hint'">{{ 'newReport.urgentHint' | t }}</p>
            <st-field-error [fieldId]="fields.urgent.id" [messages]="errors('urgent')" />
          </div>
        </div>

        @if (summary(); as summary) {
          <div class="problem" role="alert" data-testid="report-form-error">
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
          <button type="submit" class="primary" data-testid="report-submit" [disabled]="busy()">
            {{ (busy() ? 'newReport.submitting' : 'newReport.submit') | t }}
          </button>
          <a routerLink="/reports">{{ 'newReport.cancel' | t }}</a>
        </div>
      </form>
    }
  `,
  styles: `
    st-callout {
      margin-bottom: 1.5rem;
      max-width: 44rem;
    }
    .label {
      font-weight: 600;
      margin: 0 0 0.25rem;
    }
  `,
})
export class NewReportPage {
  private readonly i18n = inject(I18n);
  private readonly session = inject(SessionStore);
  private readonly reports = inject(ReportsApi);
  private readonly concerns = inject(ConcernsApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  /** `?concernId=…`: the report is filed from this concern, about its child. */
  readonly concernId = input<string | undefined>(undefined);

  protected readonly fields = FIELDS;
  protected readonly contentMax = CONTENT_MAX;

  protected readonly form = this.fb.group({
    reporterUnitId: ['', Validators.required],
    childId: ['', Validators.required],
    content: ['', [enoughText, Validators.maxLength(CONTENT_MAX)]],
    urgent: [false],
  });

  /**
   * Every child the user may see, all pages read (200 at a time) before the select offers them: the
   * options are sorted by name here, so a "Vis flere" would drop names into the middle of the list,
   * and the reporter expects to find any child they may report about.
   */
  protected readonly children = toRemote(inject(ChildrenApi).all());
  private readonly overview = toSignal(inject(OwnOrganisation).overview(), { initialValue: null });
  /** The concern the report is filed from, once read. */
  protected readonly concern = signal<ConcernResponse | null>(null);
  protected readonly concernUnavailable = signal(false);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly serverErrors = signal<ServerErrors<FieldName>>(NO_SERVER_ERRORS);
  protected readonly summary = signal<MessageKey | null>(null);

  /** The units the user reports from: where they work as staff or unit leader (the server allows no other). */
  protected readonly units = computed(() => {
    const fallback = this.i18n.t('newReport.unitFallback');
    return workUnits(this.session.session()?.roles ?? [], this.overview()).map((unit, index) => ({
      ...unit,
      name: unit.name ?? `${fallback} ${index + 1}`,
    }));
  });

  /** Every child the user may see (the server accepts any of them), by name. */
  protected readonly childOptions = computed(() => {
    const children = this.children();
    if (children.kind !== 'ready') return [];
    return children.value
      .map((c) => ({ ...c, unitNames: c.units.map((u) => u.name).join(', ') }))
      .sort((a, b) => `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`, 'nb'));
  });

  constructor() {
    const units = this.units();
    if (units.length === 1) this.form.controls.reporterUnitId.setValue(units[0].id);

    effect(() => {
      const concernId = this.concernId();
      untracked(() => this.loadConcern(concernId));
    });
    // A field the user changes no longer carries the server's complaint about its old value.
    for (const name of Object.keys(FIELDS) as FieldName[]) {
      (this.form.controls[name] as AbstractControl).valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.clearServerError(name));
    }
  }

  protected invalid(name: FieldName): true | null {
    return this.errors(name).length > 0 ? true : null;
  }

  /** Client-side messages once the field was left or the form submitted, then the server's. */
  protected errors(name: FieldName): string[] {
    const control = this.form.controls[name];
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
    this.reports.file(this.request()).subscribe({
      next: (report) => void this.router.navigate(['/reports', report.id]),
      error: (error: unknown) => {
        this.busy.set(false);
        const fields = fieldErrorsOf(error);
        if (fields) {
          const mapped = mapServerErrors(fields, routeServerField);
          this.serverErrors.set(mapped);
          this.summary.set(Object.keys(mapped.fields).length > 0 ? 'form.invalidSummary' : 'form.error.other');
          this.focusFirstInvalid();
        } else {
          this.summary.set('newReport.failed');
        }
      },
    });
  }

  private request(): CreateReportRequest {
    const value = this.form.getRawValue();
    const concern = this.concern();
    return {
      reporterUnitId: value.reporterUnitId,
      ...(concern ? { concernId: concern.id } : { childId: value.childId }),
      content: value.content.trim(),
      urgent: value.urgent,
    };
  }

  /** With a concern, its child is the report's and the child select is not asked; without one (or when it cannot be read), it is. */
  private loadConcern(concernId: string | undefined): void {
    this.concern.set(null);
    this.concernUnavailable.set(false);
    this.form.controls.childId.enable();
    if (!concernId) return;
    this.form.controls.childId.disable();
    this.concerns
      .get(concernId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ concern }) => {
          this.concern.set(concern);
          if (this.units().some((u) => u.id === concern.unitId)) this.form.controls.reporterUnitId.setValue(concern.unitId);
        },
        error: () => {
          this.concernUnavailable.set(true);
          this.form.controls.childId.enable();
        },
      });
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
