import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { ConsentResponse, ConsentSignerResponse, InformationCategory } from '@stafett/domain';
import { Badge } from '@stafett/ui';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { categoryLabel } from '../concerns/concern-texts';
import { consentStatusLabel, methodLabel } from './consent-texts';

/**
 * One consent in full, the same for staff and family: what (purpose, information), who (services,
 * exclusions), for how long, and each signer's answer — digital, or oral/paper marked as such with
 * the note and who recorded it.
 */
@Component({
  selector: 'st-consent-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, Badge],
  template: `
    @let c = consent();
    <p class="consent-head">
      <strong>{{ 'consent.version' | t }} {{ c.versionNo }}</strong>
      <st-badge
        [tone]="c.status === 'active' ? 'success' : c.status === 'pending_signatures' ? 'warning' : 'neutral'"
        data-testid="consent-status"
      >
        {{ statusLabel(c.status) | t }}
      </st-badge>
    </p>
    <dl class="facts">
      <dt>{{ 'consent.purpose' | t }}</dt>
      <dd data-testid="consent-purpose">{{ c.purpose }}</dd>
      <dt>{{ 'consent.categories' | t }}</dt>
      <dd data-testid="consent-categories">{{ categories(c.categories) }}</dd>
      <dt>{{ 'consent.services' | t }}</dt>
      <dd data-testid="consent-services">{{ serviceNames(c) }}</dd>
      @if (c.excludedUsers.length > 0) {
        <dt>{{ 'consent.excludedUsers' | t }}</dt>
        <dd data-testid="consent-excluded-users">{{ excludedNames(c) }}</dd>
      }
      @if (c.excludedCategories.length > 0) {
        <dt>{{ 'consent.excludedCategories' | t }}</dt>
        <dd data-testid="consent-excluded-categories">{{ categories(c.excludedCategories) }}</dd>
      }
      <dt>{{ 'consent.period' | t }}</dt>
      <dd data-testid="consent-period">
        <time [attr.datetime]="c.validFrom">{{ c.validFrom | localDate }}</time> {{ 'consent.until' | t }}
        <time [attr.datetime]="c.validTo">{{ c.validTo | localDate }}</time>
      </dd>
      @if (c.daysLeft !== null) {
        <dt>{{ 'consent.daysLeft' | t }}</dt>
        <dd data-testid="consent-days-left">{{ c.daysLeft }}</dd>
      }
      <dt>{{ 'consent.signers' | t }}</dt>
      <dd>
        @if (c.signers.length === 0) {
          {{ 'consent.noSigners' | t }}
        } @else {
          <ul class="plain signers" data-testid="consent-signers">
            @for (signer of c.signers; track signer.role + (signer.userId ?? '')) {
              <li data-testid="consent-signer" [attr.data-answer]="signer.answer?.decision ?? 'none'">
                <strong>{{ signer.displayName }}</strong>{{ signer.role === 'youth' ? ' (' + ('consent.youth' | t) + ')' : '' }}:
                @if (signer.answer; as answer) {
                  {{ answerText(answer) }},
                  <time [attr.datetime]="answer.answeredAt">{{ answer.answeredAt | localDate }}</time>
                  @if (answer.note) {
                    <span class="note" data-testid="consent-signer-note">{{ ' – ' + answer.note }}</span>
                  }
                } @else {
                  {{ 'consent.waiting' | t }}
                }
              </li>
            }
          </ul>
        }
      </dd>
      @if (c.singleSignatureReason) {
        <dt>{{ 'consent.singleSignature' | t }}</dt>
        <dd data-testid="consent-single-reason">{{ c.singleSignatureReason }}</dd>
      }
      @if (c.withdrawnAt) {
        <dt>{{ 'consent.withdrawnAt' | t }}</dt>
        <dd data-testid="consent-withdrawn">
          <time [attr.datetime]="c.withdrawnAt">{{ c.withdrawnAt | localDate }}</time>
          @if (c.withdrawalReason) {
            – {{ c.withdrawalReason }}
          }
        </dd>
      }
      <dt>{{ 'consent.createdBy' | t }}</dt>
      <dd>
        {{ c.createdBy.displayName ?? ('common.hidden' | t) }}, <time [attr.datetime]="c.createdAt">{{ c.createdAt | localDate }}</time>
      </dd>
    </dl>
  `,
  styles: `
    .consent-head {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: baseline;
      margin: 0 0 0.5rem;
    }
    .signers {
      display: grid;
      gap: 0.25rem;
    }
    .note {
      white-space: pre-line;
    }
  `,
})
export class ConsentView {
  private readonly i18n = inject(I18n);
  readonly consent = input.required<ConsentResponse>();

  protected readonly statusLabel = consentStatusLabel;

  /** "Har gitt samtykke (muntlig, registrert av Kari Larsen)": how the answer was given, and by whom it was recorded. */
  protected answerText(answer: NonNullable<ConsentSignerResponse['answer']>): string {
    const t = (key: MessageKey) => this.i18n.t(key);
    const decision = t(answer.decision === 'signed' ? 'consent.answer.signed' : 'consent.answer.declined');
    const how = [t(methodLabel(answer.method)), answer.recordedBy ? `${t('consent.recordedBy')} ${answer.recordedBy}` : null].filter(
      Boolean,
    );
    return `${decision} (${how.join(', ')})`;
  }

  protected categories(list: readonly InformationCategory[]): string {
    return list.map((c) => this.i18n.t(categoryLabel(c))).join(', ');
  }

  protected serviceNames(consent: ConsentResponse): string {
    return consent.services.map((s) => s.name).join(', ');
  }

  protected excludedNames(consent: ConsentResponse): string {
    return consent.excludedUsers.map((u) => u.displayName ?? this.i18n.t('common.hidden')).join(', ');
  }
}
