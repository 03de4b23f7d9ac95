module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'clinical',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
