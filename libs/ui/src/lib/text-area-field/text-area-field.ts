import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { FieldError, fieldErrorId } from '../field-error/field-error';

/**
 * A labelled text area with its hint and its error, wired for assistive technology the same way
 * everywhere: `aria-describedby` names the hint (when there is one) and the error (when shown),
 * `aria-invalid` is set while there are messages, and an optional field says so in its label.
 * Texts come translated; the form decides which messages to show and when.
 */
@Component({
  selector: 'st-text-area-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError],
  host: { class: 'field' },
  template: `
    <label [for]="fieldId()"
      >{{ label() }}
      @if (optional(); as text) {
        <span class="optional">{{ text }}</span>
      }
    </label>
    @if (hint(); as text) {
      <p class="hint" [id]="hintId()">{{ text }}</p>
    }
    <textarea
      [id]="fieldId()"
      [attr.data-testid]="testId()"
      [formControl]="control()"
      [rows]="rows()"
      [maxlength]="maxLength()"
      [attr.aria-required]="optional() ? null : 'true'"
      [attr.aria-invalid]="messages().length > 0 ? 'true' : null"
      [attr.aria-describedby]="describedBy()"
    ></textarea>
    <st-field-error [fieldId]="fieldId()" [messages]="messages()" />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class TextAreaField {
  readonly fieldId = input.required<string>();
  readonly testId = input.required<string>();
  readonly control = input.required<FormControl<string>>();
  readonly label = input.required<string>();
  readonly hint = input<string | null>(null);
  /** The word that marks the field optional (e.g. "valgfritt"); a field without it is required. */
  readonly optional = input<string | null>(null);
  readonly rows = input(2);
  readonly maxLength = input(2000);
  readonly messages = input<readonly string[]>([]);

  protected readonly hintId = computed(() => `${this.fieldId()}-hint`);
  protected readonly describedBy = computed(() => {
    const refs = [this.hint() ? this.hintId() : null, this.messages().length > 0 ? fieldErrorId(this.fieldId()) : null];
    const present = refs.filter((r) => r !== null);
    return present.length > 0 ? present.join(' ') : null;
  });
}
