module.exports = require('../jest.shared.js')('integration', ['<rootDir>/tests/integration/**/*.spec.ts']);
