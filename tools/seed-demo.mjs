#!/usr/bin/env node
// `npm run seed:demo`: builds the server if needed and adds the demo organisation and its staff to
// the database named by DATABASE_URL (or the embedded one under DATA_DIR; stop the API first, since
// the embedded database serves one process).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/apps/api/src/seed-demo.js');
if (!existsSync(entry))
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, ['--enable-source-maps', entry], { cwd: root, stdio: 'inherit' });
