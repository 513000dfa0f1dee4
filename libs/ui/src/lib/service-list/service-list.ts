import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { OrganisationOverview } from '@stafett/domain';

/** The services of a municipality with their units; labels come from the caller (translated). */
@Component({
  selector: 'st-service-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="services" [attr.aria-label]="label()">
      @for (service of services(); track service.id) {
        <li>
          <h3>{{ service.name }}</h3>
          <ul>
            @for (unit of service.units; track unit.id) {
              <li>{{ unit.name }}</li>
            }
          </ul>
        </li>
      }
    </ul>
  `,
  styles: `
    .services {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 1rem;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    }
    .services > li {
      border: 1px solid #c6c6c6;
      border-radius: 0.5rem;
      padding: 1rem;
    }
    h3 {
      margin: 0 0 0.5rem;
      font-size: 1.05rem;
    }
  `,
})
export class ServiceList {
  readonly services = input.required<OrganisationOverview['services']>();
  readonly label = input<string>('');
}
