module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'core',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
