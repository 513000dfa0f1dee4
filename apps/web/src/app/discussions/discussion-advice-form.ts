import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { FieldError } from '@stafett/ui';
import type { FieldErrors } from '@stafett/web-data-access';
import { ServerErrors, mapServerErrors } from '../core/http/server-errors';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { IDENTIFYING_TEXT_ERRORS, noIdentifyingText, requiredText } from './discussion-texts';

const ERRORS: Record<string, MessageKey> = { required: 'advice.error.text', maxlength: 'form.error.tooLong', ...IDENTIFYING_TEXT_ERRORS };

const routeServerField = (path: string): { field: 'text'; message: MessageKey } | null =>
  path === 'text' ? { field: 'text', message: 'newDiscussion.server.text' } : null;

/** One piece of advice to a discussion; checked for identifying text like the discussion itself. Emits the text to send. */
@Component({
  selector: 'st-discussion-advice-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="advice-form">
      <div class="field">
        <label for="advice-text">{{ 'advice.text' | t }}</label>
        <p class="hint" id="advice-text-hint">{{ 'advice.hint' | t }}</p>
        <textarea
          id="advice-text"
          data-testid="advice-text"
          formControlName="text"
          rows="4"
          maxlength="5000"
          required
          [attr.aria-invalid]="errors().length > 0 ? true : null"
          [attr.aria-describedby]="'advice-text-hint' + (errors().length > 0 ? ' advice-text-error' : '')"
        ></textarea>
        <st-field-error fieldId="advice-text" [messages]="errors()" />
      </div>
      @if (serverErrors().other.length > 0) {
        <div class="problem" role="alert">
          <p>{{ 'form.error.other' | t }}</p>
          <ul>
            @for (message of serverErrors().other; track $index) {
              <li>{{ message }}</li>
            }
          </ul>
        </div>
      }
      <div class="actions">
        <button type="submit" class="primary" data-testid="advice-submit" [disabled]="busy()">
          {{ (busy() ? 'advice.submitting' : 'advice.submit') | t }}
        </button>
      </div>
    </form>
  `,
})
export class DiscussionAdviceForm {
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly busy = input(false);
  /** Field errors from the server's last answer. */
  readonly serverFieldErrors = input<FieldErrors | null>(null);
  /** Goes up each time the page has saved advice: the form then empties. */
  readonly savedCount = input(0);
  readonly advise = output<string>();

  private readonly text = new FormControl('', {
    nonNullable: true,
    validators: [requiredText, Validators.maxLength(5000), noIdentifyingText],
  });
  protected readonly form = new FormGroup({ text: this.text });
  protected readonly submitted = signal(false);
  private readonly value = signal('');
  protected readonly serverErrors = linkedSignal<ServerErrors<'text'>>(() => mapServerErrors(this.serverFieldErrors(), routeServerField));

  constructor() {
    this.text.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      this.value.set(value);
      if (this.serverErrors().fields.text) this.serverErrors.update((current) => ({ ...current, fields: {} }));
    });
    effect(() => {
      if (this.savedCount() > 0)
        untracked(() => {
          this.text.reset('');
          this.submitted.set(false);
        });
    });
    effect(() => {
      if (this.serverFieldErrors()) untracked(() => this.focusField());
    });
  }

  /** Identifying text is shown at once; "required" after an attempt to send. */
  protected errors(): string[] {
    this.value();
    const messages: string[] = [];
    for (const key of Object.keys(this.text.errors ?? {})) {
      if (key === 'required' && !this.submitted()) continue;
      const message = ERRORS[key];
      if (message) messages.push(this.i18n.t(message));
    }
    const server = this.serverErrors().fields.text;
    if (server) messages.push(this.i18n.t(server));
    return messages;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    if (this.text.invalid) {
      this.focusField();
      return;
    }
    this.advise.emit(this.text.value.trim());
  }

  private focusField(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#advice-text')?.focus(), { injector: this.injector });
  }
}
