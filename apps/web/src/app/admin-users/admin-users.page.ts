import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AdminUsersApi } from '@stafett/web-data-access';
import { toRemote } from '../core/http/remote';
import { TranslatePipe } from '../core/i18n/i18n';
import { RoleLabelPipe } from '../core/i18n/role-label.pipe';

/** The municipality's users and their roles, for administrators. */
@Component({
  selector: 'st-admin-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RoleLabelPipe],
  template: `
    <h1 id="users-heading" data-testid="users-heading">{{ 'users.heading' | t }}</h1>
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
      <table class="data" aria-labelledby="users-heading" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{{ 'users.name' | t }}</th>
            <th scope="col">{{ 'users.kind' | t }}</th>
            <th scope="col">{{ 'users.status' | t }}</th>
            <th scope="col">{{ 'users.roles' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (user of state.value; track user.id) {
            <tr>
              <th scope="row">{{ user.displayName }}</th>
              <td>{{ (user.kind === 'staff' ? 'users.kind.staff' : 'users.kind.citizen') | t }}</td>
              <td>{{ (user.active ? 'users.active' : 'users.inactive') | t }}</td>
              <td>
                @if (user.roles.length === 0) {
                  {{ 'users.noRoles' | t }}
                } @else {
                  <ul class="plain">
                    @for (grant of user.roles; track $index) {
                      <li>{{ grant.role | roleLabel }}{{ grant.unitName ? ', ' + grant.unitName : '' }}</li>
                    }
                  </ul>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
})
export class AdminUsersPage {
  protected readonly users = toRemote(inject(AdminUsersApi).list());
}
