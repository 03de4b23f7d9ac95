import { DataSource } from 'typeorm';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { DispatchEventJob } from '../outbox/outbox.jobs';
import { JobQueues } from '../queue/job-queues';
import { JobSchedulers } from '../queue/job-schedulers';
import { ReconcileJob, Reconciler } from '../queue/reconciler';
import {
  CoreTestContext,
  countingThingHandler,
  createCoreTestContext,
  createTestDatabase,
  deleteQueueKeys,
  TestDatabase,
  ThingHappened,
  uniqueQueuePrefix,
  waitUntil,
} from '../testing';
import { RecurringJobs } from './recurring-jobs';

jest.setTimeout(30_000);

/** Redis loses jobs (flushed, replaced, restored from an old snapshot); PostgreSQL still has the rows. */
describe('reconciler', () => {
  const prefix = uniqueQueuePrefix();
  const env = { QUEUE_PREFIX: prefix, RECONCILE_INTERVAL_MS: '2000' };
  const runs: string[] = [];
  let database: TestDatabase;
  let producer: CoreTestContext;
  let worker: CoreTestContext | undefined;

  const processed = async (eventId: string): Promise<boolean> => {
    const [row] = await producer.app.get(DataSource).query('SELECT processed_at FROM outbox WHERE id = $1', [eventId]);
    return row.processed_at !== null;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    producer = await createCoreTestContext({ databaseUrl: database.url, env });
  });

  afterAll(async () => {
    await worker?.app.close();
    await producer.app.close();
    await database.drop();
    await deleteQueueKeys(prefix);
  });

  it('the scheduled reconciler brings back an event whose job was lost with Redis', async () => {
    const dataSource = producer.app.get(DataSource);
    const eventId = await dataSource.transaction((manager) =>
      producer.app
        .get(OutboxWriter)
        .append(manager, { event: ThingHappened, orgId: null, aggregateId: 't1', payload: { thingId: 't1' } }),
    );
    expect(await producer.app.get(OutboxRelay).relayOnce()).toBe(1);
    const queues = producer.app.get(JobQueues);
    expect(await queues.missingJobIds(DispatchEventJob, [eventId])).toEqual([]);

    expect(await deleteQueueKeys(prefix)).toBeGreaterThan(0);
    expect(await queues.missingJobIds(DispatchEventJob, [eventId])).toEqual([eventId]);

    // The worker starts after the loss: its relay sees nothing to publish (the row is marked
    // published), so only the reconciler job, scheduled at start, can bring the event back.
    worker = await createCoreTestContext({ databaseUrl: database.url, env, worker: true, imports: [countingThingHandler(runs)] });
    expect(await worker.app.get(JobSchedulers).find(ReconcileJob)).toMatchObject({ every: 2000, tz: 'Asia/Shanghai' });
    await waitUntil(() => processed(eventId), 15_000);
    expect(runs.filter((id) => id === eventId)).toHaveLength(1);
  });

  it('re-enqueues with the same job id, and the lost scheduler is restored', async () => {
    const app = worker!.app;
    await deleteQueueKeys(prefix);
    expect(await app.get(JobSchedulers).find(ReconcileJob)).toBeUndefined();

    // An event the relay had published before Redis lost it.
    const dataSource = app.get(DataSource);
    const eventId = await dataSource.transaction(async (manager) => {
      const id = await app
        .get(OutboxWriter)
        .append(manager, { event: ThingHappened, orgId: null, aggregateId: 't2', payload: { thingId: 't2' } });
      await manager.query('UPDATE outbox SET published_at = now() WHERE id = $1', [id]);
      return id;
    });

    const results = await app.get(Reconciler).reconcileAll();
    expect(results).toEqual([{ source: 'outbox', checked: 1, reenqueued: 1 }]);
    await waitUntil(() => processed(eventId), 15_000);
    expect(runs.filter((id) => id === eventId)).toHaveLength(1);

    // Nothing is left to re-enqueue, and running the reconciler again changes nothing.
    expect(await app.get(Reconciler).reconcileAll()).toEqual([{ source: 'outbox', checked: 0, reenqueued: 0 }]);

    await app.get(RecurringJobs).check();
    expect(await app.get(JobSchedulers).find(ReconcileJob)).toMatchObject({ every: 2000, tz: 'Asia/Shanghai' });
  });
});
