export * from './organisation/organisation';
export * from './identity/national-id';
export * from './auth/principal';
export * from './auth/ability';
export * from './concerns/concern';
export * from './concerns/child-welfare-report';
export * from './concerns/anonymity';
export * from './cases/case-rules';
