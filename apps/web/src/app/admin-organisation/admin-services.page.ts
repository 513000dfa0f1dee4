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

const UNIT_CODE = /^[A-Za-z0-9._-]{1,40}$/;

/** What is wrong with a unit's name or code as typed, before asking the server. */
function unitInputProblem(name: string, code: string): MessageKey | null {
  if (name.length < 2 || name.length > 120) return 'services.error.name';
  if (code && !UNIT_CODE.test(code)) return 'services.error.code';
  return null;
}

/** The server's answer to a unit's create or change, as one message: its field's, a taken code, or a stale version. */
function unitErrorOf(error: unknown): MessageKey {
  const errors = formErrorsOf(
    error,
    { name: { field: 'name', message: 'services.error.name' }, code: { field: 'code', message: 'services.error.code' } },
    { stale: 'services.error.changed', conflict: 'services.error.codeTaken' },
  );
  return errors.fields.name ?? errors.fields.code ?? errors.form ?? 'admin.saveFailed';
}

/** The municipality's services and units, for administrators: create a service or unit, rename, code or close a unit. */
@Component({
  selector: 'st-admin-services-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, ReactiveFormsModule, FieldError],
  template: `
    <h1 id="services-heading" data-testid="services-heading">{{ 'services.heading' | t }}</h1>
    <p>{{ 'services.intro' | t }}</p>
    <p class="hint" id="unit-code-hint">{{ 'services.codeHint' | t }}</p>
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
          <details>
            <summary [attr.data-testid]="'edit-service-' + service.id">{{ 'services.editService' | t }}</summary>
            <form
              class="inline-form"
              (submit)="editService($event, service)"
              novalidate
              [attr.data-testid]="'edit-service-form-' + service.id"
            >
              <label [for]="'edit-service-name-' + service.id">{{ 'services.name' | t }}</label>
              <input
                [id]="'edit-service-name-' + service.id"
                [attr.data-testid]="'edit-service-name-' + service.id"
                name="serviceName"
                [value]="service.name"
                minlength="2"
                maxlength="120"
              />
              <label [for]="'edit-service-regime-' + service.id">{{ 'services.regime' | t }}</label>
              <select
                [id]="'edit-service-regime-' + service.id"
                [attr.data-testid]="'edit-service-regime-' + service.id"
                name="serviceRegime"
                aria-describedby="service-regime-hint"
              >
                @for (regime of regimes; track regime) {
                  <option [value]="regime" [selected]="regime === service.regime">{{ regimeKey(regime) | t }}</option>
                }
              </select>
              <button type="submit" class="secondary" [attr.data-testid]="'save-service-' + service.id" [disabled]="busy()">
                {{ 'services.saveUnit' | t }}
              </button>
            </form>
            @if (serviceProblem()?.serviceId === service.id) {
              <p class="field-error" role="alert" [attr.data-testid]="'edit-service-error-' + service.id">
                {{ serviceProblem()!.message | t }}
              </p>
            }
          </details>
          @if (service.units.length === 0) {
            <p>{{ 'services.noUnits' | t }}</p>
          } @else {
            <ul class="plain">
              @for (unit of service.units; track unit.id) {
                <li [attr.data-testid]="'unit-' + unit.id">
                  <strong>{{ unit.name }}</strong>
                  @if (unit.code) {
                    <span class="hint" [attr.data-testid]="'unit-code-' + unit.id">({{ 'services.code' | t }} {{ unit.code }})</span>
                  }
                  –
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
                    <details>
                      <summary [attr.data-testid]="'edit-unit-' + unit.id">{{ 'services.editUnit' | t }}</summary>
                      <form
                        class="inline-form"
                        (submit)="editUnit($event, unit)"
                        novalidate
                        [attr.data-testid]="'edit-unit-form-' + unit.id"
                      >
                        <label [for]="'edit-unit-name-' + unit.id">{{ 'services.name' | t }}</label>
                        <input [id]="'edit-unit-name-' + unit.id" name="editName" [value]="unit.name" minlength="2" maxlength="120" />
                        <label [for]="'edit-unit-code-' + unit.id">{{ 'services.code' | t }}</label>
                        <input
                          [id]="'edit-unit-code-' + unit.id"
                          [attr.data-testid]="'edit-unit-code-' + unit.id"
                          name="editCode"
                          [value]="unit.code ?? ''"
                          maxlength="40"
                          aria-describedby="unit-code-hint"
                        />
                        <button type="submit" class="secondary" [attr.data-testid]="'save-unit-' + unit.id" [disabled]="busy()">
                          {{ 'services.saveUnit' | t }}
                        </button>
                      </form>
                      @if (unitProblem()?.unitId === unit.id) {
                        <p class="field-error" role="alert" [attr.data-testid]="'edit-unit-error-' + unit.id">
                          {{ unitProblem()!.message | t }}
                        </p>
                      }
                    </details>
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
            <label [for]="'unit-code-' + service.id">{{ 'services.codeOptional' | t }}</label>
            <input
              [id]="'unit-code-' + service.id"
              [attr.data-testid]="'unit-code-' + service.id"
              name="unitCode"
              maxlength="40"
              aria-describedby="unit-code-hint"
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
  protected readonly serviceProblem = signal<{ serviceId: string; message: MessageKey } | null>(null);
  /** A problem with a new unit (by its service) or with a change of one (by the unit). */
  protected readonly unitProblem = signal<{ serviceId?: string; unitId?: string; message: MessageKey } | null>(null);
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
    const codeInput = (event.target as HTMLFormElement).elements.namedItem('unitCode') as HTMLInputElement;
    const name = input.value.trim();
    const code = codeInput.value.trim();
    const problem = unitInputProblem(name, code);
    if (problem) {
      this.unitProblem.set({ serviceId: service.id, message: problem });
      return;
    }
    this.busy.set(true);
    this.unitProblem.set(null);
    this.api.createUnit({ serviceId: service.id, name, ...(code ? { code } : {}) }).subscribe({
      next: () => {
        this.busy.set(false);
        input.value = '';
        codeInput.value = '';
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.unitProblem.set({ serviceId: service.id, message: unitErrorOf(error) });
      },
    });
  }

  /**
   * Renames a service or changes its regime (only the fields that differ are sent). A regime cannot change once
   * anything was written under it: the server answers 409, said here in plain words.
   */
  protected editService(event: Event, service: AdminService): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = (form.elements.namedItem('serviceName') as HTMLInputElement).value.trim();
    const regime = (form.elements.namedItem('serviceRegime') as HTMLSelectElement).value as ConfidentialityRegime;
    if (name.length < 2 || name.length > 120) {
      this.serviceProblem.set({ serviceId: service.id, message: 'services.error.name' });
      return;
    }
    const change = { ...(name !== service.name ? { name } : {}), ...(regime !== service.regime ? { regime } : {}) };
    if (Object.keys(change).length === 0) return;
    this.busy.set(true);
    this.serviceProblem.set(null);
    this.api.updateService(service, change).subscribe({
      next: () => {
        this.busy.set(false);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const errors = formErrorsOf(error, SERVER_FIELDS, { stale: 'services.error.changed', conflict: 'services.error.regimeInUse' });
        this.serviceProblem.set({
          serviceId: service.id,
          message: errors.fields.name ?? errors.fields.regime ?? errors.form ?? 'admin.saveFailed',
        });
      },
    });
  }

  /** Renames a unit or changes its code (an empty code clears it). */
  protected editUnit(event: Event, unit: AdminUnit): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = (form.elements.namedItem('editName') as HTMLInputElement).value.trim();
    const code = (form.elements.namedItem('editCode') as HTMLInputElement).value.trim();
    const problem = unitInputProblem(name, code);
    if (problem) {
      this.unitProblem.set({ unitId: unit.id, message: problem });
      return;
    }
    this.busy.set(true);
    this.unitProblem.set(null);
    this.api.updateUnit(unit, { name, code: code || null }).subscribe({
      next: () => {
        this.busy.set(false);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.unitProblem.set({ unitId: unit.id, message: unitErrorOf(error) });
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
