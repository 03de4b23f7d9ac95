import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { defineJob, DispatchEventJob, JobQueues, OutboxRelay, OutboxWriter, QUEUE_UNAVAILABLE } from '@health/core';
import { createCoreTestContext, deleteQueueKeys, uniqueQueuePrefix, ThingHappened } from '@health/core/testing';
import { createTestApp, TestApp } from './test-app';

const DEAD_REDIS = 'redis://127.0.0.1:1';
const TIMEOUT_MS = 800;
const ReminderJob = defineJob<{ taskId: string }>({ queue: 'test-reminders', name: 'send-reminder' });

/** Redis is unreachable from the start: the API serves anyway and nothing is lost. */
describe('queue down', () => {
  const prefix = uniqueQueuePrefix();
  const warn = jest.spyOn(Logger.prototype, 'warn');
  let t: TestApp;
  let startMs: number;

  beforeAll(async () => {
    const started = Date.now();
    t = await createTestApp({
      REDIS_URL: DEAD_REDIS,
      QUEUE_PREFIX: prefix,
      QUEUE_TIMEOUT_MS: String(TIMEOUT_MS),
      ADMIN_INITIAL_PASSWORD: 'Queue-Down-Test-Pass-2026',
    });
    startMs = Date.now() - started;
  });

  afterAll(async () => {
    warn.mockRestore();
    await t.close();
    await deleteQueueKeys(prefix);
  });

  it('starts and reports the queue down in /api/health', async () => {
    expect(startMs).toBeLessThan(10_000);
    const res = await request(t.http).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'degraded', database: 'up', queue: 'down' });
  });

  it('fails a producer with QUEUE_UNAVAILABLE within the timeout instead of hanging', async () => {
    const queues = t.app.get(JobQueues);
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      await expect(queues.enqueue(ReminderJob, { taskId: 'task-1' }, { jobId: 'task-1' })).rejects.toMatchObject({
        statusCode: 503,
        code: QUEUE_UNAVAILABLE,
      });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    }
    expect(await queues.enqueueIfAvailable(ReminderJob, { taskId: 'task-1' }, { jobId: 'task-1' })).toBe(false);
  });

  it('keeps an event written meanwhile in PostgreSQL, and relays it once Redis is reachable', async () => {
    const dataSource = t.app.get(DataSource);
    const eventId = await dataSource.transaction((manager) =>
      t.app.get(OutboxWriter).append(manager, { event: ThingHappened, orgId: null, aggregateId: 'x', payload: { thingId: 'x' } }),
    );
    await expect(t.app.get(OutboxRelay).relayOnce()).rejects.toMatchObject({ code: QUEUE_UNAVAILABLE });
    expect(await dataSource.query('SELECT published_at FROM outbox WHERE id = $1', [eventId])).toEqual([{ published_at: null }]);

    // A worker on the same database with a reachable Redis publishes it.
    const worker = await createCoreTestContext({ databaseUrl: t.database.url, env: { QUEUE_PREFIX: prefix } });
    try {
      expect(await worker.app.get(OutboxRelay).relayOnce()).toBe(1);
      expect(await worker.app.get(JobQueues).missingJobIds(DispatchEventJob, [eventId])).toEqual([]);
    } finally {
      await worker.app.close();
    }
    const [row] = await dataSource.query('SELECT published_at FROM outbox WHERE id = $1', [eventId]);
    expect(row.published_at).toBeInstanceOf(Date);
  });

  it('warns once about the outage, not once per reconnect attempt', async () => {
    // Reconnect attempts run every 0.5 s, 1 s, 1.5 s …: by now several have failed.
    await new Promise((r) => setTimeout(r, 1500));
    const outageWarnings = warn.mock.calls.filter(([message]) => String(message).includes('is unreachable'));
    expect(outageWarnings).toHaveLength(1);
    expect(String(outageWarnings[0][0])).toContain('127.0.0.1:1');
    const aboutRedis = warn.mock.calls.filter(([message]) => /redis|queue|ECONN/i.test(String(message)));
    expect(aboutRedis).toEqual(outageWarnings);
  });
});
