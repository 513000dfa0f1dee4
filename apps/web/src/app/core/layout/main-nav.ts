import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NavLink, NavLinks } from '@stafett/ui';
import { SessionStore } from '@stafett/web-data-access';
import { I18n } from '../i18n/i18n';

/**
 * The main menu, built from what the signed-in user's ability allows; the routes' guards check the
 * same. Guardians and youth get their own entries (their child's cases) and none of the staff's.
 */
@Component({
  selector: 'st-main-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NavLinks],
  template: `
    @if (links().length > 0) {
      <st-nav-links [links]="links()" [label]="i18n.t('app.mainNav')" />
    }
  `,
})
export class MainNav {
  protected readonly i18n = inject(I18n);
  private readonly session = inject(SessionStore);

  protected readonly links = computed<NavLink[]>(() => {
    const ability = this.session.ability();
    const t = (key: Parameters<I18n['t']>[0]) => this.i18n.t(key);
    const links: NavLink[] = [];
    if (ability.can('read', 'Child')) links.push({ path: '/children', label: t('nav.children'), testId: 'nav-children' });
    if (ability.can('read', 'Concern')) {
      links.push({ path: '/concerns', label: t('nav.concerns'), testId: 'nav-concerns' });
      links.push({ path: '/tasks', label: t('nav.tasks'), testId: 'nav-tasks' });
    }
    // Staff take part in cases through their units (the same rules let them open one); the family's
    // rules on cases are about their own child, and only the family reads a case's access log.
    if (ability.can('read', 'Case') && ability.can('create', 'Case'))
      links.push({ path: '/cases', label: t('nav.cases'), testId: 'nav-cases' });
    if (ability.can('read', 'CaseAccessLog')) {
      const youth = this.session.session()?.user.familyRole === 'youth';
      links.push({ path: '/family', label: t(youth ? 'nav.familyYouth' : 'nav.family'), testId: 'nav-family' });
    }
    if (ability.can('read', 'AnonymousDiscussion'))
      links.push({ path: '/discussions', label: t('nav.discussions'), testId: 'nav-discussions' });
    if (ability.can('read', 'ChildWelfareReport')) links.push({ path: '/reports', label: t('nav.reports'), testId: 'nav-reports' });
    if (ability.can('manage', 'User')) links.push({ path: '/admin/users', label: t('nav.users'), testId: 'nav-users' });
    if (ability.can('manage', 'Unit')) links.push({ path: '/admin/services', label: t('nav.services'), testId: 'nav-services' });
    if (ability.can('manage', 'MunicipalitySettings'))
      links.push({ path: '/admin/settings', label: t('nav.settings'), testId: 'nav-settings' });
    if (ability.can('create', 'RegisterImport')) links.push({ path: '/admin/imports', label: t('nav.imports'), testId: 'nav-imports' });
    if (ability.can('read', 'AuditEvent')) links.push({ path: '/access-log', label: t('nav.accessLog'), testId: 'nav-audit' });
    return links;
  });
}
