import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18n } from './i18n';
import { isMessageKey } from './messages';

/** `{{ grant.role | roleLabel }}`: a known role in the chosen language; one this client does not know yet as the server names it. */
@Pipe({ name: 'roleLabel', pure: false })
export class RoleLabelPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(role: string): string {
    const key = `role.${role}`;
    return isMessageKey(key) ? this.i18n.t(key) : role;
  }
}
