#!/usr/bin/env node
// Starts the built system for the admin's Playwright tests: a fresh PostgreSQL database
// (hp_e2e_<time>), Redis on loopback under a queue prefix of its own, a temporary DATA_DIR, and
// `node dist/apps/api/src/main.js`, which also serves the built admin at `/` and runs the job
// processors inline (RUN_WORKER=inline), so imports and other background jobs finish as in
// production. The database, the Redis keys under the prefix and DATA_DIR are removed on exit.
// Builds first when dist is missing; E2E_BUILD=1 rebuilds everything.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const postgresUrl = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const port = process.env.PORT ?? '3100';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = (message) => console.log(`[e2e-server] ${message}`);

const apiMain = join(root, 'dist/apps/api/src/main.js');
const adminIndex = join(root, 'dist/apps/admin/index.html');
const build = (args) => execFileSync(process.execPath, [join(root, 'tools/build.mjs'), ...args], { cwd: root, stdio: 'inherit' });
if (process.env.E2E_BUILD === '1' || !existsSync(apiMain)) build([]);
else if (!existsSync(adminIndex)) build(['--admin']);

async function admin(sql) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under `prefix` (the BullMQ queues of this run). */
async function deleteQueueKeys(prefix) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const database = `hp_e2e_${Date.now()}`;
// Its own prefix: the inline worker must never take jobs of another installation on the same Redis.
const queuePrefix = `hp-e2e-${Date.now().toString(36)}`;
await admin(`CREATE DATABASE ${database}`);
const databaseUrl = new URL(postgresUrl);
databaseUrl.pathname = `/${database}`;
const dataDir = mkdtempSync(join(tmpdir(), 'hp-e2e-'));
log(`database ${database}, queue prefix ${queuePrefix}, DATA_DIR ${dataDir}, port ${port}`);

const api = spawn(process.execPath, [apiMain], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'development',
    PORT: port,
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    RUN_WORKER: 'inline',
    DATA_DIR: dataDir,
    ADMIN_INITIAL_PASSWORD: process.env.ADMIN_INITIAL_PASSWORD ?? 'E2e-Initial-Passw0rd!',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Every test signs in from 127.0.0.1; the default (20 per 5 minutes) is for the real world.
    LOGIN_RATE_LIMIT_MAX: process.env.LOGIN_RATE_LIMIT_MAX ?? '200',
  },
});

let cleaning;
function cleanUp(exitCode) {
  cleaning ??= (async () => {
    if (api.exitCode === null && api.signalCode === null) {
      const exited = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    try {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      log(`dropped ${database}`);
    } catch (err) {
      console.error(`[e2e-server] could not drop ${database}: ${err.message}`);
    }
    try {
      await deleteQueueKeys(queuePrefix);
    } catch (err) {
      console.error(`[e2e-server] could not delete the Redis keys under ${queuePrefix}: ${err.message}`);
    }
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(exitCode);
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void cleanUp(0));
api.on('exit', (code, signal) => {
  if (cleaning) return;
  log(`API exited (${signal ?? code})`);
  void cleanUp(code ?? 1);
});
