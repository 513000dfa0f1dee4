export * from './organisation/organisation';
export * from './identity/national-id';
export * from './auth/principal';
export * from './auth/ability';
