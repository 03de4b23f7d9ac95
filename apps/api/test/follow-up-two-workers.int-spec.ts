import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
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
import { ADMIN, bearer, createUser, login, Session, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const WEBHOOK_SECRET = 'two-workers-webhook-secret';

interface Hit {
  body: string;
  signature: string | undefined;
}

/**
 * Issue 6: a follow-up step becomes due in two worker processes at once (both consume the same
 * queues, and both run the due handler again by hand): the client's webhook reminder reaches the
 * receiver exactly once, signed, and the staff in-app reminder exists once.
 */
describe('follow-up reminders with two worker processes', () => {
  let t: TestApp;
  let admin: Session;
  let receiver: Server;
  const hits: Hit[] = [];
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
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        hits.push({ body, signature: req.headers['x-signature'] as string | undefined });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    await request(t.http)
      .put('/api/v1/notification-settings')
      .set(bearer(admin))
      .send({
        // No quiet hours: the test must not depend on the time of day it runs at.
        quietStart: '00:00',
        quietEnd: '00:00',
        webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`,
        webhookSecret: WEBHOOK_SECRET,
      })
      .expect(200);
    workers = await Promise.all([startWorker(), startWorker()]);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('sends the client reminder once and the staff reminder once', async () => {
    const managerId = await createUser(t, admin, 'two.workers', ['manager']);
    const client = await request(t.http)
      .post('/api/v1/clients')
      .set(bearer(admin))
      .send({ name: '孙八', gender: 'male', birthDate: '1970-07-07', phone: '13700137000', managerId })
      .expect(201);
    await request(t.http)
      .post(`/api/v1/clients/${client.body.id}/consents`)
      .set(bearer(admin))
      .send({ kind: 'reminders', version: '2026-01', granted: true })
      .expect(201);
    const template = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '两个进程随访',
        trigger: { type: 'manual' },
        steps: [{ title: '两个进程随访', method: 'phone', offset: 'PT2S', windowDaysAfter: 1, clientChannels: ['webhook'] }],
      })
      .expect(201);
    const plan = await request(t.http)
      .post('/api/v1/follow-up-plans')
      .set(bearer(admin))
      .send({ clientId: client.body.id, templateId: template.body.id })
      .expect(201);
    const taskId = plan.body.tasks[0].id as string;

    const clientReminders = () => hits.filter((h) => JSON.parse(h.body).audience === 'client');
    await waitUntil(async () => clientReminders().length > 0, 30_000);
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

    expect(clientReminders()).toHaveLength(1);
    const [hit] = clientReminders();
    expect(hit.signature).toBe(`sha256=${createHmac('sha256', WEBHOOK_SECRET).update(hit.body).digest('hex')}`);
    expect(JSON.parse(hit.body)).toMatchObject({ template: 'follow-up.reminder', audience: 'client' });
    const rows = await sql<{ dedupe_key: string; channel: string; status: string }>(
      t,
      `SELECT dedupe_key, channel, status FROM notification WHERE dedupe_key LIKE $1 ORDER BY dedupe_key, channel`,
      [`follow-up-task:${taskId}:%`],
    );
    expect(rows).toEqual([
      { dedupe_key: `follow-up-task:${taskId}:due:client`, channel: 'webhook', status: 'sent' },
      { dedupe_key: `follow-up-task:${taskId}:due:staff`, channel: 'in_app', status: 'sent' },
    ]);
    const [{ status }] = await sql<{ status: string }>(t, `SELECT status FROM follow_up_task WHERE id = $1`, [taskId]);
    expect(status).toBe('due');
  }, 60_000);
});
