import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import type { WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { AccessLogEntryResponse, CaseResponse, ConsentResponse, InformationCategory } from '@stafett/domain';
import { Badge } from '@stafett/ui';
import { CaseAccessLogApi, CasesApi, ConsentsApi } from '@stafett/web-data-access';
import type { Observable } from 'rxjs';
import { Remote, remoteFailure } from '../core/http/remote';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { RoleLabelPipe } from '../core/i18n/role-label.pipe';
import { CaseDialog } from '../cases/case-form';
import { childName, logKindLabel } from '../cases/case-texts';
import { categoryLabel } from '../concerns/concern-texts';
import { accessWhat, basisLabel } from '../consents/consent-texts';
import { ConsentView } from '../consents/consent-view';
import { familyLevelLabel } from './family-texts';

type Answer = 'sign' | 'decline' | 'withdraw';
interface Confirming {
  kind: Answer;
  consent: ConsentResponse;
}
interface Notice {
  key: MessageKey;
  tone: 'status' | 'alert';
}

const DIALOG: Record<Answer, { heading: MessageKey; body: MessageKey; confirm: MessageKey }> = {
  sign: { heading: 'familyCase.signHeading', body: 'familyCase.signBody', confirm: 'familyCase.signConfirm' },
  decline: { heading: 'familyCase.declineHeading', body: 'familyCase.declineBody', confirm: 'familyCase.declineConfirm' },
  withdraw: { heading: 'familyCase.withdrawHeading', body: 'familyCase.withdrawBody', confirm: 'familyCase.withdrawConfirm' },
};

/**
 * The family's side of one case, in plain words: what is being done and by whom, the plan,
 * the final meeting minutes and the shared log; each consent in full, given, refused or withdrawn
 * with one action and a confirmation that says what happens; and who has looked at the case.
 */
@Component({
  selector: 'st-family-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, RoleLabelPipe, Badge, CaseDialog, ConsentView],
  template: `
    <p>
      <a routerLink="/family">{{ 'family.back' | t }}</a>
    </p>
    @let state = record();
    @if (state.kind === 'loading') {
      <h1 data-testid="family-case-heading">{{ 'familyCase.heading' | t }}</h1>
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <h1 data-testid="family-case-heading">{{ 'familyCase.heading' | t }}</h1>
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <h1 data-testid="family-case-heading">{{ 'familyCase.heading' | t }}</h1>
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @let kase = state.value;
      <h1 data-testid="family-case-heading">{{ 'familyCase.about' | t }} {{ childName(kase.child) }}</h1>

      <section aria-labelledby="family-now-heading" data-testid="family-now">
        <h2 id="family-now-heading">{{ 'familyCase.now' | t }}</h2>
        <p class="lead" data-testid="family-level" [attr.data-level]="kase.level">{{ familyLevelLabel(kase.level) | t }}</p>
        @if (kase.status === 'closed') {
          <p data-testid="family-closed">
            <st-badge>{{ 'familyCase.closed' | t }}</st-badge>
          </p>
        }
        @if (kase.whereaboutsHidden) {
          <p class="hint" data-testid="family-whereabouts-hidden">{{ 'family.whereaboutsHidden' | t }}</p>
        }
        <h3>{{ 'familyCase.coordinator' | t }}</h3>
        <p data-testid="family-coordinator">
          @if (kase.coordinator.displayName) {
            <strong>{{ kase.coordinator.displayName }}</strong>, {{ kase.coordinator.unitName }}
          } @else {
            {{ 'common.hidden' | t }}
          }
        </p>
        <h3 id="family-team-heading">{{ 'familyCase.team' | t }}</h3>
        <ul aria-labelledby="family-team-heading" data-testid="family-team">
          @for (participant of team(); track participant.id) {
            <li>{{ participant.unitName ?? ('common.hidden' | t) }} ({{ participant.serviceName }})</li>
          }
        </ul>
      </section>

      <section aria-labelledby="family-consents-heading" data-testid="family-consents">
        <h2 id="family-consents-heading">{{ 'familyCase.consents' | t }}</h2>
        <p class="hint">{{ 'familyCase.consentsIntro' | t }}</p>
        @if (notice(); as notice) {
          <p
            tabindex="-1"
            [class]="notice.tone === 'alert' ? 'problem' : 'success'"
            [attr.role]="notice.tone"
            data-testid="family-consent-notice"
          >
            {{ notice.key | t }}
          </p>
        }
        @let list = consents();
        @if (list.kind === 'loading') {
          <p role="status">{{ 'common.loading' | t }}</p>
        } @else if (list.kind !== 'ready') {
          <p role="alert">{{ 'common.loadFailed' | t }}</p>
        } @else if (current().length === 0) {
          <p data-testid="family-no-consents">{{ 'familyCase.noConsents' | t }}</p>
        } @else {
          <ul class="plain items" data-testid="family-consent-list">
            @for (consent of current(); track consent.id) {
              <li data-testid="family-consent" [attr.data-status]="consent.status">
                <st-consent-view [consent]="consent" />
                @if (consent.permissions.canAnswer || consent.permissions.canWithdraw) {
                  <div class="actions">
                    @if (consent.permissions.canAnswer) {
                      <button type="button" class="primary" data-testid="family-sign" (click)="confirm('sign', consent)">
                        {{ 'familyCase.sign' | t }}
                      </button>
                      <button type="button" class="secondary" data-testid="family-decline" (click)="confirm('decline', consent)">
                        {{ 'familyCase.decline' | t }}
                      </button>
                    }
                    @if (consent.permissions.canWithdraw) {
                      <button type="button" class="secondary" data-testid="family-withdraw" (click)="confirm('withdraw', consent)">
                        {{ 'familyCase.withdraw' | t }}
                      </button>
                    }
                  </div>
                }
              </li>
            }
          </ul>
          @if (earlier().length > 0) {
            <details data-testid="family-earlier-consents">
              <summary>{{ 'familyCase.earlier' | t }} ({{ earlier().length }})</summary>
              <ul class="plain items">
                @for (consent of earlier(); track consent.id) {
                  <li><st-consent-view [consent]="consent" /></li>
                }
              </ul>
            </details>
          }
        }
      </section>

      <section aria-labelledby="family-plan-heading" data-testid="family-plan">
        <h2 id="family-plan-heading">{{ 'familyCase.goals' | t }}</h2>
        @if (kase.goals.length === 0) {
          <p>{{ 'familyCase.noGoals' | t }}</p>
        } @else {
          <ul data-testid="family-goals">
            @for (goal of kase.goals; track goal.id) {
              <li>
                {{ goal.text }}
                @if (goal.achieved) {
                  <st-badge tone="success">{{ 'familyCase.achieved' | t }}</st-badge>
                }
              </li>
            }
          </ul>
        }
        <h2 id="family-measures-heading">{{ 'familyCase.measures' | t }}</h2>
        @if (kase.measures.length === 0) {
          <p>{{ 'familyCase.noMeasures' | t }}</p>
        } @else {
          <ul class="plain items" aria-labelledby="family-measures-heading" data-testid="family-measures">
            @for (measure of kase.measures; track measure.id) {
              <li data-testid="family-measure">
                <p class="text">{{ measure.description }}</p>
                <p class="meta">
                  {{ 'familyCase.responsible' | t }}: {{ measure.responsibleUnitName ?? ('common.hidden' | t) }} ·
                  @if (measure.status === 'stopped') {
                    {{ 'familyCase.stopped' | t }}
                  } @else {
                    {{ 'familyCase.evaluateBy' | t }}
                    <time [attr.datetime]="measure.evaluationDueOn">{{ measure.evaluationDueOn | localDate }}</time>
                  }
                </p>
              </li>
            }
          </ul>
        }
      </section>

      <section aria-labelledby="family-meetings-heading" data-testid="family-meetings">
        <h2 id="family-meetings-heading">{{ 'familyCase.meetings' | t }}</h2>
        @if (kase.meetings.length === 0) {
          <p>{{ 'familyCase.noMeetings' | t }}</p>
        } @else {
          <ul class="plain items">
            @for (meeting of kase.meetings; track meeting.id) {
              <li data-testid="family-meeting" [attr.data-minutes]="meeting.minutesStatus">
                <p class="meta">
                  <time [attr.datetime]="meeting.meetingAt">{{ meeting.meetingAt | localDate: 'dateTime' }}</time>
                </p>
                <dl class="facts">
                  <dt>{{ 'familyCase.agenda' | t }}</dt>
                  <dd>{{ meeting.agenda }}</dd>
                  <dt>{{ 'familyCase.decisions' | t }}</dt>
                  <dd>{{ meeting.minutesStatus === 'final' ? meeting.decisions : ('familyCase.minutesPending' | t) }}</dd>
                </dl>
              </li>
            }
          </ul>
        }
      </section>

      <section aria-labelledby="family-log-heading" data-testid="family-log">
        <h2 id="family-log-heading">{{ 'familyCase.log' | t }}</h2>
        @if (kase.log.length === 0) {
          <p>{{ 'familyCase.logEmpty' | t }}</p>
        } @else {
          <ul class="plain items" aria-labelledby="family-log-heading">
            @for (entry of kase.log; track entry.id) {
              <li data-testid="family-log-entry" [attr.data-kind]="entry.kind">
                <p class="meta">
                  <time [attr.datetime]="entry.createdAt">{{ entry.createdAt | localDate: 'dateTime' }}</time> ·
                  {{ entry.author.displayName ?? ('common.hidden' | t) }} · {{ logKindLabel(entry.kind) | t }}
                </p>
                @if (entry.text) {
                  <p class="text">{{ entry.text }}</p>
                }
              </li>
            }
          </ul>
        }
      </section>

      <section aria-labelledby="family-access-heading" data-testid="family-access-log">
        <h2 id="family-access-heading">{{ 'familyCase.accessLog' | t }}</h2>
        <p class="hint">{{ 'familyCase.accessLogIntro' | t }}</p>
        @let log = accessLog();
        @if (log.kind === 'loading') {
          <p role="status">{{ 'common.loading' | t }}</p>
        } @else if (log.kind !== 'ready') {
          <p role="alert">{{ 'common.loadFailed' | t }}</p>
        } @else if (log.value.length === 0) {
          <p data-testid="family-access-empty">{{ 'familyCase.accessLogEmpty' | t }}</p>
        } @else {
          <div class="scroll" role="region" aria-labelledby="family-access-heading" tabindex="0">
            <table class="data" aria-labelledby="family-access-heading" data-testid="family-access-table">
              <thead>
                <tr>
                  <th scope="col">{{ 'familyLog.when' | t }}</th>
                  <th scope="col">{{ 'familyLog.who' | t }}</th>
                  <th scope="col">{{ 'familyLog.role' | t }}</th>
                  <th scope="col">{{ 'familyLog.unit' | t }}</th>
                  <th scope="col">{{ 'familyLog.what' | t }}</th>
                  <th scope="col">{{ 'familyLog.basis' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (entry of log.value; track $index) {
                  <tr data-testid="family-access-row">
                    <td>
                      <time [attr.datetime]="entry.occurredAt">{{ entry.occurredAt | localDate: 'dateTime' }}</time>
                    </td>
                    <td data-testid="family-access-who">{{ entry.actor ?? ('common.hidden' | t) }}</td>
                    <td>{{ entry.role ? (entry.role | roleLabel) : ('common.notAvailable' | t) }}</td>
                    <td data-testid="family-access-unit">{{ unitOf(entry) }}</td>
                    <td>{{ what(entry) }}</td>
                    <td data-testid="family-access-basis">{{ basisLabel(entry.basis) | t }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      </section>

      @let open = confirming();
      <st-case-dialog
        dialogId="family-consent-dialog"
        [heading]="open ? (dialogTexts(open.kind).heading | t) : ''"
        [open]="open !== null"
        (dismissed)="confirming.set(null)"
      >
        @if (open) {
          <p data-testid="family-dialog-body">{{ dialogTexts(open.kind).body | t }}</p>
          <dl class="facts">
            <dt>{{ 'consent.services' | t }}</dt>
            <dd>{{ serviceNames(open.consent) }}</dd>
            <dt>{{ 'consent.categories' | t }}</dt>
            <dd>{{ categoryNames(open.consent.categories) }}</dd>
            <dt>{{ 'consent.period' | t }}</dt>
            <dd>
              {{ 'consent.until' | t }} <time [attr.datetime]="open.consent.validTo">{{ open.consent.validTo | localDate }}</time>
            </dd>
          </dl>
          @if (dialogProblem(); as problem) {
            <p class="problem" role="alert" data-testid="family-dialog-problem">{{ problem | t }}</p>
          }
          <div class="actions">
            <button type="button" class="primary" data-testid="family-confirm" [disabled]="busy()" (click)="answer(open)">
              {{ (busy() ? 'common.saving' : dialogTexts(open.kind).confirm) | t }}
            </button>
            <button type="button" class="secondary" data-testid="family-cancel" (click)="confirming.set(null)">
              {{ 'common.cancel' | t }}
            </button>
          </div>
        }
      </st-case-dialog>
    }
  `,
  styles: `
    :host {
      display: block;
      max-width: 60rem;
    }
    section {
      margin-top: 2rem;
      padding-top: 0.5rem;
      border-top: 1px solid #c6c6c6;
    }
    .lead {
      font-size: 1.125rem;
    }
    .items {
      display: grid;
      gap: 0.5rem;
      margin: 0.5rem 0;
    }
    .items > li {
      padding: 0.5rem 0.75rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-radius: 0.25rem;
    }
    .meta {
      margin: 0;
      color: #454545;
      font-size: 0.925rem;
    }
    .text {
      margin: 0.25rem 0 0;
      white-space: pre-line;
    }
    .actions {
      margin: 0.75rem 0;
    }
    .scroll {
      overflow-x: auto;
    }
    details {
      margin-top: 1rem;
    }
    st-badge {
      margin-left: 0.25rem;
    }
  `,
})
export class FamilyCasePage {
  private readonly casesApi = inject(CasesApi);
  private readonly consentsApi = inject(ConsentsApi);
  private readonly accessLogApi = inject(CaseAccessLogApi);
  private readonly i18n = inject(I18n);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** From the route (`family/cases/:id`), bound by the router. */
  readonly id = input.required<string>();

  protected readonly record = signal<Remote<CaseResponse>>({ kind: 'loading' });
  protected readonly consents = signal<Remote<ConsentResponse[]>>({ kind: 'loading' });
  protected readonly accessLog = signal<Remote<AccessLogEntryResponse[]>>({ kind: 'loading' });
  protected readonly confirming = signal<Confirming | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly dialogProblem = signal<MessageKey | null>(null);

  protected readonly childName = childName;
  protected readonly familyLevelLabel = familyLevelLabel;
  protected readonly logKindLabel = logKindLabel;
  protected readonly basisLabel = basisLabel;
  protected readonly dialogTexts = (kind: Answer) => DIALOG[kind];

  protected readonly team = computed(() => {
    const state = this.record();
    return state.kind === 'ready' ? state.value.participants.filter((p) => p.active) : [];
  });
  private readonly list = computed(() => {
    const state = this.consents();
    return state.kind === 'ready' ? state.value : [];
  });
  /** What the family has been asked to give, or has given: a draft not yet sent is the coordinator's. */
  protected readonly current = computed(() => this.list().filter((c) => c.status !== 'draft' && c.status !== 'superseded'));
  protected readonly earlier = computed(() => this.list().filter((c) => c.status === 'superseded'));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.record.set({ kind: 'loading' });
        this.consents.set({ kind: 'loading' });
        this.accessLog.set({ kind: 'loading' });
        this.notice.set(null);
        this.loadCase(id);
        this.loadConsents(id);
        this.load(this.accessLogApi.list(id), this.accessLog);
      });
    });
  }

  protected confirm(kind: Answer, consent: ConsentResponse): void {
    this.dialogProblem.set(null);
    this.notice.set(null);
    this.confirming.set({ kind, consent });
  }

  /** Sends the confirmed answer; the other services lose access at once on a withdrawal. */
  protected answer({ kind, consent }: Confirming): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.dialogProblem.set(null);
    const sent =
      kind === 'sign'
        ? this.consentsApi.sign(consent)
        : kind === 'decline'
          ? this.consentsApi.decline(consent)
          : this.consentsApi.withdraw(consent);
    sent.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (answered) => {
        this.busy.set(false);
        this.confirming.set(null);
        this.consents.set({ kind: 'ready', value: this.list().map((c) => (c.id === answered.id ? answered : c)) });
        this.notice.set({ key: this.outcome(kind, answered), tone: 'status' });
        this.focusNotice();
        // The log says so, and a version the answer replaced is now superseded.
        this.loadCase(this.id());
        this.loadConsents(this.id());
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const status = error instanceof HttpErrorResponse ? error.status : 0;
        if (status === 401 || status === 404) {
          this.confirming.set(null);
          this.record.set({ kind: 'unavailable' });
        } else if (status === 0 || status >= 500) {
          this.dialogProblem.set('familyCase.actionFailed');
        } else {
          // Refused (someone else answered first, it expired, …): show the consent as it is now.
          this.confirming.set(null);
          this.notice.set({ key: 'familyCase.actionRefused', tone: 'alert' });
          this.focusNotice();
          this.loadConsents(this.id());
        }
      },
    });
  }

  protected serviceNames(consent: ConsentResponse): string {
    return consent.services.map((s) => s.name).join(', ');
  }

  protected categoryNames(categories: readonly InformationCategory[]): string {
    return categories.map((c) => this.i18n.t(categoryLabel(c))).join(', ');
  }

  protected unitOf(entry: AccessLogEntryResponse): string {
    const parts = [entry.unitName, entry.serviceName ? `(${entry.serviceName})` : null].filter(Boolean);
    return parts.length > 0 ? parts.join(' ') : this.i18n.t('common.notAvailable');
  }

  protected what(entry: AccessLogEntryResponse): string {
    return accessWhat(entry, (key) => this.i18n.t(key));
  }

  private outcome(kind: Answer, answered: ConsentResponse): MessageKey {
    if (kind === 'withdraw') return 'familyCase.withdrawn';
    if (kind === 'decline') return 'familyCase.declined';
    return answered.status === 'active' ? 'familyCase.signedActive' : 'familyCase.signedWaiting';
  }

  /** The confirmation takes the keyboard: the button that opened the dialog is gone once the answer is given. */
  private focusNotice(): void {
    afterNextRender(
      () => setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="family-consent-notice"]')?.focus()),
      { injector: this.injector },
    );
  }

  private loadCase(id: string): void {
    this.casesApi
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ record }) => this.record.set({ kind: 'ready', value: record }),
        error: (error: unknown) => this.record.set(remoteFailure(error)),
      });
  }

  private loadConsents(id: string): void {
    this.load(this.consentsApi.list(id), this.consents);
  }

  private load<T>(source: Observable<T>, target: WritableSignal<Remote<T>>): void {
    source.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => target.set({ kind: 'ready', value }),
      error: (error: unknown) => target.set(remoteFailure(error)),
    });
  }
}
