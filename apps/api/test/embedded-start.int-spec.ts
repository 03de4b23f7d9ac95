import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteQueueKeys, uniqueQueuePrefix } from '@health/core/testing';

const MAIN = join(__dirname, '../../../dist/apps/api/src/main.js');
const PORT = 3197;

async function waitForHealth(deadline: number): Promise<{ status: string; database: string; queue: string }> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (res.ok) return (await res.json()) as { status: string; database: string; queue: string };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the API did not answer /api/health in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function waitFor(condition: () => boolean, deadline: number): Promise<void> {
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The path `npm start` takes on a fresh clone: no DATABASE_URL, so embedded PGlite under DATA_DIR. */
describe('built API on the embedded database', () => {
  let child: ChildProcess;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'hp-embedded-'));
  const queuePrefix = uniqueQueuePrefix();

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`node tools/build.mjs\` first (npm test does)`);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: String(PORT),
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: queuePrefix,
    };
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await deleteQueueKeys(queuePrefix);
  });

  it('starts, migrates, says which database it uses, serves health and stops on SIGTERM', async () => {
    const health = await waitForHealth(Date.now() + 90_000);
    expect(health.database).toBe('up');
    expect(output).toContain('using the embedded PGlite database');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(true);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toContain('jwtSecret');
    // First start on an empty database: demo organisation and its logins are printed for the newcomer.
    await waitFor(() => output.includes('demo.manager'), Date.now() + 150_000);
    expect(output).toMatch(/200 clients, \d+ archives; cards: /);
    expect(output).toContain('Demo-Health-2026!');

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutdown complete');
  }, 240_000);
});
