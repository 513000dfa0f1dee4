// Settings shared by the integration and e2e tiers: TypeScript through ts-jest (type-checked
// separately by `tsc`), and the workspace's path aliases.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.base.json');
const path = require('node:path');

/** The ES-module-only packages the API loads with require() (apps/api/src/auth/oidc/oidc-client.ts). */
const esmPackagesTransform = {
  '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': [
    'babel-jest',
    { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] },
  ],
};
const esmPackagesIgnore = '/node_modules/(?!(openid-client|oauth4webapi|jose)/)';

module.exports = (displayName, testMatch) => ({
  displayName,
  rootDir: path.join(__dirname, '..'),
  testEnvironment: 'node',
  testMatch,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.json') }],
    // openid-client 6 and its dependencies are ES modules only; Jest's module system needs CommonJS.
    ...esmPackagesTransform,
  },
  transformIgnorePatterns: [esmPackagesIgnore],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: [path.join(__dirname, 'jest.setup.js')],
});
