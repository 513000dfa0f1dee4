import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { FieldError } from '@stafett/ui';
import { AdminUsersApi, remoteFailure } from '@stafett/web-data-access';
import type { AdminUserListItem, CreateStaffUserRequest, Remote } from '@stafett/web-data-access';
import { FormErrors, NO_ERRORS, formErrorsOf } from '../admin/admin-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { RoleLabelPipe } from '../core/i18n/role-label.pipe';
import type { MessageKey } from '../core/i18n/messages';

type Field = 'displayName' | 'email' | 'upn';

const SERVER_FIELDS: Partial<Record<string, { field: Field; message: MessageKey }>> = {
  displayName: { field: 'displayName', message: 'users.error.displayName' },
  email: { field: 'email', message: 'users.error.email' },
  upn: { field: 'upn', message: 'users.error.upn' },
};

/** The municipality's users and their roles, for administrators: invite staff, activate and deactivate. */
@Component({
  selector: 'st-admin-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RoleLabelPipe, ReactiveFormsModule, RouterLink, FieldError],
  template: `
    <h1 id="users-heading" data-testid="users-heading">{{ 'users.heading' | t }}</h1>
    <p>{{ 'users.intro' | t }}</p>

    <section aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{{ 'users.create' | t }}</h2>
      <form class="form" [formGroup]="form" (ngSubmit)="create()" novalidate data-testid="create-user-form">
        <div class="field">
          <label for="user-name">{{ 'users.displayName' | t }}</label>
          <input
            id="user-name"
            data-testid="user-name"
            formControlName="displayName"
            required
            [attr.aria-invalid]="!!message('displayName')"
            aria-describedby="user-name-error"
          />
          <st-field-error fieldId="user-name" [messages]="messages('displayName')" />
        </div>
        <div class="field">
          <label for="user-email">{{ 'users.email' | t }}</label>
          <input
            id="user-email"
            data-testid="user-email"
            type="email"
            formControlName="email"
            [attr.aria-invalid]="!!message('email')"
            aria-describedby="user-email-error"
          />
          <st-field-error fieldId="user-email" [messages]="messages('email')" />
        </div>
        <div class="field">
          <label for="user-upn">{{ 'users.upn' | t }}</label>
          <p class="hint" id="user-upn-hint">{{ 'users.upnHint' | t }}</p>
          <input
            id="user-upn"
            data-testid="user-upn"
            formControlName="upn"
            [attr.aria-invalid]="!!message('upn')"
            aria-describedby="user-upn-hint user-upn-error"
          />
          <st-field-error fieldId="user-upn" [messages]="messages('upn')" />
        </div>
        @if (errors().form; as problem) {
          <p class="problem" role="alert" data-testid="create-user-problem">{{ problem | t }}</p>
        }
        @if (created(); as user) {
          <p class="success" role="status" data-testid="user-created">
            {{ 'users.created' | t }}
            <a [routerLink]="['/admin/users', user.id]" data-testid="created-user-roles">{{ user.displayName }}</a>
          </p>
        }
        <div class="actions">
          <button type="submit" class="primary" data-testid="create-user-submit" [disabled]="busy()">{{ 'users.submitCreate' | t }}</button>
        </div>
      </form>
    </section>

    @let state = users();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p>{{ 'users.empty' | t }}</p>
    } @else {
      @if (rowProblem(); as problem) {
        <p class="problem" role="alert" data-testid="users-problem">{{ problem | t }}</p>
      }
      <table class="data" aria-labelledby="users-heading" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{{ 'users.name' | t }}</th>
            <th scope="col">{{ 'users.kind' | t }}</th>
            <th scope="col">{{ 'users.status' | t }}</th>
            <th scope="col">{{ 'users.roles' | t }}</th>
            <th scope="col">{{ 'users.actions' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (user of state.value; track user.id) {
            <tr [attr.data-testid]="'user-row-' + user.id">
              <th scope="row">
                {{ user.displayName }}
                @if (user.email || user.upn) {
                  <br /><small>{{ user.email ?? user.upn }}</small>
                }
              </th>
              <td>{{ (user.kind === 'staff' ? 'users.kind.staff' : 'users.kind.citizen') | t }}</td>
              <td>
                {{ (user.active ? 'users.active' : 'users.inactive') | t }}
                @if (user.kind === 'staff') {
                  <br /><small>{{ (user.signedIn ? 'users.signedIn' : 'users.notSignedIn') | t }}</small>
                }
              </td>
              <td>
                @let current = currentRoles(user);
                @if (current.length === 0) {
                  {{ 'users.noRoles' | t }}
                } @else {
                  <ul class="plain">
                    @for (grant of current; track grant.id) {
                      <li>{{ grant.role | roleLabel }}{{ grant.unitName ? ', ' + grant.unitName : '' }}</li>
                    }
                  </ul>
                }
              </td>
              <td class="actions">
                @if (user.kind === 'staff') {
                  <a [routerLink]="['/admin/users', user.id]" [attr.data-testid]="'user-roles-' + user.id">{{ 'users.openRoles' | t }}</a>
                }
                <button
                  type="button"
                  class="secondary"
                  [attr.data-testid]="'user-active-' + user.id"
                  [disabled]="busy()"
                  (click)="toggle(user)"
                >
                  {{ (user.active ? 'users.deactivate' : 'users.activate') | t }}
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
})
export class AdminUsersPage {
  private readonly api = inject(AdminUsersApi);
  private readonly i18n = inject(I18n);
  protected readonly users = signal<Remote<AdminUserListItem[]>>({ kind: 'loading' });
  protected readonly errors = signal<FormErrors<Field>>(NO_ERRORS);
  protected readonly rowProblem = signal<MessageKey | null>(null);
  protected readonly created = signal<AdminUserListItem | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    email: ['', [Validators.email]],
    upn: ['', [Validators.email]],
  });

  constructor() {
    this.load();
  }

  protected currentRoles(user: AdminUserListItem) {
    return user.roles.filter((r) => r.current);
  }

  protected message(field: Field): MessageKey | null {
    return this.errors().fields[field] ?? null;
  }

  protected messages(field: Field): string[] {
    const key = this.message(field);
    return key ? [this.i18n.t(key)] : [];
  }

  protected create(): void {
    const value = this.form.getRawValue();
    const fields: FormErrors<Field>['fields'] = {};
    if (this.form.controls.displayName.invalid) fields.displayName = 'users.error.displayName';
    if (this.form.controls.email.invalid || (!value.email.trim() && !value.upn.trim())) fields.email = 'users.error.email';
    if (this.form.controls.upn.invalid) fields.upn = 'users.error.upn';
    this.created.set(null);
    if (Object.keys(fields).length) {
      this.errors.set({ fields, form: null });
      return;
    }
    const request: CreateStaffUserRequest = {
      displayName: value.displayName.trim(),
      ...(value.email.trim() ? { email: value.email.trim() } : {}),
      ...(value.upn.trim() ? { upn: value.upn.trim() } : {}),
    };
    this.busy.set(true);
    this.api.create(request).subscribe({
      next: (user) => {
        this.busy.set(false);
        this.errors.set(NO_ERRORS);
        this.created.set(user);
        this.form.reset();
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(formErrorsOf(error, SERVER_FIELDS, { conflict: 'users.error.taken', stale: 'users.error.changed' }));
      },
    });
  }

  protected toggle(user: AdminUserListItem): void {
    this.busy.set(true);
    this.rowProblem.set(null);
    this.api.setActive(user, !user.active).subscribe({
      next: () => {
        this.busy.set(false);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.rowProblem.set(formErrorsOf(error, {}, { stale: 'users.error.changed' }).form);
      },
    });
  }

  private load(): void {
    this.api.list().subscribe({
      next: (value) => this.users.set({ kind: 'ready', value }),
      error: (error: unknown) => this.users.set(remoteFailure(error)),
    });
  }
}
