export * from './organisation/organisation';
export * from './identity/national-id';
