import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** The signed-in user's name and a sign-out button; texts come from the caller (translated). */
@Component({
  selector: 'st-signed-in-user',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="who"
      >{{ signedInAsLabel() }} <strong data-testid="signed-in-as">{{ displayName() }}</strong></span
    >
    <button type="button" data-testid="sign-out" [disabled]="busy()" (click)="signOut.emit()">{{ signOutLabel() }}</button>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.75rem;
    }
    button {
      font: inherit;
      padding: 0.25rem 0.75rem;
      border: 2px solid currentColor;
      border-radius: 0.25rem;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button:disabled {
      cursor: progress;
      opacity: 0.7;
    }
  `,
})
export class SignedInUser {
  readonly displayName = input.required<string>();
  readonly signedInAsLabel = input.required<string>();
  readonly signOutLabel = input.required<string>();
  readonly busy = input(false);
  readonly signOut = output<void>();
}
