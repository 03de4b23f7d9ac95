#!/usr/bin/env node
// `npm start`: installs dependencies if needed, builds what changed, makes sure Redis is reachable
// (starting redis-server from PATH under DATA_DIR when nothing listens on 6379 and REDIS_URL is
// unset), then runs the API (which serves the admin at /) and, on PostgreSQL, a separate worker.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './dependencies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
const say = (message) => console.log(`[start] ${message}`);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, entry) => (entry === 'node_modules' ? newest : Math.max(newest, newestMtime(join(path, entry)))),
    stat.mtimeMs,
  );
}

function ensureBuild() {
  const stamp = join(root, 'dist', '.build-stamp');
  const sources = ['apps', 'libs', 'tsconfig.base.json', '.swcrc', 'package.json'].map((p) => newestMtime(join(root, p)));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources)) return;
  say('building api, worker and admin…');
  const result = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}

function isListening(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const socket = connect({ port, host });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('timeout', () => (socket.destroy(), done(false)));
    socket.once('error', () => done(false));
  });
}

const children = [];

async function ensureRedis() {
  if (process.env.REDIS_URL) return;
  if (await isListening(6379)) return;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) {
    say('nothing listens on 127.0.0.1:6379 and redis-server is not installed: the API will run with the queue "down"');
    say('install Redis 7 (e.g. `apt-get install redis-server`) or set REDIS_URL; scheduled work waits in PostgreSQL meanwhile');
    return;
  }
  const redisDir = join(dataDir, 'redis');
  mkdirSync(redisDir, { recursive: true });
  say(`started ${found} on 127.0.0.1:6379 with its data in ${redisDir} (append-only file, fsync every second)`);
  const args = [
    '--port',
    '6379',
    '--bind',
    '127.0.0.1',
    '--dir',
    redisDir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--maxmemory-policy',
    'noeviction',
    '--save',
    '',
  ];
  children.push(spawn(found, args, { stdio: 'ignore' }));
  for (let i = 0; i < 50 && !(await isListening(6379)); i++) await new Promise((r) => setTimeout(r, 100));
}

function runNode(script) {
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, script)], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  children.push(child);
  return child;
}

ensureDependencies(root, say);
ensureBuild();
await ensureRedis();
const api = runNode('dist/apps/api/src/main.js');
if (process.env.DATABASE_URL && process.env.RUN_WORKER !== 'inline') runNode('dist/apps/worker/src/main.js');

let stopping = false;
function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
}
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
api.on('exit', (code) => {
  stopAll('SIGTERM');
  setTimeout(() => process.exit(code ?? 0), 200).unref();
});
