export * from './lib/organisation/organisation.api';
