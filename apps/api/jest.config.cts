const { esmPackagesTransform, esmPackagesIgnore } = require('../../tools/jest-esm-packages.js');

module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    // First: Jest takes the first pattern that matches.
    ...esmPackagesTransform,
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: [esmPackagesIgnore],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
};
