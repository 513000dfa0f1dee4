module.exports = require('../jest.shared.js')('e2e', ['<rootDir>/tests/e2e/**/*.spec.ts']);
