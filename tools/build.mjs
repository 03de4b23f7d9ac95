#!/usr/bin/env node
// Builds everything `npm start` runs: the API and worker (swc → CommonJS under dist/) and the
// admin SPA (vite → dist/apps/admin). `--server` skips the admin, `--admin` builds only the admin.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, cmdArgs) => execFileSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });

if (!args.has('--admin')) {
  for (const dir of ['dist/apps/api', 'dist/apps/worker', 'dist/libs']) rmSync(join(root, dir), { recursive: true, force: true });
  run(bin('swc'), [
    'apps/api/src',
    'apps/worker/src',
    'libs',
    '-d',
    'dist',
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts,**/*.int-spec.ts,libs/api-client/**',
    '--quiet',
  ]);
  // Data files the server reads next to its compiled code (swc copies only what it compiles).
  const dataFiles = [
    'libs/archives/src/indicators/indicators.csv',
    ...readdirSync(join(root, 'libs/archives/src/demo/sample-reports')).map((f) => `libs/archives/src/demo/sample-reports/${f}`),
  ];
  for (const file of dataFiles) {
    mkdirSync(dirname(join(root, 'dist', file)), { recursive: true });
    copyFileSync(join(root, file), join(root, 'dist', file));
  }
}
if (!args.has('--server') && existsSync(join(root, 'apps/admin/vite.config.ts'))) {
  run(bin('vite'), ['build', '--config', 'apps/admin/vite.config.ts', '--logLevel', 'warn']);
}
