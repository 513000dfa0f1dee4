import { setupZoneTestEnv } from 'jest-preset-angular/setup-env/zone';

setupZoneTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// testTimeout is a global Jest option and is ignored in a project config; set it per tier here, as
// tests/jest.setup.js does. On a loaded 2-core CI machine an Angular spec can take longer than
// Jest's 5 s default (the web app's page specs did).
jest.setTimeout(60000);
