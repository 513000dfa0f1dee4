import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ShowMore } from '@stafett/ui';
import type { PagedList } from '@stafett/web-data-access';
import { I18n, TranslatePipe } from '../i18n/i18n';

/**
 * "Vis flere" under a list read a page at a time: asks the list for its next page and says how
 * many are shown. The server gives no total, so the count says only whether more follow; a list
 * that fits one page says nothing.
 */
@Component({
  selector: 'st-list-more',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ShowMore, TranslatePipe],
  template: `
    <st-show-more
      [hasMore]="list().hasMore()"
      [loading]="list().loadingMore()"
      [failed]="list().moreFailed()"
      [status]="status()"
      [label]="'paging.more' | t"
      [loadingLabel]="'paging.loadingMore' | t"
      [failedText]="'paging.moreFailed' | t"
      (more)="list().loadMore()"
    />
  `,
})
export class ListMore {
  private readonly i18n = inject(I18n);
  readonly list = input.required<PagedList<unknown>>();

  protected readonly status = computed(() => {
    const list = this.list();
    const count = String(list.items().length);
    if (list.hasMore()) return this.i18n.t('paging.showingSome').replace('{n}', count);
    return list.pages() > 1 ? this.i18n.t('paging.showingAll').replace('{n}', count) : '';
  });
}
