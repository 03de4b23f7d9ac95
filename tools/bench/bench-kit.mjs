// What the benchmark scripts share: arguments, the server PostgreSQL, and starting the built API as
// a separate process on a benchmark database and signing in to it.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** ADMIN_INITIAL_PASSWORD of every benchmark API: its first administrator signs in with it. */
export const ADMIN_PASSWORD = 'Bench-Runner-Pass-2026';

/** `--name value` from the command line as a number, or the fallback. */
export function arg(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

/** The URL of a database named `name` on the server of ADMIN_URL. */
export const databaseUrlOf = (name) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

/** Resolves once `url` answers below 500; throws if `child` exits first or after a minute. */
export async function waitFor(url, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * Starts `<build>/apps/api/src/main.js` (the repository's `dist/` unless `build` names another copy
 * of it) on the database (migrating it and creating the administrator on a fresh one), without job
 * processors, with fresh secrets unless `env` gives them; resolves with the child process once
 * /api/health answers.
 */
export async function startApi({ databaseUrl, port, dataDir, env = {}, build = join(root, 'dist') }) {
  // e.g. `BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the API under the load.
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const api = spawn(process.execPath, [...nodeArgs, join(build, 'apps/api/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      RUN_WORKER: 'separate',
      QUEUE_PREFIX: `hp-bench-${randomBytes(3).toString('hex')}`,
      ADMIN_INITIAL_PASSWORD: ADMIN_PASSWORD,
      LOGIN_RATE_LIMIT_MAX: '100000',
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${port}/api/health`, api);
  return api;
}

/** Signs the first administrator in; the login response (`accessToken`, `user`…). */
export async function signIn(port) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** User and system CPU seconds and the parent pid of a process, from /proc (Linux); null when it is gone. */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      parent: Number(fields[1]),
      cpu: (Number(fields[11]) + Number(fields[12])) / 100,
      /** Of its children that have ended (and been waited for). */
      endedChildrenCpu: (Number(fields[13]) + Number(fields[14])) / 100,
    };
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system) a process has used, with those of its live child processes (the API
 * processes of an `API_PROCESSES` supervisor); 0 where /proc is absent.
 */
export function cpuSecondsOf(pid) {
  let total = procStat(pid)?.cpu ?? 0;
  for (const child of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const stat = procStat(child);
    if (stat?.parent === pid) total += stat.cpu;
  }
  return total;
}

/**
 * CPU seconds of every PostgreSQL server process (the backends both servers talk to, and the rest),
 * including backends that have ended since (the server's main process counts them when it reaps them).
 */
export function postgresCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      const stat = procStat(pid);
      if (stat) total += stat.cpu + stat.endedChildrenCpu;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
