import { ChangeDetectionStrategy, Component, ViewEncapsulation, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Badge, Callout } from '@stafett/ui';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { CaseBatonSection } from './case-baton';
import { CaseConsentsSection } from './case-consents';
import { CaseLevelSection } from './case-level';
import { CaseLogSection, CasePrivateNotesSection } from './case-log';
import { CaseMeetingsSection } from './case-meetings';
import { CasePlanSection } from './case-plan';
import { CaseTeamSection } from './case-team';
import { CaseStore } from './case.store';
import { addressProtectionLabel, childName, closureLabel, levelLabel } from './case-texts';

/**
 * One coordinated case: the baton, the level and its history, the team, its consents, the plan,
 * meetings, the shared log and the own unit's private notes. What a user may do comes from the case's
 * `permissions`; the server decides again on every command. A closed case is read-only.
 */
@Component({
  selector: 'st-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The sections share these styles (buttons, panels, lists); every rule is scoped under st-case-page.
  encapsulation: ViewEncapsulation.None,
  providers: [CaseStore],
  imports: [
    RouterLink,
    TranslatePipe,
    LocalDatePipe,
    Badge,
    Callout,
    CaseBatonSection,
    CaseLevelSection,
    CaseTeamSection,
    CaseConsentsSection,
    CasePlanSection,
    CaseMeetingsSection,
    CaseLogSection,
    CasePrivateNotesSection,
  ],
  template: `
    <p>
      <a routerLink="/cases">{{ 'case.back' | t }}</a>
    </p>
    @let state = store.state();
    @if (state.kind === 'loading') {
      <h1 data-testid="case-heading">{{ 'case.heading' | t }}</h1>
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <h1 data-testid="case-heading">{{ 'case.heading' | t }}</h1>
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <h1 data-testid="case-heading">{{ 'case.heading' | t }}</h1>
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @let record = state.value.record;
      <h1 data-testid="case-heading">{{ 'case.heading' | t }}: {{ childName(record.child) }}</h1>
      @if (record.child.addressProtection; as protection) {
        <p role="note" data-testid="case-address-protection" [attr.data-protection]="protection">
          <st-badge tone="warning">{{ addressProtectionLabel(protection) | t }}</st-badge>
          {{ 'case.addressProtectionHint' | t }}
        </p>
      }
      <p class="summary">
        <st-badge data-testid="case-level-badge">{{ levelLabel(record.level) | t }}</st-badge>
        <span data-testid="case-status" [attr.data-status]="record.status">{{
          (record.status === 'open' ? 'case.open' : 'case.closed') | t
        }}</span>
        <span
          >{{ 'case.openedAt' | t }} <time [attr.datetime]="record.openedAt">{{ record.openedAt | localDate }}</time></span
        >
        @if (record.concernId) {
          <a [routerLink]="['/concerns', record.concernId]" data-testid="case-concern-link">{{ 'case.concern' | t }}</a>
        }
      </p>
      @if (record.closure; as closure) {
        <st-callout tone="info" data-testid="case-closed">
          {{ 'case.readOnly' | t }} {{ 'caseClose.closedBecause' | t }}: {{ closureLabel(closure.reason) | t }} (<time
            [attr.datetime]="closure.closedAt"
            >{{ closure.closedAt | localDate }}</time
          >).
        </st-callout>
      }
      <st-case-baton />
      <st-case-level />
      <st-case-team />
      <st-case-consents />
      <st-case-plan />
      <st-case-meetings />
      <st-case-log />
      <st-case-private-notes />
    }
  `,
  styles: `
    st-case-page {
      display: block;
      max-width: 60rem;
    }
    st-case-page section {
      margin-top: 2rem;
      padding-top: 0.5rem;
      border-top: 1px solid #c6c6c6;
    }
    st-case-page .summary,
    st-case-page .what,
    st-case-page .lead {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: baseline;
    }
    st-case-page .actions {
      margin: 0.75rem 0;
    }
    st-case-page button.secondary,
    st-case-page button.link {
      font: inherit;
      padding: 0.375rem 0.75rem;
      border: 2px solid #0b3d62;
      border-radius: 0.25rem;
      background: #fff;
      color: #0b3d62;
      cursor: pointer;
    }
    st-case-page button.link {
      padding: 0 0.25rem;
      border: none;
      text-decoration: underline;
    }
    st-case-page button:disabled {
      cursor: progress;
      opacity: 0.75;
    }
    st-case-page .panel {
      margin: 0.75rem 0;
      padding: 0.75rem 1rem 1rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-left: 4px solid #0b3d62;
      border-radius: 0.25rem;
    }
    st-case-page ul.items,
    st-case-page ol.items {
      display: grid;
      gap: 0.5rem;
      margin: 0.5rem 0;
    }
    st-case-page .items > li {
      padding: 0.5rem 0.75rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-radius: 0.25rem;
    }
    st-case-page .items > li.overdue {
      border-left: 4px solid #a4141d;
    }
    st-case-page ul.evaluations > li {
      margin-top: 0.5rem;
      padding-left: 0.75rem;
      border-left: 3px solid #c6c6c6;
    }
    st-case-page ol.history {
      padding-left: 1.25rem;
    }
    st-case-page ol.history > li {
      margin-bottom: 0.75rem;
    }
    st-case-page .meta,
    st-case-page .service {
      margin: 0;
      color: #454545;
      font-size: 0.925rem;
    }
    st-case-page .text {
      margin: 0.25rem 0 0;
      white-space: pre-line;
    }
    /* The child's own voice stands out from the professionals' fields. */
    st-case-page .child-view {
      padding: 0.5rem 0.75rem;
      background: #eef5fb;
      border-left: 4px solid #0b3d62;
      border-radius: 0.25rem;
    }
    st-case-page li.joining {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      align-items: baseline;
    }
    st-case-page .role label {
      margin-right: 0.5rem;
    }
    st-case-page input[type='datetime-local'] {
      font: inherit;
      padding: 0.375rem 0.5rem;
      border: 2px solid #5a5a5a;
      border-radius: 0.25rem;
    }
    st-case-page .scroll {
      overflow-x: auto;
    }
    st-case-page .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
})
export class CasePage {
  protected readonly store = inject(CaseStore);
  protected readonly i18n = inject(I18n);

  /** From the route (`cases/:id`), bound by the router. */
  readonly id = input.required<string>();

  protected readonly childName = childName;
  protected readonly addressProtectionLabel = addressProtectionLabel;
  protected readonly levelLabel = levelLabel;
  protected readonly closureLabel = closureLabel;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
  }
}
