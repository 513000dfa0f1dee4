import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, inject, input, output, viewChild } from '@angular/core';

/**
 * The end of a list shown a page at a time: how much is shown (a polite status, so the new count
 * is announced after each page), a "show more" button while another page follows, and a note when
 * loading more failed. Texts are given translated.
 *
 * While a page loads the button stays focusable and says it is busy (`aria-disabled`, `aria-busy`)
 * instead of becoming `disabled`, which would drop a keyboard user's focus; a click then does
 * nothing. When the last page arrives the button goes away, and focus moves to the status so it is
 * not lost to the top of the page.
 */
@Component({
  selector: 'st-show-more',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p #statusText class="status" role="status" tabindex="-1" data-testid="show-more-status">{{ status() }}</p>
    @if (failed()) {
      <p class="problem" role="alert" data-testid="show-more-failed">{{ failedText() }}</p>
    }
    @if (hasMore()) {
      <button
        type="button"
        class="secondary"
        data-testid="show-more"
        [attr.aria-disabled]="loading() ? 'true' : null"
        [attr.aria-busy]="loading() ? 'true' : null"
        (click)="ask()"
      >
        {{ loading() ? loadingLabel() : label() }}
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 0.75rem;
    }
    .status {
      margin: 0 0 0.5rem;
    }
    .status:empty {
      margin: 0;
    }
    button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.75;
    }
  `,
})
export class ShowMore {
  readonly hasMore = input.required<boolean>();
  readonly loading = input(false);
  readonly failed = input(false);
  /** E.g. "Viser 50. Det finnes flere."; empty when there is nothing to say. */
  readonly status = input('');
  readonly label = input.required<string>();
  readonly loadingLabel = input.required<string>();
  readonly failedText = input('');
  readonly more = output<void>();

  private readonly document = inject(DOCUMENT);
  private readonly statusElement = viewChild.required<ElementRef<HTMLElement>>('statusText');
  /** The user asked for more, so a button that then goes away took their focus with it. */
  private asked = false;

  constructor() {
    afterRenderEffect(() => {
      if (this.hasMore() || !this.asked) return;
      this.asked = false;
      const active = this.document.activeElement;
      if (!active || active === this.document.body) this.statusElement().nativeElement.focus();
    });
  }

  protected ask(): void {
    if (this.loading()) return;
    this.asked = true;
    this.more.emit();
  }
}
