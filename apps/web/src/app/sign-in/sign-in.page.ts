import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { SignInAudience } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';

/** Two ways in: staff through the municipality's identity provider, guardians and youth through ID-porten. */
@Component({
  selector: 'st-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <h1 data-testid="sign-in-heading">{{ 'signIn.heading' | t }}</h1>
    <p>{{ 'signIn.intro' | t }}</p>
    @if (unavailable()) {
      <p role="alert">{{ 'signIn.sessionUnavailable' | t }}</p>
    }
    <ul class="choices" [attr.aria-label]="'signIn.choices' | t">
      <li>
        <button type="button" data-testid="sign-in-staff" aria-describedby="sign-in-staff-hint" (click)="signIn('staff')">
          {{ 'signIn.staff' | t }}
        </button>
        <p id="sign-in-staff-hint">{{ 'signIn.staffHint' | t }}</p>
      </li>
      <li>
        <button type="button" data-testid="sign-in-citizen" aria-describedby="sign-in-citizen-hint" (click)="signIn('citizen')">
          {{ 'signIn.citizen' | t }}
        </button>
        <p id="sign-in-citizen-hint">{{ 'signIn.citizenHint' | t }}</p>
      </li>
    </ul>
  `,
  styles: `
    .choices {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 1rem;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      max-width: 48rem;
    }
    .choices li {
      border: 1px solid #c6c6c6;
      border-radius: 0.5rem;
      padding: 1rem;
      background: #fff;
    }
    button {
      font: inherit;
      font-weight: 700;
      width: 100%;
      padding: 0.75rem 1rem;
      border: 0;
      border-radius: 0.25rem;
      background: #0b3d62;
      color: #fff;
      cursor: pointer;
    }
    button:hover {
      background: #082c47;
    }
    p {
      margin: 0.5rem 0 0;
    }
  `,
})
export class SignInPage {
  private readonly session = inject(SessionStore);

  /** From `?returnTo=`, bound by the router; the store only accepts a same-origin path. */
  readonly returnTo = input<string | undefined>();
  protected readonly unavailable = computed(() => this.session.status() === 'unavailable');

  protected signIn(audience: SignInAudience): void {
    this.session.signIn(audience, this.returnTo() ?? '/');
  }
}
