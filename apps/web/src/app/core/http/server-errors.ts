import type { FieldErrors } from '@stafett/web-data-access';
import type { MessageKey } from '../i18n/messages';

/** Server field errors sorted onto a form's fields (as translated messages), and the rest as the server worded them. */
export interface ServerErrors<F extends string> {
  fields: Partial<Record<F, MessageKey>>;
  other: string[];
}

export const NO_SERVER_ERRORS: ServerErrors<never> = { fields: {}, other: [] };

/**
 * Maps the `field` paths of a 400 problem (e.g. `newChild.nationalId`) to the form's fields with
 * `route`; a field the form does not know is kept with the server's own messages so nothing is lost.
 */
export function mapServerErrors<F extends string>(
  errors: FieldErrors | null,
  route: (field: string) => { field: F; message: MessageKey } | null,
): ServerErrors<F> {
  const result: ServerErrors<F> = { fields: {}, other: [] };
  for (const [path, messages] of Object.entries(errors ?? {})) {
    const target = route(path);
    if (target) result.fields[target.field] = target.message;
    else result.other.push(...messages);
  }
  return result;
}
