module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'cards',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
