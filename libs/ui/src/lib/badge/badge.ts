import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type BadgeTone = 'neutral' | 'warning' | 'success';

/** A short status label, e.g. "Overdue"; text is projected (already translated). Colours meet WCAG AA contrast. */
@Component({
  selector: 'st-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"badge " + tone()' },
  template: `<ng-content />`,
  styles: `
    :host {
      display: inline-block;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      border: 1px solid currentColor;
      font-size: 0.875rem;
      font-weight: 600;
      white-space: nowrap;
    }
    :host(.neutral) {
      background: #eef1f4;
      color: #1f2d3d;
    }
    :host(.warning) {
      background: #fde8e8;
      color: #7a1010;
    }
    :host(.success) {
      background: #e3f4e8;
      color: #12512a;
    }
  `,
})
export class Badge {
  readonly tone = input<BadgeTone>('neutral');
}
