module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'worker',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 60000,
};
