import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, deleteQueueKeys, TEST_REDIS_URL, TestDatabase, uniqueQueuePrefix } from '@health/core/testing';

const MAIN = join(__dirname, '../../../dist/apps/worker/src/main.js');

function run(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The built worker as `npm start` and docker compose run it. */
describe('worker process', () => {
  const prefix = uniqueQueuePrefix();
  const dataDir = mkdtempSync(join(tmpdir(), 'hp-worker-'));
  let database: TestDatabase;
  let worker: ReturnType<typeof run> | undefined;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`node tools/build.mjs\` first (npm test does)`);
    database = await createTestDatabase();
  });

  afterAll(async () => {
    if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
    await database.drop();
    await deleteQueueKeys(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without DATABASE_URL and says why', async () => {
    const started = run({ DATA_DIR: dataDir });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('The worker needs DATABASE_URL');
  });

  it('migrates, relays and handles events, and stops cleanly on SIGTERM', async () => {
    worker = run({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });
    const current = worker;
    await waitUntil(() => current.output().includes('worker started'), 30_000);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `INSERT INTO outbox (id, type, aggregate_type, aggregate_id, payload)
         VALUES (gen_random_uuid(), 'test.nothing_listens', 'thing', 't1', '{}') RETURNING id`,
      );
      // No handler is registered for this type: the event is still relayed, dispatched and closed.
      await waitUntil(async () => {
        const { rows: found } = await client.query('SELECT processed_at FROM outbox WHERE id = $1', [rows[0].id]);
        return found[0].processed_at !== null;
      }, 15_000);
    } finally {
      await client.end();
    }

    current.child.kill('SIGTERM');
    expect(await current.exited).toBe(0);
    expect(current.output()).toContain('shutdown complete');
  });
});
