module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'follow-ups',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
