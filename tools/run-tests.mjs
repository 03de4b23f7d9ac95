#!/usr/bin/env node
// `npm test`: every check and test suite of the repository, then one closing line
// `N passed, N failed` that sums them all (tests of each runner, plus one per static check).
// Needs PostgreSQL and Redis on loopback (see README) and Debian's chromium for the browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './dependencies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies(root, (message) => console.log(`[test] ${message}`));
const reports = join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const results = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { status: result.status ?? 1, seconds };
}

function check(name, cmd, args) {
  if (only.length && !only.includes(name)) return;
  const { status, seconds } = run(name, cmd, args);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, seconds });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function suite(name, cmd, args, reportFile, count, env) {
  if (only.length && !only.includes(name)) return;
  const { status, seconds } = run(name, cmd, args, env);
  const report = readJson(reportFile);
  const counted = report ? count(report) : { passed: 0, failed: 0 };
  // A runner that crashed or failed outside any test still counts as a failure.
  if (status !== 0 && counted.failed === 0) counted.failed = 1;
  results.push({ name, ...counted, seconds });
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
if (existsSync(join(root, 'apps/admin/tsconfig.json')))
  check('typecheck-admin', bin('vue-tsc'), ['--noEmit', '-p', 'apps/admin/tsconfig.json']);
// The module-boundary rule reads Nx's cached project graph and is skipped (a warning) without it,
// as on a fresh clone: compute the graph first.
spawnSync(bin('nx'), ['show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
check('lint', bin('eslint'), ['.', '--max-warnings', '0']);
check('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
check('build', process.execPath, [join(root, 'tools/build.mjs')]);

const jestReport = join(reports, 'jest.json');
suite(
  'jest',
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings', bin('jest'), '--ci', '--maxWorkers=2', '--json', `--outputFile=${jestReport}`],
  jestReport,
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites }),
);

if (existsSync(join(root, 'apps/admin/vitest.config.ts'))) {
  const vitestReport = join(reports, 'vitest.json');
  suite(
    'vitest',
    bin('vitest'),
    [
      'run',
      '--config',
      'apps/admin/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestReport}`,
    ],
    vitestReport,
    (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }),
  );
}

if (existsSync(join(root, 'apps/admin/playwright.config.ts'))) {
  const playwrightReport = join(reports, 'playwright.json');
  suite(
    'playwright',
    bin('playwright'),
    ['test', '-c', 'apps/admin/playwright.config.ts', '--reporter=list,json'],
    playwrightReport,
    (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + (r.stats.flaky ?? 0) }),
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  );
}

console.log('\n━━ summary ━━');
for (const r of results)
  console.log(
    `${r.name.padEnd(16)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds}s`,
  );
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
