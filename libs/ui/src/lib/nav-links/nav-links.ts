import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

export interface NavLink {
  /** Router path, e.g. `/children`. */
  path: string;
  /** Already translated. */
  label: string;
  testId: string;
}

/** A labelled navigation landmark; the link to the current page carries `aria-current="page"`. */
@Component({
  selector: 'st-nav-links',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    <nav [attr.aria-label]="label()">
      <ul>
        @for (link of links(); track link.path) {
          <li>
            <a [routerLink]="link.path" routerLinkActive="active" ariaCurrentWhenActive="page" [attr.data-testid]="link.testId">{{
              link.label
            }}</a>
          </li>
        }
      </ul>
    </nav>
  `,
  styles: `
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    a {
      color: inherit;
      display: inline-block;
      padding: 0.375rem 0;
      text-underline-offset: 0.25em;
    }
    a.active {
      font-weight: 700;
      text-decoration-thickness: 3px;
    }
  `,
})
export class NavLinks {
  readonly links = input.required<readonly NavLink[]>();
  readonly label = input.required<string>();
}
