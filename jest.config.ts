import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// Every tier in one run: the unit specs of each Nx project, then the integration and e2e tiers,
// which need the PostgreSQL server that tools/test.mjs starts.
export default async (): Promise<Config> => ({
  projects: [...(await getJestProjectsAsync()), '<rootDir>/tests/integration/jest.config.cts', '<rootDir>/tests/e2e/jest.config.cts'],
});
