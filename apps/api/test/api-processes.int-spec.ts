import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteQueueKeys,
  TestDatabase,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitUntil,
} from '@health/core/testing';

const MAIN = join(__dirname, '../../../dist/apps/api/src/main.js');
const PORT = 3198;

/** Pids of the live processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is the state (Z: exited, not yet reaped), fields[1] the parent pid.
      if (Number(fields[1]) === pid && fields[0] !== 'Z') children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

async function healthy(): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/health`);
    return res.ok && ((await res.json()) as { status: string }).status === 'ok';
  } catch {
    return false;
  }
}

/** API_PROCESSES=2 on PostgreSQL: one supervisor, two API processes on one port, a dead one replaced. */
describe('built API with API_PROCESSES=2', () => {
  let database: TestDatabase;
  let supervisor: ChildProcess;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'hp-processes-'));
  const queuePrefix = uniqueQueuePrefix();

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`node tools/build.mjs\` first (npm test does)`);
    database = await createTestDatabase();
    supervisor = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        DATA_DIR: dataDir,
        PORT: String(PORT),
        API_PROCESSES: '2',
        RUN_WORKER: 'separate',
        QUEUE_PREFIX: queuePrefix,
        ADMIN_INITIAL_PASSWORD: 'Clinic-Bootstrap-Pass-2026',
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
        JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor.stdout!.on('data', (chunk) => (output += chunk));
    supervisor.stderr!.on('data', (chunk) => (output += chunk));
  });

  afterAll(async () => {
    if (supervisor.exitCode === null) supervisor.kill('SIGKILL');
    for (const pid of childrenOf(supervisor.pid!)) process.kill(pid, 'SIGKILL');
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    await deleteQueueKeys(queuePrefix);
  });

  it('serves from two processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    await waitUntil(
      async () => childrenOf(supervisor.pid!).length === 2 && (output.match(/API process listening/g) ?? []).length === 2,
      90_000,
    );
    expect(await healthy()).toBe(true);
    // Two whole APIs: each logged its own start.
    expect((output.match(/API listening/g) ?? []).length).toBe(2);

    const [victim] = childrenOf(supervisor.pid!);
    process.kill(victim, 'SIGKILL');
    await waitUntil(async () => {
      const children = childrenOf(supervisor.pid!);
      return children.length === 2 && !children.includes(victim) && (output.match(/API process listening/g) ?? []).length === 3;
    }, 60_000);
    expect(output).toContain('API process died; starting another');
    for (let i = 0; i < 6; i++) expect(await healthy()).toBe(true);

    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', resolve));
    supervisor.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('all API processes stopped');
  }, 180_000);
});
