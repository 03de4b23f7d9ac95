module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'iam',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
