import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { FieldError, fieldErrorId } from '../field-error/field-error';

/** One choice of a radio group: its value, its (translated) label and an optional hint under it. */
export interface RadioOption<T> {
  value: T;
  label: string;
  hint?: string;
}

/**
 * A group of radio buttons in a fieldset with its legend and its error, the same way everywhere:
 * the fieldset's `aria-describedby` names the error while there is one, each button is
 * `aria-invalid` then, and a choice's hint is tied to its button. Each button's id (and test id,
 * `<optionTestIdPrefix><value>`, when given) is `<optionIdPrefix><value>`; the group shares one `name`, so arrow keys move
 * within it and choosing in one group never clears another.
 */
@Component({
  selector: 'st-radio-group-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError],
  template: `
    <fieldset [id]="fieldId()" [attr.aria-describedby]="messages().length > 0 ? errorId() : null">
      <legend>{{ legend() }}</legend>
      <ul class="choices">
        @for (option of options(); track option.value) {
          <li class="choice">
            <input
              type="radio"
              [formControl]="control()"
              [name]="fieldId()"
              [attr.name]="fieldId()"
              [value]="option.value"
              [id]="optionIdPrefix() + option.value"
              [attr.data-testid]="testIdOf(option.value)"
              [attr.aria-invalid]="messages().length > 0 ? 'true' : null"
              [attr.aria-describedby]="option.hint ? optionIdPrefix() + option.value + '-hint' : null"
            />
            @if (option.hint) {
              <div>
                <label [for]="optionIdPrefix() + option.value">{{ option.label }}</label>
                <p class="hint" [id]="optionIdPrefix() + option.value + '-hint'">{{ option.hint }}</p>
              </div>
            } @else {
              <label [for]="optionIdPrefix() + option.value">{{ option.label }}</label>
            }
          </li>
        }
      </ul>
      <st-field-error [fieldId]="fieldId()" [messages]="messages()" />
    </fieldset>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class RadioGroupField<T extends string | number> {
  readonly fieldId = input.required<string>();
  readonly legend = input.required<string>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a radio group's control holds its value or its empty start
  readonly control = input.required<FormControl<any>>();
  readonly options = input.required<readonly RadioOption<T>[]>();
  /** Prefix of each button's id; the value follows. */
  readonly optionIdPrefix = input.required<string>();
  /** Prefix of each button's test id, when the buttons have one. */
  readonly optionTestIdPrefix = input<string | null>(null);
  readonly messages = input<readonly string[]>([]);

  protected readonly errorId = computed(() => fieldErrorId(this.fieldId()));

  protected testIdOf(value: T): string | null {
    const prefix = this.optionTestIdPrefix();
    return prefix === null ? null : `${prefix}${value}`;
  }
}
