import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { parseConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { deleteQueueKeys, TEST_REDIS_URL, uniqueQueuePrefix } from '../testing';
import { defineJob } from './job-definition';
import { JobQueues } from './job-queues';
import { JobSchedulers } from './job-schedulers';
import { QueueModule } from './queue.module';

const PingJob = defineJob<{ thingId: string }>({ queue: 'test-pings', name: 'ping' });
const DigestJob = defineJob<{ kind: string }>({ queue: 'test-digests', name: 'daily-digest' });

jest.setTimeout(30_000);

describe('job queues and schedulers (Redis)', () => {
  const prefix = uniqueQueuePrefix();
  let app: INestApplicationContext;
  let inspect: Queue;

  beforeAll(async () => {
    const config = parseConfig({ NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' });
    @Module({ imports: [ConfigModule.forRoot(config), QueueModule] })
    class QueuesOnly {}
    app = await NestFactory.createApplicationContext(QueuesOnly, { logger: false });
    inspect = new Queue(PingJob.queue, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterAll(async () => {
    await inspect.close();
    await app.close();
    await deleteQueueKeys(prefix);
  });

  it('keeps one job per job id however often it is enqueued', async () => {
    const queues = app.get(JobQueues);
    await queues.enqueue(PingJob, { thingId: 't-1' }, { jobId: 'row-1' });
    await queues.enqueue(PingJob, { thingId: 't-1' }, { jobId: 'row-1' });
    await queues.enqueueMany(PingJob, [
      { payload: { thingId: 't-1' }, jobId: 'row-1' },
      { payload: { thingId: 't-2' }, jobId: 'row-2', runAt: new Date(Date.now() + 60_000) },
    ]);
    expect(await inspect.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 1 });
    const job = await inspect.getJob('row-1');
    expect(job?.name).toBe('ping');
    expect(job?.data).toEqual({ thingId: 't-1' });
    expect(job?.opts.attempts).toBe(5);
  });

  it('tells which job ids Redis does not have, and removes waiting jobs', async () => {
    const queues = app.get(JobQueues);
    expect(await queues.missingJobIds(PingJob, ['row-1', 'row-2', 'row-3'])).toEqual(['row-3']);
    await queues.remove(PingJob, 'row-2');
    expect(await queues.missingJobIds(PingJob, ['row-1', 'row-2'])).toEqual(['row-2']);
  });

  it('upserting a scheduler twice keeps one scheduler, in the configured time zone', async () => {
    const schedulers = app.get(JobSchedulers);
    await schedulers.upsert(DigestJob, { pattern: '0 8 * * *' }, { kind: 'overdue' });
    await schedulers.upsert(DigestJob, { pattern: '30 8 * * *' }, { kind: 'overdue' });
    const digests = new Queue(DigestJob.queue, { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      expect(await digests.getJobSchedulersCount()).toBe(1);
      expect(await digests.getJobCounts('delayed')).toEqual({ delayed: 1 });
    } finally {
      await digests.close();
    }
    const found = await schedulers.find(DigestJob);
    expect(found).toMatchObject({ id: 'daily-digest', pattern: '30 8 * * *', tz: 'Asia/Shanghai' });
    // 08:30 in Shanghai (UTC+8, no daylight saving) is 00:30 UTC.
    expect(found?.next?.getUTCHours()).toBe(0);
    expect(found?.next?.getUTCMinutes()).toBe(30);
  });

  it('takes an explicit time zone per scheduler', async () => {
    const schedulers = app.get(JobSchedulers);
    await schedulers.upsert(DigestJob, { pattern: '0 8 * * *' }, { kind: 'utc' }, { id: 'digest-utc', tz: 'UTC' });
    const found = await schedulers.find(DigestJob, { id: 'digest-utc' });
    expect(found).toMatchObject({ tz: 'UTC', pattern: '0 8 * * *' });
    expect(found?.next?.getUTCHours()).toBe(8);
    expect(await schedulers.remove(DigestJob, { id: 'digest-utc' })).toBe(true);
    expect(await schedulers.find(DigestJob, { id: 'digest-utc' })).toBeUndefined();
  });
});
