import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { OrganisationOverview } from '@stafett/domain';
import { ServiceList } from '@stafett/ui';
import { OrganisationApi } from '@stafett/web-data-access';
import { catchError, map, of, switchMap } from 'rxjs';
import { TranslatePipe } from '../core/i18n/i18n';

type HomeState = { kind: 'loading' } | { kind: 'failed' } | { kind: 'empty' } | { kind: 'ready'; overview: OrganisationOverview };

@Component({
  selector: 'st-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ServiceList, TranslatePipe],
  template: `
    @switch (state().kind) {
      @case ('loading') {
        <p role="status">{{ 'home.loading' | t }}</p>
      }
      @case ('failed') {
        <p role="alert">{{ 'home.loadFailed' | t }}</p>
      }
      @case ('empty') {
        <p>{{ 'home.noMunicipality' | t }}</p>
      }
      @case ('ready') {
        @if (overview(); as overview) {
          <h1 data-testid="municipality-name">{{ overview.municipality.name }}</h1>
          <h2>{{ 'home.servicesHeading' | t }}</h2>
          <st-service-list [services]="overview.services" [label]="'home.servicesHeading' | t" />
        }
      }
    }
  `,
})
export class HomePage {
  private readonly api = inject(OrganisationApi);

  protected readonly state = toSignal(
    this.api.municipalities().pipe(
      switchMap((list) =>
        list.length === 0
          ? of<HomeState>({ kind: 'empty' })
          : this.api.overview(list[0].code).pipe(map((overview): HomeState => ({ kind: 'ready', overview }))),
      ),
      catchError(() => of<HomeState>({ kind: 'failed' })),
    ),
    { initialValue: { kind: 'loading' } as HomeState },
  );

  protected overview(): OrganisationOverview | null {
    const state = this.state();
    return state.kind === 'ready' ? state.overview : null;
  }
}
