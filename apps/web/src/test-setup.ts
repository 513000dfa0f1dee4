import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// testTimeout is a global Jest option and is ignored in a project config; set it per tier here, as
// tests/jest.setup.js does. Rendering a whole page (case.page, case-consents, concern.page) on a
// loaded 2-core CI machine can take longer than Jest's 5 s default.
jest.setTimeout(60000);
