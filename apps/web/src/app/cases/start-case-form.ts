import { HttpErrorResponse } from '@angular/common/http';
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
import {
  AbstractControl,
  FormControl,
  FormGroup,
  FormRecord,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PARTICIPANT_ROLES } from '@stafett/domain';
import type { OrganisationOverview, ParticipantRole } from '@stafett/domain';
import { FieldError, TextAreaField } from '@stafett/ui';
import { CasesApi, OwnOrganisation, fieldErrorsOf } from '@stafett/web-data-access';
import type { ConcernResponse, FieldErrors } from '@stafett/web-data-access';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { levelLabel, roleLabel } from './case-texts';

type StartField = 'participants' | 'reason' | 'childView';
type UnitGroup = FormGroup<{ selected: FormControl<boolean>; role: FormControl<ParticipantRole> }>;
type Outcome = { key: MessageKey; tone: 'alert'; casesLink?: true } | null;

const atLeastOne: ValidatorFn = (control: AbstractControl) =>
  Object.values((control.value ?? {}) as Record<string, { selected: boolean }>).some((u) => u.selected) ? null : { required: true };

/**
 * Starts the coordinated case a decided concern asked for: own service → level 1 in the concern's
 * unit; collaboration → level 2 or 3 with the units of other services the user chooses, each in a
 * role. The opener holds the baton. Goes to the case when it is open.
 */
@Component({
  selector: 'st-start-case-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldError, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="start-case-form">
      <p>
        {{ 'startCase.intro' | t }} <strong data-testid="start-case-level">{{ levelLabel(level()) | t }}</strong>.
        {{ 'startCase.baton' | t }}
      </p>
      @if (outcome(); as outcome) {
        <p class="problem" role="alert" data-testid="start-case-problem">
          {{ outcome.key | t }}
          @if (outcome.casesLink) {
            <a routerLink="/cases" data-testid="start-case-cases-link">{{ 'startCase.toMyCases' | t }}</a>
          }
        </p>
      }
      @if (collaboration()) {
        <fieldset id="start-case-units" [attr.aria-describedby]="ref('participants', true)" data-testid="start-case-units">
          <legend>{{ 'startCase.units' | t }}</legend>
          <p class="hint" id="start-case-units-hint">{{ 'startCase.unitsHint' | t }}</p>
          @if (organisation() === undefined) {
            <p role="status">{{ 'common.loading' | t }}</p>
          } @else if (units().length === 0) {
            <p>{{ 'caseLevel.noJoinable' | t }}</p>
          } @else {
            <ul class="choices" formGroupName="participants">
              @for (unit of units(); track unit.id) {
                <li class="start-unit" [formGroupName]="unit.id">
                  <span class="choice">
                    <input
                      type="checkbox"
                      formControlName="selected"
                      [id]="'start-unit-' + unit.id"
                      [attr.data-unit-name]="unit.name"
                      [attr.aria-invalid]="invalid('participants')"
                    />
                    <label [for]="'start-unit-' + unit.id">{{ unit.name }} ({{ unit.serviceName }})</label>
                  </span>
                  @if (chosen()[unit.id]?.selected) {
                    <span>
                      <label [for]="'start-unit-role-' + unit.id">{{ 'caseTeam.roleFor' | t }} {{ unit.name }}</label>
                      <select formControlName="role" [id]="'start-unit-role-' + unit.id">
                        @for (role of roles; track role) {
                          <option [value]="role">{{ roleLabel(role) | t }}</option>
                        }
                      </select>
                    </span>
                  }
                </li>
              }
            </ul>
          }
          <st-field-error fieldId="start-case-units" [messages]="errors('participants')" />
        </fieldset>
      }
      <st-text-area-field
        fieldId="start-case-reason"
        testId="start-case-reason"
        [control]="form.controls.reason"
        [label]="'startCase.reason' | t"
        [hint]="'startCase.reasonHint' | t"
        [optional]="'form.optional' | t"
        [messages]="errors('reason')"
      />
      <st-text-area-field
        fieldId="start-case-child-view"
        testId="start-case-child-view"
        [control]="form.controls.childView"
        [label]="'case.childView' | t"
        [hint]="'case.childViewHint' | t"
        [optional]="'form.optional' | t"
        [messages]="errors('childView')"
      />
      @if (otherProblems().length > 0) {
        <div class="problem" role="alert">
          <p>{{ 'form.error.other' | t }}</p>
          <ul>
            @for (message of otherProblems(); track $index) {
              <li>{{ message }}</li>
            }
          </ul>
        </div>
      }
      <div class="actions">
        <button type="submit" class="primary" data-testid="start-case-submit" [disabled]="busy()">
          {{ (busy() ? 'startCase.submitting' : 'startCase.submit') | t }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .start-unit {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      align-items: baseline;
    }
    .start-unit select {
      margin-left: 0.5rem;
    }
  `,
})
export class StartCaseForm {
  private readonly api = inject(CasesApi);
  private readonly ownOrganisation = inject(OwnOrganisation);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly concern = input.required<ConcernResponse>();

  protected readonly roles = PARTICIPANT_ROLES;
  protected readonly levelLabel = levelLabel;
  protected readonly roleLabel = roleLabel;
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly outcome = signal<Outcome>(null);
  private readonly serverFields = signal<FieldErrors | null>(null);
  /** undefined while loading; null when it could not be read. */
  protected readonly organisation = signal<OrganisationOverview | null | undefined>(undefined);

  protected readonly collaboration = computed(() => this.concern().decision === 'collaboration');
  protected readonly level = computed<1 | 2 | 3>(() => {
    const requested = this.concern().requestedCaseLevel;
    if (requested === 2 || requested === 3) return requested;
    return this.collaboration() ? 2 : 1;
  });

  /** Units of services other than the concern unit's: collaboration is with other services. */
  protected readonly units = computed(() => {
    const services = this.organisation()?.services ?? [];
    const own = services.find((s) => s.units.some((u) => u.id === this.concern().unitId))?.id;
    return services.filter((s) => s.id !== own).flatMap((s) => s.units.map((u) => ({ id: u.id, name: u.name, serviceName: s.name })));
  });

  protected readonly form = this.fb.group({
    participants: new FormRecord<UnitGroup>({}),
    reason: ['', Validators.maxLength(2000)],
    childView: ['', Validators.maxLength(2000)],
  });
  protected readonly chosen = toSignal(this.form.controls.participants.valueChanges, {
    initialValue: {} as Partial<Record<string, { selected?: boolean }>>,
  });

  protected readonly otherProblems = computed(() =>
    Object.entries(this.serverFields() ?? {})
      .filter(([path]) => !this.fieldOf(path))
      .flatMap(([, messages]) => messages),
  );

  constructor() {
    effect(() => {
      const collaboration = this.collaboration();
      untracked(() => {
        const participants = this.form.controls.participants;
        if (collaboration) {
          participants.setValidators(atLeastOne);
          this.ownOrganisation
            .overview()
            .pipe(takeUntilDestroyed(this.destroyRef))
            .subscribe((overview) => this.organisation.set(overview));
        } else participants.clearValidators();
        participants.updateValueAndValidity();
      });
    });
    effect(() => {
      const units = this.units();
      untracked(() => {
        const participants = this.form.controls.participants;
        for (const unit of units) {
          if (!participants.contains(unit.id))
            participants.addControl(
              unit.id,
              this.fb.group({ selected: this.fb.control(false), role: this.fb.control<ParticipantRole>('measures') }),
            );
        }
        participants.updateValueAndValidity();
      });
    });
  }

  protected errors(name: StartField): string[] {
    const control = this.form.controls[name] as AbstractControl;
    const messages: MessageKey[] = [];
    if (control.touched || this.submitted()) {
      if (name === 'participants' && control.hasError('required')) messages.push('startCase.error.units');
      if (control.hasError('maxlength')) messages.push('form.error.tooLong');
    }
    const server = Object.keys(this.serverFields() ?? {}).some((path) => this.fieldOf(path) === name);
    if (server && !control.dirty) messages.push(name === 'participants' ? 'startCase.error.unitsRefused' : 'form.error.invalid');
    return [...new Set(messages)].map((key) => this.i18n.t(key));
  }

  protected invalid(name: StartField): true | null {
    return this.errors(name).length > 0 ? true : null;
  }

  protected ref(name: StartField, hint = false): string | null {
    const id = name === 'participants' ? 'start-case-units' : name === 'reason' ? 'start-case-reason' : 'start-case-child-view';
    const refs = [hint ? `${id}-hint` : null, this.invalid(name) ? `${id}-error` : null].filter((r) => r !== null);
    return refs.length > 0 ? refs.join(' ') : null;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    const value = this.form.getRawValue();
    const participants = this.collaboration()
      ? Object.entries(value.participants)
          .filter(([, u]) => u.selected)
          .map(([unitId, u]) => ({ unitId, role: u.role }))
      : [];
    const request = {
      concernId: this.concern().id,
      ...(participants.length > 0 ? { participants } : {}),
      ...(value.reason.trim() ? { reason: value.reason.trim() } : {}),
      ...(value.childView.trim() ? { childView: value.childView.trim() } : {}),
    };
    this.busy.set(true);
    this.outcome.set(null);
    this.serverFields.set(null);
    this.api
      .open(request)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ record }) => void this.router.navigate(['/cases', record.id]),
        error: (error: unknown) => {
          this.busy.set(false);
          this.refused(error);
        },
      });
  }

  private refused(error: unknown): void {
    const fields = fieldErrorsOf(error);
    if (fields) {
      this.serverFields.set(fields);
      this.form.markAsPristine();
      this.focusFirstInvalid();
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    if (status === 409) this.outcome.set({ key: 'startCase.exists', tone: 'alert', casesLink: true });
    else if (status === 403 || status === 404) this.outcome.set({ key: 'startCase.notAllowed', tone: 'alert' });
    else this.outcome.set({ key: 'startCase.failed', tone: 'alert' });
  }

  private fieldOf(path: string): StartField | null {
    if (path.startsWith('participants') || path === 'level' || path === 'consent') return 'participants';
    if (path === 'reason' || path === 'childView') return path;
    return null;
  }

  private focusFirstInvalid(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
      injector: this.injector,
    });
  }
}
