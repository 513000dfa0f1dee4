import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { WISH_SOURCES } from '@stafett/domain';
import type { WishSource } from '@stafett/domain';
import { Badge, Callout, FieldError, RadioGroupField, TextAreaField } from '@stafett/ui';
import { CasesApi } from '@stafett/web-data-access';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { CaseDialog, CaseForm, CaseNoticeView, ServerProblems, requiredText } from './case-form';
import { CaseStore } from './case.store';
import { wishSourceLabel } from './case-texts';

/** Candidates for the baton other than the coordinator, loaded once the form needs them. */
function otherCandidates(store: CaseStore) {
  return computed(() => {
    const candidates = store.candidates();
    const coordinator = store.record()?.coordinator.userId;
    return candidates?.kind === 'ready' ? candidates.value.filter((c) => c.userId !== coordinator) : [];
  });
}

type TransferField = 'toUserId' | 'note';

/** The coordinator asks someone in the team to take over the baton; it passes only when they accept. */
@Component({
  selector: 'st-case-transfer-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, CaseNoticeView, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="transfer-form">
      <st-case-notice place="transfer-dialog" />
      <p class="hint">{{ 'caseBaton.transferIntro' | t }}</p>
      <fieldset [id]="ids.toUserId" [attr.aria-describedby]="describedBy('toUserId')">
        <legend>{{ 'caseBaton.transferTo' | t }}</legend>
        @let state = store.candidates();
        @if (state === null || state.kind === 'loading') {
          <p role="status">{{ 'common.loading' | t }}</p>
        } @else if (state.kind !== 'ready') {
          <p role="alert">{{ 'common.loadFailed' | t }}</p>
        } @else if (candidates().length === 0) {
          <p data-testid="no-candidates">{{ 'caseBaton.noCandidates' | t }}</p>
        } @else {
          <ul class="choices" data-testid="transfer-candidates">
            @for (candidate of candidates(); track candidate.userId) {
              <li class="choice">
                <input
                  type="radio"
                  formControlName="toUserId"
                  [value]="candidate.userId"
                  [id]="'transfer-to-' + candidate.userId"
                  [attr.aria-invalid]="invalid('toUserId')"
                />
                <label [for]="'transfer-to-' + candidate.userId">{{ candidate.displayName }} – {{ candidate.unitName }}</label>
              </li>
            }
          </ul>
        }
        <st-field-error [fieldId]="ids.toUserId" [messages]="errors('toUserId')" />
      </fieldset>
      <st-text-area-field
        [fieldId]="ids.note"
        testId="transfer-note"
        [control]="form.controls.note"
        [label]="'caseBaton.note' | t"
        [optional]="'form.optional' | t"
        [messages]="errors('note')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="transfer-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseBaton.transferSubmit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class TransferForm extends CaseForm<TransferField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly finished = output<void>();

  protected readonly command = 'transfer' as const;
  protected readonly ids: Record<TransferField, string> = { toUserId: 'transfer-to', note: 'transfer-note' };
  protected readonly messages: Partial<Record<TransferField, Record<string, MessageKey>>> = {
    toUserId: { required: 'caseBaton.error.toUserId' },
    note: { maxlength: 'form.error.tooLong' },
  };
  protected override readonly serverMessages: Partial<Record<TransferField, MessageKey>> = { toUserId: 'caseBaton.error.toUserIdRefused' };
  protected override route(path: string): TransferField | null {
    return path === 'transfer' || path === 'consent' ? 'toUserId' : super.route(path);
  }
  protected readonly candidates = otherCandidates(this.store);
  protected readonly form = this.fb.group({ toUserId: ['', requiredText], note: ['', Validators.maxLength(2000)] });

  constructor() {
    super();
    this.store.loadCandidates();
  }

  protected send(): void {
    const value = this.form.getRawValue();
    const request = { toUserId: value.toUserId, ...(value.note.trim() ? { note: value.note.trim() } : {}) };
    this.run({
      section: 'baton',
      form: 'transfer-dialog',
      saved: 'caseBaton.transferSent',
      send: (id, etag) => this.api.requestTransfer(id, request, etag),
      done: () => this.finished.emit(),
    });
  }
}

/** The person asked declines, saying why. */
@Component({
  selector: 'st-case-decline-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="decline-form">
      <st-text-area-field
        [fieldId]="ids.reason"
        testId="decline-reason"
        [control]="form.controls.reason"
        [label]="'caseBaton.declineReason' | t"
        [messages]="errors('reason')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="decline-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseBaton.declineSubmit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class DeclineForm extends CaseForm<'reason'> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly finished = output<void>();

  protected readonly command = 'decline' as const;
  protected readonly ids = { reason: 'decline-reason' };
  protected readonly messages = { reason: { required: 'caseBaton.error.declineReason' } as Record<string, MessageKey> };
  protected readonly form = this.fb.group({ reason: ['', [requiredText, Validators.maxLength(2000)]] });

  protected send(): void {
    const transfer = this.store.record()?.pendingTransfer;
    if (!transfer) return;
    const reason = this.form.getRawValue().reason.trim();
    this.run({
      section: 'baton',
      saved: 'caseBaton.declined',
      send: (id, etag) => this.api.declineTransfer(id, transfer.id, { reason }, etag),
      done: () => this.finished.emit(),
    });
  }
}

type ReassignField = 'reason' | 'toUserId';

/** A leader of the coordinator's unit takes the baton of an inactive coordinator, and may ask someone else to take it on. */
@Component({
  selector: 'st-case-reassign-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="reassign-form">
      <st-text-area-field
        [fieldId]="ids.reason"
        testId="reassign-reason"
        [control]="form.controls.reason"
        [label]="'caseBaton.reassignReason' | t"
        [messages]="errors('reason')"
      />
      <div class="field">
        <label [for]="ids.toUserId"
          >{{ 'caseBaton.reassignTo' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <p class="hint" [id]="ids.toUserId + '-hint'">{{ 'caseBaton.reassignToHint' | t }}</p>
        <select
          [id]="ids.toUserId"
          data-testid="reassign-to"
          formControlName="toUserId"
          [attr.aria-invalid]="invalid('toUserId')"
          [attr.aria-describedby]="describedBy('toUserId', true)"
        >
          <option value="">{{ 'caseBaton.reassignKeep' | t }}</option>
          @for (candidate of candidates(); track candidate.userId) {
            <option [value]="candidate.userId">{{ candidate.displayName }} – {{ candidate.unitName }}</option>
          }
        </select>
        <st-field-error [fieldId]="ids.toUserId" [messages]="errors('toUserId')" />
      </div>
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="reassign-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseBaton.reassignSubmit') | t }}
        </button>
      </div>
    </form>
  `,
})
export class ReassignForm extends CaseForm<ReassignField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly command = 'reassign' as const;
  protected readonly ids: Record<ReassignField, string> = { reason: 'reassign-reason', toUserId: 'reassign-to' };
  protected readonly messages: Partial<Record<ReassignField, Record<string, MessageKey>>> = {
    reason: { required: 'caseBaton.error.reassignReason' },
  };
  protected override readonly serverMessages: Partial<Record<ReassignField, MessageKey>> = { toUserId: 'caseBaton.error.toUserIdRefused' };
  protected readonly candidates = otherCandidates(this.store);
  protected readonly form = this.fb.group({ reason: ['', [requiredText, Validators.maxLength(2000)]], toUserId: [''] });

  constructor() {
    super();
    this.store.loadCandidates();
  }

  protected send(): void {
    const value = this.form.getRawValue();
    const request = { reason: value.reason.trim(), ...(value.toUserId ? { toUserId: value.toUserId } : {}) };
    this.run({
      section: 'baton',
      saved: 'caseBaton.reassigned',
      send: (id, etag) => this.api.reassign(id, request, etag),
      done: () => this.form.reset(),
    });
  }
}

type WishField = 'source' | 'wish' | 'proposedUserId';

/** What the guardians or the child wish for the coordinator (or object to), recorded as said. */
@Component({
  selector: 'st-case-wish-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, TextAreaField, RadioGroupField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="wish-form">
      <st-radio-group-field
        [fieldId]="ids.source"
        [legend]="'caseBaton.wishSource' | t"
        [control]="form.controls.source"
        [options]="choices(sources, wishSourceLabel)"
        [optionIdPrefix]="'wish-source-'"
        [messages]="errors('source')"
      />
      <st-text-area-field
        [fieldId]="ids.wish"
        testId="wish-text"
        [control]="form.controls.wish"
        [label]="'caseBaton.wish' | t"
        [hint]="'caseBaton.wishHint' | t"
        [messages]="errors('wish')"
      />
      <div class="field">
        <label [for]="ids.proposedUserId"
          >{{ 'caseBaton.wishProposed' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <select
          [id]="ids.proposedUserId"
          data-testid="wish-proposed"
          formControlName="proposedUserId"
          [attr.aria-invalid]="invalid('proposedUserId')"
          [attr.aria-describedby]="describedBy('proposedUserId')"
        >
          <option value="">{{ 'caseBaton.wishNobody' | t }}</option>
          @for (candidate of candidates(); track candidate.userId) {
            <option [value]="candidate.userId">{{ candidate.displayName }} – {{ candidate.unitName }}</option>
          }
        </select>
        <st-field-error [fieldId]="ids.proposedUserId" [messages]="errors('proposedUserId')" />
      </div>
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="wish-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseBaton.wishSubmit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class WishForm extends CaseForm<WishField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly finished = output<void>();

  protected readonly command = 'wish' as const;
  protected readonly ids: Record<WishField, string> = { source: 'wish-source', wish: 'wish-text', proposedUserId: 'wish-proposed' };
  protected readonly messages: Partial<Record<WishField, Record<string, MessageKey>>> = {
    source: { required: 'caseBaton.error.wishSource' },
    wish: { required: 'caseBaton.error.wish', maxlength: 'form.error.tooLong' },
  };
  protected readonly sources = WISH_SOURCES;
  protected readonly wishSourceLabel = wishSourceLabel;
  /** Anyone in the team may be proposed, the coordinator too. */
  protected readonly candidates = computed(() => {
    const state = this.store.candidates();
    return state?.kind === 'ready' ? state.value : [];
  });
  protected readonly form = this.fb.group({
    source: this.fb.control<WishSource | ''>('', Validators.required),
    wish: ['', [requiredText, Validators.maxLength(2000)]],
    proposedUserId: [''],
  });

  constructor() {
    super();
    this.store.loadCandidates();
  }

  protected send(): void {
    const value = this.form.getRawValue();
    if (!value.source) return;
    const request = {
      source: value.source,
      wish: value.wish.trim(),
      ...(value.proposedUserId ? { proposedUserId: value.proposedUserId } : {}),
    };
    this.run({
      section: 'baton',
      saved: 'caseBaton.wishSaved',
      send: (id) => this.api.recordCoordinatorWish(id, request),
      done: () => this.finished.emit(),
    });
  }
}

/**
 * The baton: who holds it (and whether they still can), a transfer waiting for an answer, and
 * the actions of the coordinator, of the person asked and of a leader re-assigning.
 */
@Component({
  selector: 'st-case-baton',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, Badge, Callout, CaseDialog, CaseNoticeView, TransferForm, DeclineForm, ReassignForm, WishForm],
  template: `
    @if (store.record(); as record) {
      <section aria-labelledby="case-baton-heading" data-testid="case-baton">
        <h2 id="case-baton-heading">{{ 'caseBaton.heading' | t }}</h2>
        <st-case-notice place="baton" />
        <dl class="facts">
          <dt>{{ 'caseBaton.coordinator' | t }}</dt>
          <dd data-testid="case-coordinator">
            {{ record.coordinator.displayName }} – {{ record.coordinator.unitName }}
            @if (record.permissions.isCoordinator) {
              <st-badge tone="success" data-testid="you-coordinate">{{ 'caseBaton.you' | t }}</st-badge>
            }
            @if (!record.coordinator.active) {
              <st-badge tone="warning" data-testid="coordinator-inactive">{{ 'caseBaton.inactive' | t }}</st-badge>
            }
          </dd>
          <dt>{{ 'caseBaton.since' | t }}</dt>
          <dd>
            <time [attr.datetime]="record.coordinator.since">{{ record.coordinator.since | localDate }}</time>
          </dd>
        </dl>
        @if (!record.coordinator.active && record.status === 'open') {
          <st-callout tone="warning" data-testid="coordinator-inactive-hint">{{
            (record.coordinator.inactiveReason === 'no_access' ? 'caseBaton.noAccessHint' : 'caseBaton.inactiveHint') | t
          }}</st-callout>
        }

        @if (record.pendingTransfer; as transfer) {
          <div class="panel" data-testid="pending-transfer">
            <h3>{{ 'caseBaton.pendingHeading' | t }}</h3>
            <p>
              {{ 'caseBaton.pendingText' | t }} <strong>{{ transfer.to.displayName }}</strong> ({{ transfer.to.unitName }}),
              <time [attr.datetime]="transfer.requestedAt">{{ transfer.requestedAt | localDate: 'dateTime' }}</time>.
              {{ 'caseBaton.pendingFrom' | t }} {{ transfer.from.displayName }}.
            </p>
            @if (transfer.note) {
              <p>
                <strong>{{ 'caseBaton.note' | t }}:</strong> {{ transfer.note }}
              </p>
            }
            @if (store.isOpen() && record.permissions.canAnswerTransfer) {
              <p data-testid="asked-you">{{ 'caseBaton.askedYou' | t }}</p>
              @if (declining()) {
                <st-case-decline-form (finished)="declining.set(false)" />
              } @else {
                <div class="actions">
                  <button type="button" class="primary" data-testid="accept-transfer" [disabled]="store.anyBusy()" (click)="accept()">
                    {{ 'caseBaton.accept' | t }}
                  </button>
                  <button type="button" class="secondary" data-testid="decline-transfer" (click)="startDeclining()">
                    {{ 'caseBaton.decline' | t }}
                  </button>
                </div>
              }
            } @else if (store.canCoordinate()) {
              <div class="actions">
                <button type="button" class="secondary" data-testid="cancel-transfer" [disabled]="store.anyBusy()" (click)="cancel()">
                  {{ 'caseBaton.cancel' | t }}
                </button>
              </div>
            }
          </div>
        } @else if (store.canCoordinate()) {
          <div class="actions">
            <button type="button" class="primary" data-testid="ask-transfer" (click)="dialog.set(true)">
              {{ 'caseBaton.ask' | t }}
            </button>
          </div>
        }

        @if (store.isOpen() && record.permissions.canReassign) {
          <div class="panel" data-testid="reassign">
            <h3>{{ 'caseBaton.reassignHeading' | t }}</h3>
            <p class="hint">{{ 'caseBaton.reassignIntro' | t }}</p>
            <st-case-reassign-form />
          </div>
        }

        <h3 id="case-wishes-heading">{{ 'caseBaton.wishesHeading' | t }}</h3>
        @if (record.coordinatorWishes.length === 0) {
          <p data-testid="no-wishes">{{ 'caseBaton.noWishes' | t }}</p>
        } @else {
          <ul class="plain items" aria-labelledby="case-wishes-heading" data-testid="wishes">
            @for (wish of record.coordinatorWishes; track wish.id) {
              <li data-testid="wish-item">
                <strong>{{ wishSourceLabel(wish.source) | t }}:</strong> {{ wish.wish }}
                @if (wish.proposed) {
                  ({{ 'caseBaton.wishProposed' | t }}: {{ wish.proposed.displayName }})
                }
                <span class="meta">
                  {{ wish.recordedBy.displayName }},
                  <time [attr.datetime]="wish.recordedAt">{{ wish.recordedAt | localDate: 'dateTime' }}</time>
                </span>
              </li>
            }
          </ul>
        }
        @if (store.canContribute()) {
          @if (wishing()) {
            <st-case-wish-form (finished)="wishing.set(false)" />
          } @else {
            <div class="actions">
              <button type="button" class="secondary" data-testid="add-wish" (click)="startWishing()">
                {{ 'caseBaton.wishOpen' | t }}
              </button>
            </div>
          }
        }
      </section>

      <st-case-dialog dialogId="transfer-dialog" [heading]="i18n.t('caseBaton.ask')" [open]="dialog()" (dismissed)="dialog.set(false)">
        @if (dialog()) {
          <st-case-transfer-form (finished)="dialog.set(false)" />
        }
      </st-case-dialog>
    }
  `,
})
export class CaseBatonSection {
  protected readonly store = inject(CaseStore);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(CasesApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly dialog = signal(false);
  protected readonly declining = signal(false);
  protected readonly wishing = signal(false);
  protected readonly wishSourceLabel = wishSourceLabel;

  protected accept(): void {
    const transfer = this.store.record()?.pendingTransfer;
    if (!transfer) return;
    this.store.run({
      command: 'accept',
      section: 'baton',
      saved: 'caseBaton.accepted',
      noFields: true,
      send: (id, etag) => this.api.acceptTransfer(id, transfer.id, etag),
    });
  }

  protected cancel(): void {
    const transfer = this.store.record()?.pendingTransfer;
    if (!transfer) return;
    this.store.run({
      command: 'cancelTransfer',
      section: 'baton',
      saved: 'caseBaton.cancelled',
      noFields: true,
      send: (id, etag) => this.api.cancelTransfer(id, transfer.id, etag),
    });
  }

  protected startDeclining(): void {
    this.declining.set(true);
    this.focus('[data-testid="decline-reason"]');
  }

  protected startWishing(): void {
    this.wishing.set(true);
    this.focus('#wish-source-guardians');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
