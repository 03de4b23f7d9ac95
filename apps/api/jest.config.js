module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 30000,
};
