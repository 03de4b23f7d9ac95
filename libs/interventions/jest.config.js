module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'interventions',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
