import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The id a field's error text gets, for the field's `aria-describedby`. */
export const fieldErrorId = (fieldId: string) => `${fieldId}-error`;

/**
 * Validation messages shown right under a field (already translated). Renders nothing when there
 * are none; otherwise an element with id and test id `<fieldId>-error` the field points at.
 */
@Component({
  selector: 'st-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (messages().length > 0) {
      <p class="field-error" [id]="errorId()" [attr.data-testid]="errorId()">
        @for (message of messages(); track $index) {
          <span>{{ message }}</span>
        }
      </p>
    }
  `,
  styles: `
    .field-error {
      margin: 0.25rem 0 0;
      color: #a4141d;
      font-weight: 600;
    }
    span {
      display: block;
    }
    span::before {
      content: '⚠ ';
    }
  `,
})
export class FieldError {
  readonly fieldId = input.required<string>();
  readonly messages = input<readonly string[]>([]);
  protected errorId(): string {
    return fieldErrorId(this.fieldId());
  }
}
