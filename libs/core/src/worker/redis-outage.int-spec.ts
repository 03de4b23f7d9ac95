import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '../outbox/outbox-writer';
import { QueueHealth } from '../queue/queue-health';
import {
  CoreTestContext,
  countingThingHandler,
  createCoreTestContext,
  createTestDatabase,
  deleteQueueKeys,
  RedisProxy,
  startRedisProxy,
  TestDatabase,
  ThingHappened,
  uniqueQueuePrefix,
  waitUntil,
} from '../testing';

const messages = (spy: jest.SpyInstance, pattern: RegExp) =>
  spy.mock.calls.map(([m]) => String(m)).filter((m) => pattern.test(m));

jest.setTimeout(30_000);

/** Redis goes away while a worker runs, and comes back. */
describe('worker through a Redis outage', () => {
  const prefix = uniqueQueuePrefix();
  const runs: string[] = [];
  const warn = jest.spyOn(Logger.prototype, 'warn');
  const log = jest.spyOn(Logger.prototype, 'log');
  let proxy: RedisProxy;
  let database: TestDatabase;
  let worker: CoreTestContext;

  const appendEvent = (thingId: string) =>
    worker.app
      .get(DataSource)
      .transaction((manager) =>
        worker.app
          .get(OutboxWriter)
          .append(manager, { event: ThingHappened, orgId: null, aggregateId: thingId, payload: { thingId } }),
      );
  const processed = async (eventId: string) =>
    (await worker.app.get(DataSource).query('SELECT processed_at FROM outbox WHERE id = $1', [eventId]))[0].processed_at !== null;

  beforeAll(async () => {
    proxy = await startRedisProxy();
    database = await createTestDatabase();
    worker = await createCoreTestContext({
      databaseUrl: database.url,
      env: { REDIS_URL: proxy.url, QUEUE_PREFIX: prefix, SHUTDOWN_TIMEOUT_MS: '4000' },
      worker: true,
      imports: [countingThingHandler(runs)],
    });
  });

  afterAll(async () => {
    warn.mockRestore();
    log.mockRestore();
    await proxy.close();
    await database.drop();
    await deleteQueueKeys(prefix);
  });

  it('keeps events in PostgreSQL while Redis is down and handles them once it is back', async () => {
    const before = await appendEvent('before');
    await waitUntil(() => processed(before), 10_000);

    await proxy.cut();
    await waitUntil(async () => (await worker.app.get(QueueHealth).status()) === 'down', 5000);
    const during = await appendEvent('during');
    // Several reconnect attempts (0.5 s, 1 s, 1.5 s apart) fail meanwhile.
    await new Promise((r) => setTimeout(r, 3000));
    const [row] = await worker.app.get(DataSource).query('SELECT published_at FROM outbox WHERE id = $1', [during]);
    expect(row.published_at).toBeNull();

    const restoredAt = Date.now();
    await proxy.restore();
    await waitUntil(() => processed(during), 15_000);
    console.log(`event written during the outage handled ${Date.now() - restoredAt} ms after Redis returned`);
    expect(runs.filter((id) => id === during)).toHaveLength(1);
    expect(runs.filter((id) => id === before)).toHaveLength(1);
  });

  it('logged one warning for the outage and one line for the recovery', () => {
    expect(messages(warn, /is unreachable/)).toHaveLength(1);
    expect(messages(log, /reachable again/)).toHaveLength(1);
    const aboutRedis = messages(warn, /redis|queue|worker|relay|ECONN|closed/i);
    expect(aboutRedis).toEqual(messages(warn, /is unreachable/));
  });

  it('shuts down in bounded time even while Redis is down', async () => {
    await proxy.cut();
    await waitUntil(async () => (await worker.app.get(QueueHealth).status()) === 'down', 5000);
    const started = Date.now();
    await worker.app.close();
    const elapsed = Date.now() - started;
    console.log(`closed the worker context in ${elapsed} ms with Redis down`);
    expect(elapsed).toBeLessThan(4000);
  });
});
