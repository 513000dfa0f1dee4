// Settings shared by the integration and e2e tiers: TypeScript through ts-jest (type-checked
// separately by `tsc`), and the workspace's path aliases.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.base.json');
const path = require('node:path');

const { esmPackagesTransform, esmPackagesIgnore } = require('../tools/jest-esm-packages.js');

module.exports = (displayName, testMatch) => ({
  displayName,
  rootDir: path.join(__dirname, '..'),
  testEnvironment: 'node',
  testMatch,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.json') }],
    ...esmPackagesTransform,
  },
  transformIgnorePatterns: [esmPackagesIgnore],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: [path.join(__dirname, 'jest.setup.js')],
});
