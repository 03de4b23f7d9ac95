import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { waitUntil } from '@health/core/testing';
import { startWebhookReceiver, useWebhook, WebhookReceiver } from './follow-up-helpers';
import { ADMIN, bearer, login, Session, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const WORKER_MAIN = join(__dirname, '../../../dist/apps/worker/src/main.js');
/** A killed worker's job is handed on within about twice this (lock lapse + stalled check). */
const JOB_LOCK_MS = 1500;

/**
 * Issue 6: a worker process is killed with SIGKILL in the middle of a follow-up's due job (its
 * transaction is open, waiting on a row the test holds). PostgreSQL rolls that transaction back,
 * BullMQ sees the job stalled once the dead worker's lock lapses, another worker process runs it
 * again, and the client's reminder reaches the receiver exactly once.
 */
describe('a worker process killed mid-job', () => {
  let t: TestApp;
  let admin: Session;
  let receiver: WebhookReceiver;
  const children: ChildProcess[] = [];

  /** The built worker (`npm test` builds before jest runs) as its own OS process on the test's database and queues. */
  function startWorker(): ChildProcess {
    const config = t.config;
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: t.database.url,
        REDIS_URL: config.redisUrl,
        DATA_DIR: config.dataDir,
        DATA_ENCRYPTION_KEY: config.dataEncryptionKey,
        BLIND_INDEX_KEY: config.blindIndexKey,
        JWT_SECRET: config.jwtSecret,
        QUEUE_PREFIX: config.queuePrefix,
        JOB_LOCK_MS: String(JOB_LOCK_MS),
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN))
      throw new Error(`${WORKER_MAIN} is missing: run \`node tools/build.mjs --server\` first (npm test does)`);
    receiver = await startWebhookReceiver();
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    await useWebhook(t, admin, receiver.url, 'killed-worker-webhook-secret');
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t.close();
    await receiver.close();
  });

  /** The client reminders the receiver got for a task. */
  const remindersOf = (taskId: string) =>
    receiver.hits.filter((hit) => {
      const message = JSON.parse(hit.body);
      return message.audience === 'client' && message.variables?.taskId === taskId;
    });

  it('retries the due job in another process after SIGKILL: the reminder is sent once', async () => {
    const template = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '进程被杀随访',
        trigger: { type: 'manual' },
        steps: [{ title: '进程被杀随访', method: 'phone', offset: 'PT1S', windowDaysAfter: 1, clientChannels: ['webhook'] }],
      })
      .expect(201);
    const [manager] = await sql<{ id: string }>(t, `SELECT id FROM staff_user WHERE username = $1`, [ADMIN.username]);
    const client = await request(t.http)
      .post('/api/v1/clients')
      .set(bearer(admin))
      .send({ name: '钱九', gender: 'male', birthDate: '1968-08-08', phone: '13800138009', managerId: manager.id })
      .expect(201);
    await request(t.http)
      .post(`/api/v1/clients/${client.body.id}/consents`)
      .set(bearer(admin))
      .send({ kind: 'reminders', version: '2026-01', granted: true })
      .expect(201);
    const plan = await request(t.http)
      .post('/api/v1/follow-up-plans')
      .set(bearer(admin))
      .send({ clientId: client.body.id, templateId: template.body.id })
      .expect(201);
    const taskId: string = plan.body.tasks[0].id;

    // Hold the task's row: the first worker's due job will wait for it inside its transaction.
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM follow_up_task WHERE id = $1 FOR UPDATE', [taskId]);

      const first = startWorker();
      await waitUntil(async () => {
        const waiting = await sql(
          t,
          `SELECT 1 FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE follow_up_task%'`,
        );
        return waiting.length > 0;
      }, 30_000);
      const exited = new Promise((resolve) => first.once('exit', resolve));
      first.kill('SIGKILL');
      await exited;
    } finally {
      // The dead worker's transaction gets the row, finds its client gone and is rolled back.
      await holder.query('COMMIT');
      await holder.end();
    }
    expect(remindersOf(taskId)).toHaveLength(0);

    startWorker();
    await waitUntil(async () => remindersOf(taskId).length > 0, 30_000);
    // Long enough for a second lock lapse and stalled check: nothing more may arrive.
    await new Promise((r) => setTimeout(r, 3 * JOB_LOCK_MS));

    expect(remindersOf(taskId)).toHaveLength(1);
    expect(
      await sql(t, `SELECT channel, status, attempts FROM notification WHERE dedupe_key LIKE $1 ORDER BY dedupe_key, channel`, [
        `follow-up-task:${taskId}:%`,
      ]),
    ).toEqual([
      { channel: 'webhook', status: 'sent', attempts: 1 },
      { channel: 'in_app', status: 'sent', attempts: 1 },
    ]);
    expect((await sql<{ status: string }>(t, `SELECT status FROM follow_up_task WHERE id = $1`, [taskId]))[0].status).toBe('due');
  }, 90_000);
});
