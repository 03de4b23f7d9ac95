import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DispatchEventJob, EventDispatcher, OutboxWriter, parseConfig } from '@health/core';
import {
  createTestDatabase,
  deleteQueueKeys,
  TEST_REDIS_URL,
  TestDatabase,
  uniqueQueuePrefix,
  thingHandlerModule,
  ThingHappened,
  waitUntil,
} from '@health/core/testing';
import { randomBytes } from 'node:crypto';
// The worker's one migration list, as apps/worker/src/main.ts uses it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { API_MIGRATIONS } from '../../api/src/migrations';
import { WorkerModule } from '../src/worker.module';

interface HandlerRun {
  worker: string;
  eventId: string;
}

/** What a domain module would do: react to an event with database work in the given transaction. */
function countingHandlers(worker: string, runs: HandlerRun[]): DynamicModule {
  return thingHandlerModule('test.record-thing', async (event, manager) => {
    runs.push({ worker, eventId: event.id });
    await manager.query('INSERT INTO test_effects (event_id, thing_id) VALUES ($1, $2)', [event.id, event.payload.thingId]);
  });
}

/** Two worker processes (two Nest contexts) on one database and one Redis, as in production. */
describe('outbox relay with two workers', () => {
  const prefix = uniqueQueuePrefix();
  const runs: HandlerRun[] = [];
  let database: TestDatabase;
  let workers: INestApplicationContext[];
  let dataSource: DataSource;

  async function startWorker(name: string): Promise<INestApplicationContext> {
    const config = parseConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      ADMIN_INITIAL_PASSWORD: 'Worker-Test-Bootstrap-2026',
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    @Module({
      imports: [
        WorkerModule.register({
          config,
          database: { url: database.url, embedded: false, migrations: API_MIGRATIONS, runMigrations: true },
        }),
        countingHandlers(name, runs),
      ],
    })
    class TestWorker {}
    return NestFactory.createApplicationContext(TestWorker, { logger: false });
  }

  const count = async (sql: string): Promise<number> => Number((await dataSource.query(sql))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    // Both start together: their migrations serialise on the advisory lock.
    workers = await Promise.all([startWorker('worker-a'), startWorker('worker-b')]);
    dataSource = workers[0].get(DataSource);
    await dataSource.query('CREATE TABLE test_effects (event_id uuid NOT NULL, thing_id text NOT NULL)');
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await database.drop();
    await deleteQueueKeys(prefix);
  });

  it('relays and handles one event exactly once', async () => {
    const writer = workers[1].get(OutboxWriter);
    const eventId = await dataSource.transaction((manager) =>
      writer.append(manager, { event: ThingHappened, orgId: null, aggregateId: 'thing-1', payload: { thingId: 'thing-1' } }),
    );
    await waitUntil(async () => (await count(`SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL`)) === 0, 15_000);
    expect(runs.filter((r) => r.eventId === eventId)).toHaveLength(1);
    expect(await dataSource.query('SELECT thing_id FROM test_effects')).toEqual([{ thing_id: 'thing-1' }]);
    expect(await count(`SELECT count(*) AS n FROM processed_events WHERE event_id = '${eventId}'`)).toBe(1);
  });

  it('handles 200 events written from both processes exactly once each', async () => {
    const total = 200;
    const started = Date.now();
    await Promise.all(
      workers.map((worker, w) =>
        dataSource.transaction(async (manager) => {
          for (let i = 0; i < total / 2; i++) {
            const thingId = `bulk-${w}-${i}`;
            await worker
              .get(OutboxWriter)
              .append(manager, { event: ThingHappened, orgId: null, aggregateId: thingId, payload: { thingId } });
          }
        }),
      ),
    );
    await waitUntil(async () => (await count(`SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL`)) === 0, 30_000);
    const elapsed = Date.now() - started;

    expect(await count(`SELECT count(*) AS n FROM test_effects WHERE thing_id LIKE 'bulk-%'`)).toBe(total);
    expect(await count(`SELECT count(DISTINCT thing_id) AS n FROM test_effects WHERE thing_id LIKE 'bulk-%'`)).toBe(total);
    const bulkRuns = runs.filter((r) => r.eventId !== runs[0].eventId);
    expect(bulkRuns).toHaveLength(total);
    expect(new Set(bulkRuns.map((r) => r.eventId)).size).toBe(total);

    const queue = new Queue(DispatchEventJob.queue, { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({
        completed: total + 1,
        failed: 0,
        waiting: 0,
        active: 0,
      });
    } finally {
      await queue.close();
    }
    const byWorker = bulkRuns.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.worker]: (acc[r.worker] ?? 0) + 1 }), {});
    console.log(`${total} events relayed and handled in ${elapsed} ms; handler runs per worker: ${JSON.stringify(byWorker)}`);
  });

  it('does the work once when both workers dispatch the same event at the same time', async () => {
    const eventId = await dataSource.transaction((manager) =>
      workers[0]
        .get(OutboxWriter)
        .append(manager, { event: ThingHappened, orgId: null, aggregateId: 'race', payload: { thingId: 'race' } }),
    );
    const dispatchers = workers.map((w) => w.get(EventDispatcher));
    await Promise.all([...dispatchers, ...dispatchers].map((d) => d.dispatch(eventId)));
    await waitUntil(async () => (await count(`SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL`)) === 0, 15_000);
    expect(runs.filter((r) => r.eventId === eventId)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM test_effects WHERE thing_id = 'race'`)).toBe(1);
  });
});
