import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18n } from './i18n';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `{{ child.birthDate | localDate }}`, `{{ event.occurredAt | localDate: 'dateTime' }}` in the chosen
 * language. A date without time (a birth date) is shown as that calendar day in every time zone.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  private readonly formats = new Map<string, Intl.DateTimeFormat>();

  transform(value: string, style: 'date' | 'dateTime' = 'date'): string {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    const dateOnly = DATE_ONLY.test(value);
    const locale = this.i18n.language() === 'nb' ? 'nb-NO' : 'en-GB';
    const key = `${locale}|${style}|${dateOnly}`;
    let format = this.formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(
        locale,
        style === 'date' ? { dateStyle: 'long', ...(dateOnly ? { timeZone: 'UTC' } : {}) } : { dateStyle: 'short', timeStyle: 'medium' },
      );
      this.formats.set(key, format);
    }
    return format.format(date);
  }
}
