export * from './lib/service-list/service-list';
