import { Location } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { subject } from '@stafett/domain';
import { Badge, Callout } from '@stafett/ui';
import { DiscussionsApi, SessionStore, fieldErrorsOf } from '@stafett/web-data-access';
import type { AgeBand, DiscussionResponse, FieldErrors } from '@stafett/web-data-access';
import type { Observable } from 'rxjs';
import { Remote, remoteFailure } from '../core/http/remote';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { DiscussionAdviceForm } from './discussion-advice-form';
import { ageBandText, categoryLabel, discussionStatusLabel } from './discussion-texts';

type Notice = { key: MessageKey; tone: 'alert' | 'status' };

/** What the register form leaves in the history entry it navigates to: the server's estimate, given only once. */
interface CreatedState {
  estimatedMatchingChildren?: number | null;
}

/**
 * One anonymous discussion: the question, the advice given, a form to advise (the author and staff of
 * invited units, while it is open) and, for the author, closing it. The server decides every change again.
 */
@Component({
  selector: 'st-discussion-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, LocalDatePipe, Badge, Callout, DiscussionAdviceForm],
  template: `
    <p>
      <a routerLink="/discussions">{{ 'discussion.back' | t }}</a>
    </p>
    @let state = remote();
    @if (state.kind === 'loading') {
      <h1 data-testid="discussion-heading">{{ 'discussion.heading' | t }}</h1>
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <h1 data-testid="discussion-heading">{{ 'discussion.heading' | t }}</h1>
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <h1 data-testid="discussion-heading">{{ 'discussion.heading' | t }}</h1>
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else {
      @let discussion = state.value;
      <h1 data-testid="discussion-heading">{{ 'discussion.heading' | t }}: {{ discussion.topic }}</h1>

      @if (notice(); as notice) {
        <p [class]="notice.tone === 'alert' ? 'problem' : 'success'" [attr.role]="notice.tone" data-testid="discussion-notice">
          {{ notice.key | t }}
        </p>
      }

      <p class="status">
        <strong>{{ 'discussions.status' | t }}:</strong>
        <st-badge
          [tone]="discussion.status === 'open' ? 'success' : 'neutral'"
          data-testid="discussion-status"
          [attr.data-status]="discussion.status"
        >
          {{ statusLabel(discussion.status) | t }}
        </st-badge>
      </p>

      @if (discussion.identifiabilityWarning) {
        <st-callout tone="warning" data-testid="identifiability-warning">
          <p>{{ 'discussion.warning' | t }}</p>
          @if (estimate() !== null) {
            <p>
              {{ 'discussion.warningEstimate' | t }} <strong data-testid="identifiability-estimate">{{ estimate() }}</strong>
            </p>
          }
        </st-callout>
      }

      <section aria-labelledby="discussion-facts-heading">
        <h2 id="discussion-facts-heading">{{ 'discussion.facts' | t }}</h2>
        <dl class="facts" data-testid="discussion-facts">
          <dt>{{ 'discussion.author' | t }}</dt>
          <dd>{{ discussion.authorDisplayName }}, {{ discussion.authorUnitName }}</dd>
          <dt>{{ 'discussion.createdAt' | t }}</dt>
          <dd>{{ discussion.createdAt | localDate }}</dd>
          <dt>{{ 'discussion.description' | t }}</dt>
          <dd data-testid="discussion-description-text">{{ discussion.description }}</dd>
          <dt>{{ 'discussion.ageBand' | t }}</dt>
          <dd>{{ discussion.ageBand ? ageBand(discussion.ageBand) : ('common.notAvailable' | t) }}</dd>
          <dt>{{ 'discussion.categories' | t }}</dt>
          <dd>{{ categoryNames(discussion) || ('common.notAvailable' | t) }}</dd>
          <dt>{{ 'discussion.invited' | t }}</dt>
          <dd data-testid="discussion-invited-units">{{ unitNames(discussion) }}</dd>
          @if (discussion.linkedConcernId; as concernId) {
            <dt>{{ 'discussion.linkedConcern' | t }}</dt>
            <dd>
              <a [routerLink]="['/concerns', concernId]" data-testid="discussion-linked-concern">{{ 'discussion.openConcern' | t }}</a>
            </dd>
          }
        </dl>
      </section>

      <section aria-labelledby="discussion-advice-heading">
        <h2 id="discussion-advice-heading">{{ 'discussion.adviceHeading' | t }}</h2>
        @if (discussion.advice.length === 0) {
          <p data-testid="discussion-no-advice">{{ 'discussion.noAdvice' | t }}</p>
        } @else {
          <ol class="advice" aria-labelledby="discussion-advice-heading">
            @for (advice of discussion.advice; track advice.id) {
              <li data-testid="advice-item">
                <p class="byline">
                  <strong>{{ advice.authorDisplayName }}</strong>, {{ advice.unitName }} –
                  <time [attr.datetime]="advice.createdAt">{{ advice.createdAt | localDate: 'dateTime' }}</time>
                </p>
                <p class="text">{{ advice.text }}</p>
              </li>
            }
          </ol>
        }
        @if (canAdvise()) {
          <st-discussion-advice-form
            [busy]="busy() === 'advice'"
            [serverFieldErrors]="adviceErrors()"
            [savedCount]="adviceSaved()"
            (advise)="advise($event)"
          />
        }
      </section>

      @if (canClose()) {
        <section aria-labelledby="discussion-close-heading">
          <h2 id="discussion-close-heading">{{ 'discussion.close' | t }}</h2>
          <p id="discussion-close-hint">{{ 'discussion.closeHint' | t }}</p>
          <button
            type="button"
            class="primary"
            data-testid="discussion-close"
            aria-describedby="discussion-close-hint"
            [disabled]="busy() !== null"
            (click)="close()"
          >
            {{ (busy() === 'close' ? 'discussion.closing' : 'discussion.close') | t }}
          </button>
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
    st-callout {
      margin-top: 1rem;
    }
    .advice {
      list-style: none;
      padding: 0;
      margin: 0 0 1.5rem;
      display: grid;
      gap: 0.75rem;
    }
    .advice li {
      padding: 0.75rem 1rem;
      background: #fff;
      border: 1px solid #c6c6c6;
      border-radius: 0.25rem;
    }
    .byline {
      margin: 0 0 0.25rem;
      color: #454545;
    }
    .text {
      margin: 0;
      white-space: pre-line;
    }
  `,
})
export class DiscussionPage {
  private readonly api = inject(DiscussionsApi);
  private readonly i18n = inject(I18n);
  private readonly session = inject(SessionStore);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route (`discussions/:id`), bound by the router. */
  readonly id = input.required<string>();

  protected readonly remote = signal<Remote<DiscussionResponse>>({ kind: 'loading' });
  protected readonly notice = signal<Notice | null>(null);
  protected readonly busy = signal<'advice' | 'close' | null>(null);
  protected readonly adviceErrors = signal<FieldErrors | null>(null);
  protected readonly adviceSaved = signal(0);
  /** The server said 403 to a change: readable, not for taking part (a colleague in the author's unit). */
  private readonly forbidden = signal(false);
  /** The server's estimate, when this page was opened right after starting the discussion. */
  protected readonly estimate = signal<number | null>(
    ((inject(Location).getState() ?? {}) as CreatedState).estimatedMatchingChildren ?? null,
  );

  protected readonly statusLabel = discussionStatusLabel;

  /** The author and staff of an invited unit advise while it is open, as the AnonymousDiscussion rules say. */
  protected readonly canAdvise = computed(() => {
    const state = this.remote();
    const user = this.session.session()?.user;
    if (state.kind !== 'ready' || !user || this.forbidden() || state.value.status !== 'open') return false;
    const discussion = state.value;
    return this.session.ability().can(
      'update',
      subject('AnonymousDiscussion', {
        municipalityId: user.municipalityId,
        authorUserId: discussion.isAuthor ? user.id : '',
        // The rules for taking part read the author and the invited units; the author's unit only decides reading.
        authorUnitId: '',
        invitedUnitIds: discussion.invitedUnits.map((u) => u.id),
      }),
    );
  });

  /** Only the author closes, while it is open. */
  protected readonly canClose = computed(() => {
    const state = this.remote();
    return state.kind === 'ready' && state.value.isAuthor && state.value.status === 'open' && !this.forbidden();
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

  protected ageBand(band: AgeBand): string {
    return ageBandText(band, this.i18n.t('discussion.years'));
  }

  protected categoryNames(discussion: DiscussionResponse): string {
    return discussion.categories.map((c) => this.i18n.t(categoryLabel(c))).join(', ');
  }

  protected unitNames(discussion: DiscussionResponse): string {
    return discussion.invitedUnits.map((u) => u.name).join(', ');
  }

  protected advise(text: string): void {
    this.write('advice', (discussion) => this.api.addAdvice(discussion.id, text), 'advice.saved');
  }

  protected close(): void {
    this.write('close', (discussion) => this.api.close(discussion), 'discussion.closed');
  }

  private write(
    kind: 'advice' | 'close',
    send: (discussion: DiscussionResponse) => Observable<DiscussionResponse>,
    saved: MessageKey,
  ): void {
    const state = this.remote();
    if (state.kind !== 'ready' || this.busy()) return;
    this.busy.set(kind);
    this.notice.set(null);
    this.adviceErrors.set(null);
    send(state.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => {
          this.busy.set(null);
          this.remote.set({ kind: 'ready', value });
          this.notice.set({ key: saved, tone: 'status' });
          if (kind === 'advice') this.adviceSaved.update((n) => n + 1);
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.onWriteError(error);
        },
      });
  }

  private onWriteError(error: unknown): void {
    const fields = fieldErrorsOf(error);
    if (fields) {
      this.adviceErrors.set(fields);
      return;
    }
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    if (status === 409 || status === 412) {
      this.notice.set({ key: status === 409 ? 'discussion.alreadyClosed' : 'discussion.stale', tone: 'alert' });
      this.load(this.id());
    } else if (status === 403) {
      this.forbidden.set(true);
      this.notice.set({ key: 'discussion.notAllowed', tone: 'alert' });
    } else if (status === 401 || status === 404) {
      this.remote.set({ kind: 'unavailable' });
    } else {
      this.notice.set({ key: 'discussion.saveFailed', tone: 'alert' });
    }
  }

  /** Reads the discussion; a reload keeps showing the current version until the new one has arrived. */
  private load(id: string): void {
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.remote.set({ kind: 'ready', value }),
        error: (error: unknown) => this.remote.set(remoteFailure(error)),
      });
  }
}
