module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'archives',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
