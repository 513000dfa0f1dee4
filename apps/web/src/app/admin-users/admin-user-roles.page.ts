import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { STAFF_ROLES, isUnitRole } from '@stafett/domain';
import type { StaffRole } from '@stafett/domain';
import { FieldError } from '@stafett/ui';
import { AdminOrganisationApi, AdminUsersApi, remoteFailure } from '@stafett/web-data-access';
import type { AdminRoleAssignment, AdminUserListItem, CreateRoleAssignmentRequest, Remote } from '@stafett/web-data-access';
import { catchError, map, of, switchMap } from 'rxjs';
import { FormErrors, NO_ERRORS, formErrorsOf } from '../admin/admin-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { RoleLabelPipe } from '../core/i18n/role-label.pipe';
import type { MessageKey } from '../core/i18n/messages';

type Field = 'role' | 'unitId' | 'validFrom' | 'validTo';

const SERVER_FIELDS: Partial<Record<string, { field: Field; message: MessageKey }>> = {
  role: { field: 'role', message: 'roles.error.role' },
  unitId: { field: 'unitId', message: 'roles.error.unit' },
  validFrom: { field: 'validFrom', message: 'roles.error.validFrom' },
  validTo: { field: 'validTo', message: 'roles.error.validTo' },
};

/** One staff user's role assignments with their dates: give a role from a day (to a day), end one now. */
@Component({
  selector: 'st-admin-user-roles-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RoleLabelPipe, LocalDatePipe, ReactiveFormsModule, RouterLink, FieldError],
  template: `
    <p>
      <a routerLink="/admin/users" data-testid="roles-back">{{ 'roles.back' | t }}</a>
    </p>
    @let state = user();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @let u = state.value;
      <h1 id="roles-heading" data-testid="roles-heading">{{ 'roles.heading' | t }} {{ u.displayName }}</h1>
      <p>{{ u.email ?? u.upn }} – {{ (u.signedIn ? 'users.signedIn' : 'users.notSignedIn') | t }}</p>
      @if (rowProblem(); as problem) {
        <p class="problem" role="alert" data-testid="roles-problem">{{ problem | t }}</p>
      }
      @if (u.roles.length === 0) {
        <p data-testid="roles-none">{{ 'roles.none' | t }}</p>
      } @else {
        <table class="data" aria-labelledby="roles-heading" data-testid="roles-table">
          <thead>
            <tr>
              <th scope="col">{{ 'roles.role' | t }}</th>
              <th scope="col">{{ 'roles.unit' | t }}</th>
              <th scope="col">{{ 'roles.validFrom' | t }}</th>
              <th scope="col">{{ 'roles.validTo' | t }}</th>
              <th scope="col">{{ 'users.status' | t }}</th>
              <th scope="col">{{ 'users.actions' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (grant of u.roles; track grant.id) {
              <tr [attr.data-testid]="'role-row-' + grant.id">
                <th scope="row">{{ grant.role | roleLabel }}</th>
                <td>{{ grant.unitName ?? '–' }}</td>
                <td>{{ grant.validFrom | localDate }}</td>
                <td>{{ grant.validTo ? (grant.validTo | localDate) : ('roles.open' | t) }}</td>
                <td>{{ (grant.current ? 'roles.current' : 'roles.notCurrent') | t }}</td>
                <td>
                  @if (endable(grant)) {
                    <button
                      type="button"
                      class="secondary"
                      [attr.data-testid]="'role-end-' + grant.id"
                      [disabled]="busy()"
                      (click)="end(u, grant)"
                    >
                      {{ 'roles.end' | t }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }

      <h2 id="add-role-heading">{{ 'roles.add' | t }}</h2>
      <form class="form" [formGroup]="form" (ngSubmit)="add(u)" novalidate data-testid="add-role-form">
        <div class="field">
          <label for="role-role">{{ 'roles.role' | t }}</label>
          <select id="role-role" data-testid="role-role" formControlName="role" aria-describedby="role-role-error">
            @for (role of roles; track role) {
              <option [value]="role">{{ role | roleLabel }}</option>
            }
          </select>
          <st-field-error fieldId="role-role" [messages]="messages('role')" />
        </div>
        @if (needsUnit()) {
          <div class="field">
            <label for="role-unit">{{ 'roles.unit' | t }}</label>
            <p class="hint" id="role-unit-hint">{{ 'roles.unitHint' | t }}</p>
            <select
              id="role-unit"
              data-testid="role-unit"
              formControlName="unitId"
              [attr.aria-invalid]="!!errors().fields.unitId"
              aria-describedby="role-unit-hint role-unit-error"
            >
              <option value="">{{ 'roles.unitPlaceholder' | t }}</option>
              @for (unit of openUnits(); track unit.id) {
                <option [value]="unit.id">{{ unit.label }}</option>
              }
            </select>
            <st-field-error fieldId="role-unit" [messages]="messages('unitId')" />
          </div>
        }
        <div class="field">
          <label for="role-from">{{ 'roles.validFrom' | t }}</label>
          <input id="role-from" data-testid="role-from" type="date" formControlName="validFrom" aria-describedby="role-from-error" />
          <st-field-error fieldId="role-from" [messages]="messages('validFrom')" />
        </div>
        <div class="field">
          <label for="role-to">{{ 'roles.validTo' | t }}</label>
          <p class="hint" id="role-to-hint">{{ 'roles.validToHint' | t }}</p>
          <input id="role-to" data-testid="role-to" type="date" formControlName="validTo" aria-describedby="role-to-hint role-to-error" />
          <st-field-error fieldId="role-to" [messages]="messages('validTo')" />
        </div>
        @if (errors().form; as problem) {
          <p class="problem" role="alert" data-testid="add-role-problem">{{ problem | t }}</p>
        }
        <div class="actions">
          <button type="submit" class="primary" data-testid="add-role-submit" [disabled]="busy()">{{ 'roles.add' | t }}</button>
        </div>
      </form>
    }
  `,
})
export class AdminUserRolesPage {
  /** The route's `:id`. */
  readonly id = input.required<string>();
  private readonly api = inject(AdminUsersApi);
  private readonly i18n = inject(I18n);
  private readonly reloads = signal(0);
  protected readonly roles = STAFF_ROLES;
  protected readonly busy = signal(false);
  protected readonly errors = signal<FormErrors<Field>>(NO_ERRORS);
  protected readonly rowProblem = signal<MessageKey | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    role: ['staff' as StaffRole, Validators.required],
    unitId: [''],
    validFrom: [''],
    validTo: [''],
  });
  private readonly chosenRole = toSignal(this.form.controls.role.valueChanges, { initialValue: 'staff' as StaffRole });
  protected readonly needsUnit = computed(() => isUnitRole(this.chosenRole()));

  protected readonly user = toSignal(
    toObservable(computed(() => ({ id: this.id(), n: this.reloads() }))).pipe(
      switchMap(({ id }) =>
        this.api.get(id).pipe(
          map((value): Remote<AdminUserListItem> => ({ kind: 'ready', value })),
          catchError((error: unknown) => of(remoteFailure<AdminUserListItem>(error))),
        ),
      ),
    ),
    { initialValue: { kind: 'loading' } as Remote<AdminUserListItem> },
  );

  private readonly services = toSignal(
    inject(AdminOrganisationApi)
      .services()
      .pipe(catchError(() => of([]))),
    { initialValue: [] },
  );
  protected readonly openUnits = computed(() =>
    this.services().flatMap((s) => s.units.filter((u) => !u.closedOn).map((u) => ({ id: u.id, label: `${u.name} (${s.name})` }))),
  );

  protected messages(field: Field): string[] {
    const key = this.errors().fields[field];
    return key ? [this.i18n.t(key)] : [];
  }

  /** A role that has not ended yet can be ended (the server decides by its own date). */
  protected endable(grant: AdminRoleAssignment): boolean {
    return grant.validTo === null || grant.validTo >= new Date().toLocaleDateString('sv-SE');
  }

  protected add(user: AdminUserListItem): void {
    const value = this.form.getRawValue();
    const unitRole = isUnitRole(value.role);
    if (unitRole && !value.unitId) {
      this.errors.set({ fields: { unitId: 'roles.error.unit' }, form: null });
      return;
    }
    if (value.validFrom && value.validTo && value.validTo < value.validFrom) {
      this.errors.set({ fields: { validTo: 'roles.error.validTo' }, form: null });
      return;
    }
    const request: CreateRoleAssignmentRequest = {
      role: value.role,
      ...(unitRole ? { unitId: value.unitId } : {}),
      ...(value.validFrom ? { validFrom: value.validFrom } : {}),
      ...(value.validTo ? { validTo: value.validTo } : {}),
    };
    this.busy.set(true);
    this.api.addRole(user.id, request).subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.set(NO_ERRORS);
        this.form.reset();
        this.reloads.update((n) => n + 1);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(formErrorsOf(error, SERVER_FIELDS, { conflict: 'roles.error.overlap', stale: 'users.error.changed' }));
      },
    });
  }

  protected end(user: AdminUserListItem, grant: AdminRoleAssignment): void {
    this.busy.set(true);
    this.rowProblem.set(null);
    this.api.endRole(user.id, grant).subscribe({
      next: () => {
        this.busy.set(false);
        this.reloads.update((n) => n + 1);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.rowProblem.set(formErrorsOf(error, {}, { conflict: 'users.error.changed', stale: 'users.error.changed' }).form);
      },
    });
  }
}
