import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { subject } from '@stafett/domain';
import { Badge } from '@stafett/ui';
import { ConcernsApi, SessionStore, fieldErrorsOf } from '@stafett/web-data-access';
import type { ConcernDecisionRequest, ConcernResponse, ConcernStepsRequest, FieldErrors, VersionedConcern } from '@stafett/web-data-access';
import type { Observable } from 'rxjs';
import { Remote, remoteFailure } from '../core/http/remote';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { StartCaseForm } from '../cases/start-case-form';
import { ConcernDecisionForm } from './concern-decision-form';
import { ConcernStepsForm } from './concern-steps-form';
import { categoryLabel, decisionLabel, statusLabel } from './concern-texts';

type Notice = { key: MessageKey; tone: 'alert' | 'status' };
type Busy = 'steps' | 'decision' | null;

/**
 * One concern: its facts, its steps and the decision. Changes are sent with the version read
 * (If-Match); when someone else changed it in between, the page says so and shows the latest version.
 */
@Component({
  selector: 'st-concern-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge, ConcernStepsForm, ConcernDecisionForm, StartCaseForm],
  template: `
    <p>
      <a routerLink="/concerns">{{ 'concern.back' | t }}</a>
    </p>
    @let state = remote();
    @if (state.kind === 'loading') {
      <h1 data-testid="concern-heading">{{ 'concern.heading' | t }}</h1>
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <h1 data-testid="concern-heading">{{ 'concern.heading' | t }}</h1>
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <h1 data-testid="concern-heading">{{ 'concern.heading' | t }}</h1>
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @let concern = state.value.concern;
      <h1 data-testid="concern-heading">{{ 'concern.heading' | t }}: {{ concern.child.givenName }} {{ concern.child.familyName }}</h1>

      @if (notice(); as notice) {
        <p [class]="notice.tone === 'alert' ? 'problem' : 'success'" [attr.role]="notice.tone" data-testid="concern-notice">
          {{ notice.key | t }}
        </p>
      }

      <p class="status">
        <strong>{{ 'concern.status' | t }}:</strong>
        <span data-testid="concern-status" [attr.data-status]="concern.status">{{ statusLabel(concern.status) | t }}</span>
        @if (concern.overdue) {
          <st-badge tone="warning" data-testid="overdue-badge">{{ 'concern.overdue' | t }}</st-badge>
        }
      </p>

      <section aria-labelledby="concern-facts-heading">
        <h2 id="concern-facts-heading">{{ 'concern.facts' | t }}</h2>
        <dl class="facts" data-testid="concern-facts">
          <dt>{{ 'concern.child' | t }}</dt>
          <dd>{{ concern.child.givenName }} {{ concern.child.familyName }}</dd>
          <dt>{{ 'concern.birthDate' | t }}</dt>
          <dd>{{ concern.child.birthDate | localDate }}</dd>
          <dt>{{ 'concern.unit' | t }}</dt>
          <dd>{{ concern.unitName }}</dd>
          <dt>{{ 'concern.author' | t }}</dt>
          <dd>{{ concern.authorDisplayName }}</dd>
          <dt>{{ 'concern.aroseOn' | t }}</dt>
          <dd>{{ concern.aroseOn | localDate }}</dd>
          <dt>{{ 'concern.observedBy' | t }}</dt>
          <dd>{{ concern.observedBy }}</dd>
          <dt>{{ 'concern.description' | t }}</dt>
          <dd>{{ concern.description }}</dd>
          <dt>{{ 'concern.childWords' | t }}</dt>
          <dd>{{ concern.childWords ?? ('common.notAvailable' | t) }}</dd>
          <dt>{{ 'concern.categories' | t }}</dt>
          <dd>{{ categoryNames(concern) }}</dd>
          <dt>{{ 'concern.dueOn' | t }}</dt>
          <dd data-testid="concern-due-on">{{ concern.decisionDueOn | localDate }}</dd>
        </dl>
      </section>

      <section aria-labelledby="concern-steps-heading">
        <h2 id="concern-steps-heading">{{ 'steps.heading' | t }}</h2>
        @if (canWork()) {
          <p>{{ 'steps.intro' | t }}</p>
          <st-concern-steps-form
            [concern]="concern"
            [busy]="busy() === 'steps'"
            [serverFieldErrors]="stepsErrors()"
            (save)="saveSteps($event)"
          />
        } @else {
          <dl class="facts" data-testid="concern-steps">
            <dt>{{ 'steps.talkedWithChildOn' | t }}</dt>
            <dd>{{ concern.talkedWithChildOn ? (concern.talkedWithChildOn | localDate) : ('common.notAvailable' | t) }}</dd>
            <dt>{{ 'steps.talkedWithGuardiansOn' | t }}</dt>
            <dd>{{ concern.talkedWithGuardiansOn ? (concern.talkedWithGuardiansOn | localDate) : ('common.notAvailable' | t) }}</dd>
            @if (concern.guardiansNotTalkedReason) {
              <dt>{{ 'steps.guardiansNotTalkedReason' | t }}</dt>
              <dd>{{ concern.guardiansNotTalkedReason }}</dd>
            }
            <dt>{{ 'steps.sharedWithColleagueOn' | t }}</dt>
            <dd>{{ concern.sharedWithColleagueOn ? (concern.sharedWithColleagueOn | localDate) : ('common.notAvailable' | t) }}</dd>
            <dt>{{ 'steps.sharedWithUnit' | t }}</dt>
            <dd>{{ (concern.sharedWithUnit ? 'common.yes' : 'common.no') | t }}</dd>
          </dl>
        }
      </section>

      <section aria-labelledby="concern-decision-heading">
        <h2 id="concern-decision-heading">{{ 'decision.heading' | t }}</h2>
        @if (concern.decision; as decision) {
          <dl class="facts" data-testid="concern-decision">
            <dt>{{ 'concern.decision' | t }}</dt>
            <dd>{{ decisionLabel(decision) | t }}</dd>
            @if (concern.requestedCaseLevel) {
              <dt>{{ 'concern.caseLevel' | t }}</dt>
              <dd>{{ concern.requestedCaseLevel }}</dd>
            }
            <dt>{{ 'concern.decisionReason' | t }}</dt>
            <dd>{{ concern.decisionReason ?? ('common.notAvailable' | t) }}</dd>
          </dl>
        } @else if (canWork()) {
          <p>{{ 'decision.intro' | t }}</p>
          <st-concern-decision-form [busy]="busy() === 'decision'" [serverFieldErrors]="decisionErrors()" (decide)="decide($event)" />
        } @else {
          <p data-testid="concern-not-allowed">{{ 'concern.notAllowed' | t }}</p>
        }
      </section>

      @if (concern.caseId) {
        <section aria-labelledby="concern-case-heading" data-testid="concern-case">
          <h2 id="concern-case-heading">{{ 'concern.caseHeading' | t }}</h2>
          <p>
            {{ 'concern.caseStarted' | t }}
            <a [routerLink]="['/cases', concern.caseId]" data-testid="concern-case-link">{{ 'concern.caseLink' | t }}</a>
          </p>
        </section>
      } @else if (canStartCase()) {
        <section aria-labelledby="concern-case-heading" data-testid="concern-start-case">
          <h2 id="concern-case-heading">{{ 'startCase.heading' | t }}</h2>
          <st-start-case-form [concern]="concern" />
        </section>
      }
    }
  `,
  styles: `
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: baseline;
    }
    section {
      margin-top: 2rem;
    }
  `,
})
export class ConcernPage {
  private readonly api = inject(ConcernsApi);
  private readonly i18n = inject(I18n);
  private readonly session = inject(SessionStore);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route (`concerns/:id`), bound by the router. */
  readonly id = input.required<string>();

  protected readonly remote = signal<Remote<VersionedConcern>>({ kind: 'loading' });
  protected readonly notice = signal<Notice | null>(null);
  protected readonly busy = signal<Busy>(null);
  protected readonly stepsErrors = signal<FieldErrors | null>(null);
  protected readonly decisionErrors = signal<FieldErrors | null>(null);
  /** The server said 403 to a change: readable, not workable (a colleague of a shared concern). */
  private readonly forbidden = signal(false);

  protected readonly decisionLabel = decisionLabel;
  protected readonly statusLabel = statusLabel;

  /** Steps and decision are for the author and the unit's leaders while the concern is open; the server decides again. */
  protected readonly canWork = computed(() => {
    const state = this.remote();
    const session = this.session.session();
    if (state.kind !== 'ready' || !session || this.forbidden()) return false;
    const concern = state.value.concern;
    if (concern.status !== 'open') return false;
    return this.session.ability().can('update', subject('Concern', this.facts(concern, session.user)));
  });

  /**
   * A concern decided as own service or collaboration asks for a coordinated case; its author or
   * the unit's leader starts it. Once started, the concern names its case (`caseId`) and the page
   * links to it instead; a 409 then only means someone started it a moment ago.
   */
  protected readonly canStartCase = computed(() => {
    const state = this.remote();
    const session = this.session.session();
    if (state.kind !== 'ready' || !session || this.forbidden()) return false;
    const concern = state.value.concern;
    if (concern.caseId || concern.status !== 'decided' || (concern.decision !== 'own_service' && concern.decision !== 'collaboration'))
      return false;
    const ability = this.session.ability();
    return ability.can('create', 'Case') && ability.can('update', subject('Concern', this.facts(concern, session.user)));
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.remote.set({ kind: 'loading' });
        this.notice.set(null);
        this.forbidden.set(false);
        this.load(id);
      });
    });
  }

  protected categoryNames(concern: ConcernResponse): string {
    return concern.categories.map((c) => this.i18n.t(categoryLabel(c))).join(', ');
  }

  protected saveSteps(request: ConcernStepsRequest): void {
    this.write('steps', (id, etag) => this.api.updateSteps(id, request, etag), 'steps.saved');
  }

  protected decide(request: ConcernDecisionRequest): void {
    this.write('decision', (id, etag) => this.api.decide(id, request, etag), 'decision.saved');
  }

  private write(kind: Exclude<Busy, null>, send: (id: string, etag: string) => Observable<VersionedConcern>, saved: MessageKey): void {
    const state = this.remote();
    if (state.kind !== 'ready' || this.busy()) return;
    this.busy.set(kind);
    this.notice.set(null);
    this.stepsErrors.set(null);
    this.decisionErrors.set(null);
    send(state.value.concern.id, state.value.etag)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => {
          this.busy.set(null);
          this.remote.set({ kind: 'ready', value });
          this.notice.set({ key: saved, tone: 'status' });
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.onWriteError(kind, error);
        },
      });
  }

  private onWriteError(kind: Exclude<Busy, null>, error: unknown): void {
    const fields = fieldErrorsOf(error);
    if (fields) {
      (kind === 'steps' ? this.stepsErrors : this.decisionErrors).set(fields);
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    if (status === 412) {
      this.notice.set({ key: 'concern.stale', tone: 'alert' });
      this.load(this.id());
    } else if (status === 409) {
      this.notice.set({ key: 'concern.alreadyDecided', tone: 'alert' });
      this.load(this.id());
    } else if (status === 403) {
      this.forbidden.set(true);
      this.notice.set({ key: 'concern.notAllowed', tone: 'alert' });
    } else if (status === 401 || status === 404) {
      this.remote.set({ kind: 'unavailable' });
    } else {
      this.notice.set({ key: 'concern.saveFailed', tone: 'alert' });
    }
  }

  /** Reads the concern; a reload keeps showing the current version until the new one has arrived. */
  private load(id: string): void {
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.remote.set({ kind: 'ready', value }),
        error: (error: unknown) => this.remote.set(remoteFailure(error)),
      });
  }

  /** The facts the CASL rules read; the response says whether the user is the author rather than who is. */
  private facts(concern: ConcernResponse, user: { id: string; municipalityId: string }) {
    return {
      municipalityId: user.municipalityId,
      unitId: concern.unitId,
      authorUserId: concern.isAuthor ? user.id : '',
      sharedWithUnit: concern.sharedWithUnit,
    };
  }
}
