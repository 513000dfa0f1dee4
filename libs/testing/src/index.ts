export * from './lib/test-database';
export * from './lib/schema-snapshot';
export * from './lib/dates';
