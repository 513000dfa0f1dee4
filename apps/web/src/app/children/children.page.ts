import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ChildrenApi, pagedList } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { ListMore } from '../core/layout/list-more';

/** The children the server lets this user see: staff their units' children, a guardian their own, a youth themself. */
@Component({
  selector: 'st-children-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, ListMore],
  template: `
    <h1 id="children-heading" data-testid="children-heading">{{ 'children.heading' | t }}</h1>
    @let state = children.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p>{{ 'children.empty' | t }}</p>
    } @else {
      <table class="data" aria-labelledby="children-heading" data-testid="children-table">
        <thead>
          <tr>
            <th scope="col">{{ 'children.name' | t }}</th>
            <th scope="col">{{ 'children.birthDate' | t }}</th>
            <th scope="col">{{ 'children.units' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (child of state.value; track child.id) {
            <tr>
              <th scope="row">{{ child.givenName }} {{ child.familyName }}</th>
              <td>{{ child.birthDate | localDate }}</td>
              <td>
                <ul class="plain">
                  @for (unit of child.units; track unit.id) {
                    <li>{{ unit.name }}{{ unit.groupName ? ', ' + unit.groupName : '' }}</li>
                  }
                </ul>
              </td>
            </tr>
          }
        </tbody>
      </table>
      <st-list-more [list]="children" />
    }
  `,
})
export class ChildrenPage {
  private readonly api = inject(ChildrenApi);
  /** A page at a time, by family name; "Vis flere" appends the next. */
  protected readonly children = pagedList((next) => this.api.page(next));
}
