export * from './lib/service-list/service-list';
export * from './lib/nav-links/nav-links';
export * from './lib/signed-in-user/signed-in-user';
export * from './lib/field-error/field-error';
export * from './lib/badge/badge';
export * from './lib/callout/callout';
export * from './lib/text-area-field/text-area-field';
export * from './lib/radio-group-field/radio-group-field';
