import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { CONFIDENTIALITY_REGIMES, SERVICE_KINDS } from '@stafett/domain';
import type { ConfidentialityRegime, ServiceKind } from '@stafett/domain';
import { FieldError } from '@stafett/ui';
import { AdminOrganisationApi, remoteFailure } from '@stafett/web-data-access';
import type { AdminService, AdminUnit, Remote } from '@stafett/web-data-access';
import { FormErrors, NO_ERRORS, formErrorsOf } from '../admin/admin-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';

type Field = 'kind' | 'name' | 'regime';

const SERVER_FIELDS: Partial<Record<string, { field: Field; message: MessageKey }>> = {
  kind: { field: 'kind', message: 'services.error.kind' },
  name: { field: 'name', message: 'services.error.name' },
  regime: { field: 'regime', message: 'form.error.invalid' },
};

/** The municipality's services and units, for administrators: create a service or unit, close a unit. */
@Component({
  selector: 'st-admin-services-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, ReactiveFormsModule, FieldError],
  template: `
    <h1 id="services-heading" data-testid="services-heading">{{ 'services.heading' | t }}</h1>
    <p>{{ 'services.intro' | t }}</p>
    @if (problem(); as problem) {
      <p class="problem" role="alert" data-testid="services-problem">{{ problem | t }}</p>
    }
    @let state = services();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @for (service of state.value; track service.id) {
        <section class="service" [attr.aria-labelledby]="'service-' + service.id" [attr.data-testid]="'service-' + service.id">
          <h2 [id]="'service-' + service.id">{{ service.name }}</h2>
          <p>{{ kindKey(service.kind) | t }} – {{ regimeKey(service.regime) | t }}</p>
          @if (service.units.length === 0) {
            <p>{{ 'services.noUnits' | t }}</p>
          } @else {
            <ul class="plain">
              @for (unit of service.units; track unit.id) {
                <li [attr.data-testid]="'unit-' + unit.id">
                  <strong>{{ unit.name }}</strong> –
                  @if (unit.closedOn) {
                    {{ 'services.closedOn' | t }} {{ unit.closedOn | localDate }}
                  } @else {
                    {{ 'services.open' | t }}
                    <button
                      type="button"
                      class="secondary"
                      [attr.data-testid]="'close-unit-' + unit.id"
                      [disabled]="busy()"
                      (click)="close(unit)"
                    >
                      {{ 'services.closeUnit' | t }}
                    </button>
                  }
                </li>
              }
            </ul>
          }
          <form class="inline-form" (submit)="addUnit($event, service)" novalidate [attr.data-testid]="'add-unit-form-' + service.id">
            <label [for]="'unit-name-' + service.id">{{ 'services.unitName' | t }}</label>
            <input
              [id]="'unit-name-' + service.id"
              [attr.data-testid]="'unit-name-' + service.id"
              name="unitName"
              minlength="2"
              maxlength="120"
            />
            <button type="submit" class="secondary" [attr.data-testid]="'add-unit-' + service.id" [disabled]="busy()">
              {{ 'services.addUnit' | t }}
            </button>
          </form>
          @if (unitProblem()?.serviceId === service.id) {
            <p class="field-error" [attr.data-testid]="'unit-name-error-' + service.id">{{ unitProblem()!.message | t }}</p>
          }
        </section>
      }
    }

    <section aria-labelledby="create-service-heading">
      <h2 id="create-service-heading">{{ 'services.create' | t }}</h2>
      <form class="form" [formGroup]="form" (ngSubmit)="createService()" novalidate data-testid="create-service-form">
        <div class="field">
          <label for="service-kind">{{ 'services.kind' | t }}</label>
          <select id="service-kind" data-testid="service-kind" formControlName="kind" aria-describedby="service-kind-error">
            @for (kind of kinds; track kind) {
              <option [value]="kind">{{ kindKey(kind) | t }}</option>
            }
          </select>
          <st-field-error fieldId="service-kind" [messages]="messages('kind')" />
        </div>
        <div class="field">
          <label for="service-name">{{ 'services.name' | t }}</label>
          <input
            id="service-name"
            data-testid="service-name"
            formControlName="name"
            [attr.aria-invalid]="!!errors().fields.name"
            aria-describedby="service-name-error"
          />
          <st-field-error fieldId="service-name" [messages]="messages('name')" />
        </div>
        <div class="field">
          <label for="service-regime">{{ 'services.regime' | t }}</label>
          <p class="hint" id="service-regime-hint">{{ 'services.regimeHint' | t }}</p>
          <select
            id="service-regime"
            data-testid="service-regime"
            formControlName="regime"
            aria-describedby="service-regime-hint service-regime-error"
          >
            <option value="">{{ 'services.regimeDefault' | t }}</option>
            @for (regime of regimes; track regime) {
              <option [value]="regime">{{ regimeKey(regime) | t }}</option>
            }
          </select>
          <st-field-error fieldId="service-regime" [messages]="messages('regime')" />
        </div>
        @if (errors().form; as problem) {
          <p class="problem" role="alert" data-testid="create-service-problem">{{ problem | t }}</p>
        }
        <div class="actions">
          <button type="submit" class="primary" data-testid="create-service-submit" [disabled]="busy()">
            {{ 'services.submitCreate' | t }}
          </button>
        </div>
      </form>
    </section>
  `,
})
export class AdminServicesPage {
  private readonly api = inject(AdminOrganisationApi);
  private readonly i18n = inject(I18n);
  protected readonly kinds = SERVICE_KINDS;
  protected readonly regimes = CONFIDENTIALITY_REGIMES;
  protected readonly services = signal<Remote<AdminService[]>>({ kind: 'loading' });
  protected readonly busy = signal(false);
  protected readonly problem = signal<MessageKey | null>(null);
  protected readonly unitProblem = signal<{ serviceId: string; message: MessageKey } | null>(null);
  protected readonly errors = signal<FormErrors<Field>>(NO_ERRORS);
  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: ['kindergarten' as ServiceKind, Validators.required],
    name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    regime: ['' as ConfidentialityRegime | ''],
  });

  constructor() {
    this.load();
  }

  protected kindKey(kind: ServiceKind): MessageKey {
    return `serviceKind.${kind}`;
  }

  protected regimeKey(regime: ConfidentialityRegime): MessageKey {
    return `regime.${regime}`;
  }

  protected messages(field: Field): string[] {
    const key = this.errors().fields[field];
    return key ? [this.i18n.t(key)] : [];
  }

  protected createService(): void {
    const value = this.form.getRawValue();
    if (value.name.trim().length < 2 || value.name.trim().length > 120) {
      this.errors.set({ fields: { name: 'services.error.name' }, form: null });
      return;
    }
    this.busy.set(true);
    this.api.createService({ kind: value.kind, name: value.name.trim(), ...(value.regime ? { regime: value.regime } : {}) }).subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.set(NO_ERRORS);
        this.form.reset();
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(formErrorsOf(error, SERVER_FIELDS, { stale: 'services.error.changed' }));
      },
    });
  }

  protected addUnit(event: Event, service: AdminService): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('unitName') as HTMLInputElement;
    const name = input.value.trim();
    if (name.length < 2 || name.length > 120) {
      this.unitProblem.set({ serviceId: service.id, message: 'services.error.name' });
      return;
    }
    this.busy.set(true);
    this.unitProblem.set(null);
    this.api.createUnit({ serviceId: service.id, name }).subscribe({
      next: () => {
        this.busy.set(false);
        input.value = '';
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const errors = formErrorsOf(
          error,
          { name: { field: 'name', message: 'services.error.name' } },
          { stale: 'services.error.changed' },
        );
        this.unitProblem.set({ serviceId: service.id, message: errors.fields.name ?? errors.form ?? 'admin.saveFailed' });
      },
    });
  }

  protected close(unit: AdminUnit): void {
    this.busy.set(true);
    this.problem.set(null);
    this.api.closeUnit(unit).subscribe({
      next: () => {
        this.busy.set(false);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(formErrorsOf(error, {}, { conflict: 'services.error.changed', stale: 'services.error.changed' }).form);
      },
    });
  }

  private load(): void {
    this.api.services().subscribe({
      next: (value) => this.services.set({ kind: 'ready', value }),
      error: (error: unknown) => this.services.set(remoteFailure(error)),
    });
  }
}
