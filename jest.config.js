// All backend jest projects; `npm test` runs them in one jest process.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const candidates = [
  'apps/api',
  'apps/worker',
  'libs/core',
  'libs/iam',
  'libs/clinical',
  'libs/cards',
  'libs/archives',
  'libs/interventions',
];

module.exports = {
  // Global option (ignored inside projects): integration suites boot the app on a fresh database.
  testTimeout: 60000,
  projects: candidates.filter((dir) => existsSync(join(__dirname, dir, 'jest.config.js'))).map((dir) => `<rootDir>/${dir}`),
};
