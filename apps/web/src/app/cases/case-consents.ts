import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import type { ConsentResponse } from '@stafett/domain';
import { Badge, Callout } from '@stafett/ui';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { consentCoverage } from '../consents/consent-texts';
import { ConsentView } from '../consents/consent-view';
import { ConsentAnswerForm, ConsentForm, ConsentSubmitForm, ConsentWithdrawalForm } from './case-consent-forms';
import { CaseDialog, CaseNoticeView } from './case-form';
import { CaseStore } from './case.store';

type Dialog = { kind: 'ask' } | { kind: 'submit' | 'answer' | 'withdraw'; consent: ConsentResponse } | null;

/**
 * Consent on the staff's case page: whether the taking-part services are covered and what is
 * missing, every version in full with each signer's answer, and the coordinator's work — asking
 * for consent, sending it, recording an oral or paper answer or a withdrawal given that way.
 * What a user may do on a version comes from its `permissions`; the server decides again.
 */
@Component({
  selector: 'st-case-consents',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslatePipe,
    LocalDatePipe,
    Badge,
    Callout,
    ConsentView,
    CaseDialog,
    CaseNoticeView,
    ConsentForm,
    ConsentSubmitForm,
    ConsentAnswerForm,
    ConsentWithdrawalForm,
  ],
  template: `
    @if (store.record(); as record) {
      <section aria-labelledby="case-consents-heading" data-testid="case-consents">
        <h2 id="case-consents-heading" tabindex="-1">{{ 'caseConsent.heading' | t }}</h2>
        <p class="hint">{{ 'caseConsent.intro' | t }}</p>
        <st-case-notice place="consents" />
        @let consents = store.consents();
        @if (consents.kind === 'loading') {
          <p role="status">{{ 'common.loading' | t }}</p>
        } @else if (consents.kind !== 'ready') {
          <p role="alert">{{ 'caseConsent.loadFailed' | t }}</p>
        } @else {
          @let cover = coverage();
          <div class="coverage" data-testid="consent-coverage">
            @if (cover.active; as active) {
              <p data-testid="consent-active">
                <st-badge tone="success">{{ 'consent.status.active' | t }}</st-badge>
                {{ 'caseConsent.activeUntil' | t }}
                <time [attr.datetime]="active.validTo">{{ active.validTo | localDate }}</time>
                ({{ 'consent.daysLeft' | t }}: {{ active.daysLeft }})
              </p>
            } @else {
              <p data-testid="consent-none">{{ 'caseConsent.none' | t }}</p>
            }
            @if (cover.missing.length > 0) {
              <st-callout tone="warning" data-testid="consent-missing">
                {{ 'caseConsent.missing' | t }} {{ names(cover.missing) }}
              </st-callout>
            } @else if (cover.others) {
              <p data-testid="consent-covered">{{ 'caseConsent.allCovered' | t }}</p>
            } @else {
              <p data-testid="consent-own-only">{{ 'caseConsent.ownOnly' | t }}</p>
            }
            @if (cover.mayJoin.length > 0) {
              <p data-testid="consent-may-join">{{ 'caseConsent.canJoin' | t }} {{ names(cover.mayJoin) }}</p>
            }
            @if (waitingFor(); as waiting) {
              <p data-testid="consent-waiting">{{ 'caseConsent.pending' | t }} {{ waiting }}</p>
            }
          </div>

          @if (store.canCoordinate()) {
            <div class="actions">
              <button type="button" class="primary" data-testid="consent-ask" (click)="dialog.set({ kind: 'ask' })">
                {{ (consents.value.length > 0 ? 'caseConsent.askNew' : 'caseConsent.ask') | t }}
              </button>
            </div>
          }

          @if (consents.value.length === 0) {
            <p data-testid="consents-empty">{{ 'caseConsent.empty' | t }}</p>
          } @else {
            <h3 id="case-consent-versions">{{ 'caseConsent.versions' | t }}</h3>
            <ul class="plain items" aria-labelledby="case-consent-versions" data-testid="consent-versions">
              @for (consent of consents.value; track consent.id) {
                <li data-testid="consent-item" [attr.data-status]="consent.status">
                  <st-consent-view [consent]="consent" />
                  @if (consent.permissions.canManage && store.isOpen()) {
                    <div class="actions">
                      @switch (consent.status) {
                        @case ('draft') {
                          <button
                            type="button"
                            class="primary"
                            data-testid="consent-submit"
                            (click)="dialog.set({ kind: 'submit', consent })"
                          >
                            {{ 'caseConsent.submit' | t }}
                          </button>
                        }
                        @case ('pending_signatures') {
                          <button
                            type="button"
                            class="secondary"
                            data-testid="consent-record-answer"
                            (click)="dialog.set({ kind: 'answer', consent })"
                          >
                            {{ 'caseConsent.recordAnswer' | t }}
                          </button>
                        }
                        @case ('active') {
                          <button
                            type="button"
                            class="secondary"
                            data-testid="consent-record-withdrawal"
                            (click)="dialog.set({ kind: 'withdraw', consent })"
                          >
                            {{ 'caseConsent.recordWithdrawal' | t }}
                          </button>
                        }
                      }
                    </div>
                  }
                </li>
              }
            </ul>
          }
        }
      </section>

      @let open = dialog();
      <st-case-dialog dialogId="consent-dialog" [heading]="dialogHeading()" [open]="open !== null" (dismissed)="dialog.set(null)">
        @if (open?.kind === 'ask') {
          <st-case-consent-form [previous]="latest()" (finished)="dialog.set(null)" />
        } @else if (open && open.kind === 'submit') {
          <st-case-consent-submit-form [consent]="open.consent" (finished)="dialog.set(null)" />
        } @else if (open && open.kind === 'answer') {
          <st-case-consent-answer-form [consent]="open.consent" (finished)="dialog.set(null)" />
        } @else if (open && open.kind === 'withdraw') {
          <st-case-consent-withdrawal-form [consent]="open.consent" (finished)="dialog.set(null)" />
        }
      </st-case-dialog>
    }
  `,
  styles: `
    .coverage p {
      margin: 0.5rem 0;
    }
    .coverage st-badge {
      margin-right: 0.5rem;
    }
  `,
})
export class CaseConsentsSection {
  protected readonly store = inject(CaseStore);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly dialog = signal<Dialog>(null);

  protected readonly coverage = computed(() => {
    const record = this.store.record();
    return record ? consentCoverage(record, this.store.consentList()) : { active: null, missing: [], others: false, mayJoin: [] };
  });
  /** The newest version, which a new one starts from. */
  protected readonly latest = computed(() => this.store.consentList()[0] ?? null);
  /** Who has not answered the consent waiting for signatures. */
  protected readonly waitingFor = computed(() => {
    const pending = this.store.consentList().find((c) => c.status === 'pending_signatures');
    const names = pending?.signers.filter((s) => !s.answer).map((s) => s.displayName) ?? [];
    return names.length > 0 ? names.join(', ') : null;
  });
  protected readonly dialogHeading = computed(() => {
    const open = this.dialog();
    const key =
      open?.kind === 'submit'
        ? 'caseConsent.submit'
        : open?.kind === 'answer'
          ? 'caseConsent.recordAnswer'
          : open?.kind === 'withdraw'
            ? 'caseConsent.recordWithdrawal'
            : 'caseConsent.ask';
    return this.i18n.t(key);
  });

  constructor() {
    // Another section (a refusal for want of consent) asks to bring this one into view.
    effect(() => {
      if (this.store.consentsFocus() === 0) return;
      untracked(() =>
        afterNextRender(
          // After the dialog that asked has closed and given focus back to what opened it.
          () =>
            setTimeout(() => {
              const heading = this.host.nativeElement.querySelector<HTMLElement>('#case-consents-heading');
              heading?.scrollIntoView?.({ block: 'start' });
              heading?.focus();
            }),
          { injector: this.injector },
        ),
      );
    });
  }

  protected names(services: ReadonlyArray<{ name: string }>): string {
    return services.map((s) => s.name).join(', ');
  }
}
