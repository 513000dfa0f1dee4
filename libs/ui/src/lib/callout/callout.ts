import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type CalloutTone = 'info' | 'warning';

/**
 * A boxed note inside a page: a rule the user should know (info) or a risk they should weigh
 * (warning). Text is projected, already translated; the heading, when given, labels the region.
 * Colours meet WCAG AA contrast.
 */
@Component({
  selector: 'st-callout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"callout " + tone()', '[attr.role]': 'live() ? "alert" : null' },
  template: `
    @if (heading(); as heading) {
      <p class="heading">{{ heading }}</p>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
      padding: 0.75rem 1rem;
      border-left: 6px solid currentColor;
      border-radius: 0.25rem;
    }
    :host(.info) {
      background: #e8f1fb;
      color: #0b3d62;
    }
    :host(.warning) {
      background: #fff4d6;
      color: #5c3b00;
    }
    .heading {
      margin: 0 0 0.25rem;
      font-weight: 700;
    }
  `,
})
export class Callout {
  readonly tone = input<CalloutTone>('info');
  readonly heading = input<string | null>(null);
  /** Announced by screen readers when it appears (a warning that arrives after an action). */
  readonly live = input(false);
}
