import { HttpErrorResponse } from '@angular/common/http';
import { fieldErrorsOf } from '@stafett/web-data-access';
import type { MessageKey } from '../core/i18n/messages';

/**
 * What an administration form says after the server refused it: a Norwegian message per field it knows
 * (the server's own messages are English), and one for the form as a whole — a conflict, a stale version
 * (someone else changed the record) or a field the form does not have.
 */
export interface FormErrors<F extends string> {
  fields: Partial<Record<F, MessageKey>>;
  form: MessageKey | null;
}

export const NO_ERRORS: FormErrors<never> = { fields: {}, form: null };

export function formErrorsOf<F extends string>(
  error: unknown,
  fields: Partial<Record<string, { field: F; message: MessageKey }>>,
  whole: { conflict?: MessageKey; stale: MessageKey },
): FormErrors<F> {
  const result: FormErrors<F> = { fields: {}, form: null };
  const named = fieldErrorsOf(error);
  if (named) {
    for (const path of Object.keys(named)) {
      const target = fields[path];
      if (target) result.fields[target.field] = target.message;
      else result.form = 'form.error.invalid';
    }
    return result;
  }
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  if (status === 409 && whole.conflict) result.form = whole.conflict;
  else if (status === 412 || status === 428) result.form = whole.stale;
  else result.form = 'admin.saveFailed';
  return result;
}
