// Shared jest settings for every backend project. Nest 12 ships ESM only, so @swc/jest compiles
// our TypeScript and the @nestjs packages (and their ESM dependencies) to CommonJS for jest.
const path = require('node:path');
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = __dirname;

const esmPackages = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
  'jose',
  'content-disposition',
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  // A listed package is compiled wherever it sits, also inside another's node_modules
  // (@fastify/static brings its own ESM content-disposition).
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@health/core$': '<rootDir>/../../libs/core/src/index.ts',
    '^@health/core/testing$': '<rootDir>/../../libs/core/src/testing/index.ts',
    '^@health/iam$': '<rootDir>/../../libs/iam/src/index.ts',
    '^@health/clinical$': '<rootDir>/../../libs/clinical/src/index.ts',
    '^@health/clinical/testing$': '<rootDir>/../../libs/clinical/src/testing/shared-files.ts',
    '^@health/cards$': '<rootDir>/../../libs/cards/src/index.ts',
    '^@health/archives$': '<rootDir>/../../libs/archives/src/index.ts',
    '^@health/interventions$': '<rootDir>/../../libs/interventions/src/index.ts',
    '^@health/surveys$': '<rootDir>/../../libs/surveys/src/index.ts',
    '^@health/follow-ups$': '<rootDir>/../../libs/follow-ups/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
