import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { CaseSummaryResponse, FamilyMunicipalityOverview } from '@stafett/domain';
import { Badge } from '@stafett/ui';
import { CasesApi, FamilyApi, SessionStore, pagedList } from '@stafett/web-data-access';
import { catchError, of } from 'rxjs';
import { I18n } from '../core/i18n/i18n';
import { TranslatePipe } from '../core/i18n/i18n';
import { ListMore } from '../core/layout/list-more';
import { childName } from '../cases/case-texts';
import { familyLevelLabel } from './family-texts';

/**
 * "My children's cases" — or "My cases" for a youth reading their own: the cases about the children
 * a guardian has parental responsibility for, or about the youth themself, as the server lists them
 * for the family (open ones first). A person registered in more than one municipality also sees the
 * cases of the others (the family overview); opening one switches the session to that municipality,
 * whose user then reads it.
 */
@Component({
  selector: 'st-family-cases-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, Badge, ListMore],
  template: `
    @let youth = isYouth();
    <h1 id="family-heading" data-testid="family-heading">{{ (youth ? 'family.headingYouth' : 'family.heading') | t }}</h1>
    <p>{{ (youth ? 'family.introYouth' : 'family.intro') | t }}</p>
    @let here = currentMunicipality();
    @if (here && otherMunicipalities().length > 0) {
      <!-- Registered in more than one municipality: say which one this list is from. -->
      <p class="here" data-testid="family-current-municipality">{{ inMunicipality(here) }}</p>
    }
    @let state = cases.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p data-testid="family-empty">{{ 'family.empty' | t }}</p>
    } @else {
      <ul class="cases" aria-labelledby="family-heading" data-testid="family-cases">
        @for (item of state.value; track item.id) {
          <li data-testid="family-case" [attr.data-status]="item.status">
            <h2>
              <a [routerLink]="['/family/cases', item.id]">{{ childName(item.child) }}</a>
              @if (item.status === 'closed') {
                <st-badge>{{ 'case.closed' | t }}</st-badge>
              }
            </h2>
            <dl class="facts">
              <dt>{{ 'family.level' | t }}</dt>
              <dd>{{ familyLevelLabel(item.level) | t }}</dd>
              <dt>{{ 'family.coordinator' | t }}</dt>
              @if (item.coordinator.displayName) {
                <dd>{{ item.coordinator.displayName }}, {{ item.coordinator.unitName }}</dd>
              } @else {
                <dd>{{ 'common.hidden' | t }}</dd>
              }
              <dt>{{ 'familyCase.team' | t }}</dt>
              <dd>{{ item.whereaboutsHidden ? ('common.hidden' | t) : item.participantUnitNames.join(', ') }}</dd>
            </dl>
          </li>
        }
      </ul>
      <st-list-more [list]="cases" />
    }
    @let others = otherMunicipalities();
    @if (others.length > 0) {
      <section aria-labelledby="family-others-heading" data-testid="family-other-municipalities">
        <h2 id="family-others-heading">{{ 'family.otherMunicipalities' | t }}</h2>
        <p>{{ 'family.otherMunicipalitiesIntro' | t }}</p>
        @if (switchFailed()) {
          <p role="alert">{{ 'family.switchFailed' | t }}</p>
        }
        @for (m of others; track m.userId) {
          <section class="municipality" data-testid="family-municipality" [attr.data-municipality]="m.municipalityName">
            <h3>{{ inMunicipality(m) }}</h3>
            @if (m.cases.length === 0) {
              <p>{{ 'family.empty' | t }}</p>
            } @else {
              <ul class="cases">
                @for (item of m.cases; track item.id) {
                  <li data-testid="family-case" [attr.data-status]="item.status">
                    <h4>
                      <button
                        type="button"
                        class="ds-button"
                        data-variant="tertiary"
                        [attr.aria-label]="openLabel(m, item)"
                        (click)="open(m, item)"
                      >
                        {{ childName(item.child) }}
                      </button>
                      @if (item.status === 'closed') {
                        <st-badge>{{ 'case.closed' | t }}</st-badge>
                      }
                    </h4>
                    <dl class="facts">
                      <dt>{{ 'family.level' | t }}</dt>
                      <dd>{{ familyLevelLabel(item.level) | t }}</dd>
                      <dt>{{ 'family.coordinator' | t }}</dt>
                      <dd>{{ item.coordinator.displayName }}, {{ item.coordinator.unitName }}</dd>
                    </dl>
                  </li>
                }
              </ul>
              @if (m.more) {
                <p>{{ 'family.moreInMunicipality' | t }}</p>
              }
            }
          </section>
        }
      </section>
    }
  `,
  styles: `
    .cases {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 1rem;
      max-width: 48rem;
    }
    .cases > li {
      padding: 0.75rem 1rem 1rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-left: 4px solid #0b3d62;
      border-radius: 0.25rem;
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.25rem;
    }
    h2 st-badge,
    h4 st-badge {
      margin-left: 0.5rem;
    }
    .municipality {
      margin-top: 1.5rem;
    }
    .here {
      font-weight: 600;
    }
    h4 {
      margin: 0 0 0.5rem;
      font-size: 1.125rem;
    }
  `,
})
export class FamilyCasesPage {
  private readonly session = inject(SessionStore);
  protected readonly isYouth = computed(() => this.session.session()?.user.familyRole === 'youth');
  private readonly api = inject(CasesApi);
  /** A page at a time; "Vis flere" appends the next. */
  protected readonly cases = pagedList((next) => this.api.page(next));
  protected readonly childName = childName;
  protected readonly familyLevelLabel = familyLevelLabel;
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  /** The other municipalities where the person is a citizen user; none when the overview cannot be read. */
  private readonly overview = toSignal(
    inject(FamilyApi)
      .overview()
      .pipe(catchError(() => of([] as FamilyMunicipalityOverview[]))),
    { initialValue: [] as FamilyMunicipalityOverview[] },
  );
  protected readonly otherMunicipalities = computed(() => this.overview().filter((m) => !m.current));
  protected readonly currentMunicipality = computed(() => this.overview().find((m) => m.current) ?? null);
  protected readonly switchFailed = signal(false);

  protected inMunicipality(m: FamilyMunicipalityOverview): string {
    return this.i18n.t('family.inMunicipality').replace('{municipality}', m.municipalityName);
  }

  protected openLabel(m: FamilyMunicipalityOverview, item: CaseSummaryResponse): string {
    return `${childName(item.child)}: ${this.i18n.t('family.openInMunicipality').replace('{municipality}', m.municipalityName)}`;
  }

  /** Switches the session to the municipality's user (the server checks it is the same person), then opens the case. */
  protected async open(m: FamilyMunicipalityOverview, item: CaseSummaryResponse): Promise<void> {
    this.switchFailed.set(false);
    try {
      await this.session.switchMunicipality(m.userId);
    } catch {
      this.switchFailed.set(true);
      return;
    }
    await this.router.navigate(['/family/cases', item.id]);
  }
}
