import { createHmac } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { JobHandlers } from '@health/core';
import { waitUntil } from '@health/core/testing';
import { FollowUpTaskDueJob } from '@health/follow-ups';
// The worker process's own module, exactly as apps/worker/src/main.ts starts it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WorkerModule } from '../../worker/src/worker.module';
import { API_MIGRATIONS } from '../src/migrations';
import { startWebhookReceiver, useWebhook, WebhookReceiver } from './follow-up-helpers';
import { ADMIN, bearer, createUser, login, Session, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const WEBHOOK_SECRET = 'two-workers-webhook-secret';

/**
 * Issue 6: a follow-up step becomes due in two workers at once (two worker application contexts in
 * this process, each with its own Redis and PostgreSQL connections, consuming the same queues, and
 * both run the due handler again by hand): the client's webhook reminder reaches the receiver
 * exactly once, signed, and the staff in-app reminder exists once. Separate OS processes and a
 * SIGKILL: follow-up-worker-killed.int-spec.ts.
 */
describe('follow-up reminders with two workers', () => {
  let t: TestApp;
  let admin: Session;
  let receiver: WebhookReceiver;
  let workers: INestApplicationContext[] = [];

  async function startWorker(): Promise<INestApplicationContext> {
    return NestFactory.createApplicationContext(
      WorkerModule.register({
        config: t.config,
        database: { url: t.database.url, embedded: false, migrations: API_MIGRATIONS, runMigrations: false },
      }),
      { logger: false },
    );
  }

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    await useWebhook(t, admin, receiver.url, WEBHOOK_SECRET);
    managerId = await createUser(t, admin, 'two.workers', ['manager']);
    const template = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '两个进程随访',
        trigger: { type: 'manual' },
        steps: [{ title: '两个进程随访', method: 'phone', offset: 'PT2S', windowDaysAfter: 1, clientChannels: ['webhook'] }],
      })
      .expect(201);
    templateId = template.body.id;
    workers = await Promise.all([startWorker(), startWorker()]);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t.close();
    await receiver.close();
  });

  let templateId: string;
  let managerId: string;

  /** A client with reminder consent and a plan whose one task becomes due two seconds from now. */
  async function dueSoon(name: string, phone: string): Promise<string> {
    const client = await request(t.http)
      .post('/api/v1/clients')
      .set(bearer(admin))
      .send({ name, gender: 'male', birthDate: '1970-07-07', phone, managerId })
      .expect(201);
    await request(t.http)
      .post(`/api/v1/clients/${client.body.id}/consents`)
      .set(bearer(admin))
      .send({ kind: 'reminders', version: '2026-01', granted: true })
      .expect(201);
    const plan = await request(t.http)
      .post('/api/v1/follow-up-plans')
      .set(bearer(admin))
      .send({ clientId: client.body.id, templateId })
      .expect(201);
    return plan.body.tasks[0].id as string;
  }

  const notificationsOf = (taskId: string) =>
    sql<{ dedupe_key: string; channel: string; status: string }>(
      t,
      `SELECT dedupe_key, channel, status FROM notification WHERE dedupe_key LIKE $1 ORDER BY dedupe_key, channel`,
      [`follow-up-task:${taskId}:%`],
    );
  const statusOf = async (taskId: string) =>
    (await sql<{ status: string }>(t, `SELECT status FROM follow_up_task WHERE id = $1`, [taskId]))[0].status;

  const clientRemindersOf = (taskId: string) =>
    receiver.hits.filter((h) => {
      const body = JSON.parse(h.body);
      return body.audience === 'client' && body.variables?.taskId === taskId;
    });

  it('sends the client reminder once and the staff reminder once', async () => {
    const taskId = await dueSoon('孙八', '13700137000');
    await waitUntil(async () => clientRemindersOf(taskId).length > 0, 30_000);
    // Both processes run the due handler again, at the same time, as a retry or a race would.
    await Promise.all(
      workers.map((w) =>
        w.get(JobHandlers).handlerFor(FollowUpTaskDueJob.queue, FollowUpTaskDueJob.name)!(
          { taskId },
          { jobId: `${taskId}.due`, attempt: 2 },
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, 2_000));

    expect(clientRemindersOf(taskId)).toHaveLength(1);
    const [hit] = clientRemindersOf(taskId);
    expect(hit.signature).toBe(`sha256=${createHmac('sha256', WEBHOOK_SECRET).update(hit.body).digest('hex')}`);
    expect(JSON.parse(hit.body)).toMatchObject({ template: 'follow-up.reminder', audience: 'client' });
    expect(await notificationsOf(taskId)).toEqual([
      { dedupe_key: `follow-up-task:${taskId}:due:client`, channel: 'webhook', status: 'sent' },
      { dedupe_key: `follow-up-task:${taskId}:due:staff`, channel: 'in_app', status: 'sent' },
    ]);
    expect(await statusOf(taskId)).toBe('due');
  }, 60_000);

  it('a due job that dies inside its transaction is retried and leaves one reminder', async () => {
    // The first notification insert of the next task fails, as if the worker died mid-job: the
    // task's status change rolls back with it, and BullMQ's retry does the whole job once.
    await sql(t, `CREATE SEQUENCE die_once`);
    await sql(
      t,
      `CREATE FUNCTION die_once() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF nextval('die_once') = 1 THEN RAISE EXCEPTION 'worker died mid-job'; END IF;
         RETURN NEW;
       END $$`,
    );
    await sql(t, `CREATE TRIGGER die_once BEFORE INSERT ON notification FOR EACH ROW EXECUTE FUNCTION die_once()`);
    const taskId = await dueSoon('周九', '13600136000');
    await waitUntil(async () => clientRemindersOf(taskId).length > 0, 40_000);
    await new Promise((r) => setTimeout(r, 2_000));
    const [{ calls }] = await sql<{ calls: string }>(t, `SELECT last_value AS calls FROM die_once`);
    expect(Number(calls)).toBeGreaterThan(1);
    expect(clientRemindersOf(taskId)).toHaveLength(1);
    expect(await notificationsOf(taskId)).toHaveLength(2);
    expect(await statusOf(taskId)).toBe('due');
  }, 60_000);
});
