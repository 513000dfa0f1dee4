export * from './lib/organisation/organisation.api';
export * from './lib/session/return-path';
export * from './lib/session/session.store';
export * from './lib/children/children.api';
export * from './lib/admin-users/admin-users.api';
export * from './lib/audit-events/audit-events.api';
