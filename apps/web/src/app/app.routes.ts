import { Route } from '@angular/router';
import { redirectSignedIn, requireAbility } from './core/auth/auth.guards';
import type { MessageKey } from './core/i18n/messages';

/** Route titles are message keys, translated by `TranslatedTitleStrategy`. */
const title = (key: MessageKey) => key;

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./home/home.page').then((m) => m.HomePage) },
  {
    path: 'sign-in',
    title: title('signIn.heading'),
    canActivate: [redirectSignedIn],
    loadComponent: () => import('./sign-in/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'children',
    title: title('children.heading'),
    canActivate: [requireAbility('read', 'Child')],
    loadComponent: () => import('./children/children.page').then((m) => m.ChildrenPage),
  },
  {
    path: 'concerns',
    title: title('concerns.heading'),
    canActivate: [requireAbility('read', 'Concern')],
    loadComponent: () => import('./concerns/concerns.page').then((m) => m.ConcernsPage),
  },
  {
    path: 'concerns/new',
    title: title('newConcern.heading'),
    canActivate: [requireAbility('create', 'Concern')],
    loadComponent: () => import('./concerns/new-concern.page').then((m) => m.NewConcernPage),
  },
  {
    path: 'concerns/:id',
    title: title('concern.heading'),
    canActivate: [requireAbility('read', 'Concern')],
    loadComponent: () => import('./concerns/concern.page').then((m) => m.ConcernPage),
  },
  {
    path: 'cases',
    title: title('cases.heading'),
    canActivate: [requireAbility('read', 'Case')],
    loadComponent: () => import('./cases/cases.page').then((m) => m.CasesPage),
  },
  {
    path: 'cases/:id',
    title: title('case.heading'),
    canActivate: [requireAbility('read', 'Case')],
    loadComponent: () => import('./cases/case.page').then((m) => m.CasePage),
  },
  {
    path: 'family',
    title: title('family.title'),
    canActivate: [requireAbility('read', 'CaseAccessLog')],
    loadComponent: () => import('./family/family-cases.page').then((m) => m.FamilyCasesPage),
  },
  {
    path: 'family/cases/:id',
    title: title('familyCase.heading'),
    canActivate: [requireAbility('read', 'CaseAccessLog')],
    loadComponent: () => import('./family/family-case.page').then((m) => m.FamilyCasePage),
  },
  {
    path: 'tasks',
    title: title('tasks.heading'),
    canActivate: [requireAbility('read', 'Concern')],
    loadComponent: () => import('./tasks/tasks.page').then((m) => m.TasksPage),
  },
  {
    path: 'discussions',
    title: title('discussions.heading'),
    canActivate: [requireAbility('read', 'AnonymousDiscussion')],
    loadComponent: () => import('./discussions/discussions.page').then((m) => m.DiscussionsPage),
  },
  {
    path: 'discussions/new',
    title: title('newDiscussion.heading'),
    canActivate: [requireAbility('create', 'AnonymousDiscussion')],
    loadComponent: () => import('./discussions/new-discussion.page').then((m) => m.NewDiscussionPage),
  },
  {
    path: 'discussions/:id',
    title: title('discussion.heading'),
    canActivate: [requireAbility('read', 'AnonymousDiscussion')],
    loadComponent: () => import('./discussions/discussion.page').then((m) => m.DiscussionPage),
  },
  {
    path: 'reports',
    title: title('reports.heading'),
    canActivate: [requireAbility('read', 'ChildWelfareReport')],
    loadComponent: () => import('./reports/reports.page').then((m) => m.ReportsPage),
  },
  {
    path: 'reports/new',
    title: title('newReport.heading'),
    canActivate: [requireAbility('create', 'ChildWelfareReport')],
    loadComponent: () => import('./reports/new-report.page').then((m) => m.NewReportPage),
  },
  {
    path: 'reports/:id',
    title: title('report.heading'),
    canActivate: [requireAbility('read', 'ChildWelfareReport')],
    loadComponent: () => import('./reports/report.page').then((m) => m.ReportPage),
  },
  {
    path: 'admin/users',
    title: title('users.heading'),
    canActivate: [requireAbility('manage', 'User')],
    loadComponent: () => import('./admin-users/admin-users.page').then((m) => m.AdminUsersPage),
  },
  {
    path: 'admin/users/:id',
    title: title('roles.heading'),
    canActivate: [requireAbility('manage', 'User')],
    loadComponent: () => import('./admin-users/admin-user-roles.page').then((m) => m.AdminUserRolesPage),
  },
  {
    path: 'admin/services',
    title: title('services.heading'),
    canActivate: [requireAbility('manage', 'Unit')],
    loadComponent: () => import('./admin-organisation/admin-services.page').then((m) => m.AdminServicesPage),
  },
  {
    path: 'admin/settings',
    title: title('settings.heading'),
    canActivate: [requireAbility('manage', 'MunicipalitySettings')],
    loadComponent: () => import('./admin-organisation/admin-settings.page').then((m) => m.AdminSettingsPage),
  },
  {
    path: 'admin/imports',
    title: title('imports.heading'),
    canActivate: [requireAbility('create', 'RegisterImport')],
    loadComponent: () => import('./admin-imports/admin-imports.page').then((m) => m.AdminImportsPage),
  },
  {
    path: 'access-log',
    title: title('accessLog.heading'),
    canActivate: [requireAbility('read', 'AuditEvent')],
    loadComponent: () => import('./access-log/access-log.page').then((m) => m.AccessLogPage),
  },
  {
    path: 'not-found',
    title: title('notFound.heading'),
    loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
  },
  { path: '**', title: title('notFound.heading'), loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage) },
];
