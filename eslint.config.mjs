import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries follow DESIGN.md §2: core and clinical depend on nothing of ours; each domain lib
 * only on the libs below it; apps on any lib, the admin only on api-client and clinical.
 */
const depConstraints = [
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:clinical', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:api-client', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:iam', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:cards', onlyDependOnLibsWithTags: ['scope:core', 'scope:iam'] },
  { sourceTag: 'scope:surveys', onlyDependOnLibsWithTags: ['scope:core', 'scope:iam', 'scope:clinical'] },
  { sourceTag: 'scope:archives', onlyDependOnLibsWithTags: ['scope:core', 'scope:iam', 'scope:clinical', 'scope:cards'] },
  {
    sourceTag: 'scope:follow-ups',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:iam', 'scope:cards', 'scope:archives', 'scope:surveys'],
  },
  {
    sourceTag: 'scope:interventions',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:iam', 'scope:clinical', 'scope:cards', 'scope:archives'],
  },
  { sourceTag: 'scope:reports', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['scope:api-client', 'scope:clinical'] },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'libs/api-client/src/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    files: ['**/*.ts', '**/*.vue'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints, enforceBuildableLibDependency: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Command-line tools talk to the person who ran them.
    files: ['tools/**', 'apps/*/src/main.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/e2e/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
