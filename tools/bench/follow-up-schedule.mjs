#!/usr/bin/env node
// Benchmark (not a test): scheduling follow-up jobs through the real code (TaskScheduler →
// JobQueues → BullQueues, as plan creation calls it: one `schedule` per client's plan) against raw
// BullMQ `addBulk` of the same jobs (same ids, payloads, delays and options), in the same run on the
// same Redis. Goal (issue 6): ≥ 0.7 of raw throughput and ≤ 1.3× its Redis memory per job.
//
// Each client gets 10 tasks (due over the next year), each task two delayed jobs (`<id>.due` at
// its reminder moment, `<id>.missed` at its window's end). Clients are scheduled `--concurrency` at
// a time. Redis memory per job is INFO `used_memory` after minus before, divided by the jobs; the
// keys of each phase are deleted before the next, so both start from the same baseline. Redis is
// shared with whatever else runs on it, so small runs are noisy: prefer the default size.
//
// Usage: node tools/bench/follow-up-schedule.mjs [--clients 100000] [--tasks 10] [--concurrency 50] [--no-build]
// Needs Redis (REDIS_URL, default redis://127.0.0.1:6379); PostgreSQL is not touched.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { arg, root } from './bench-kit.mjs';

const CLIENTS = arg('clients', 100_000);
const TASKS_PER_CLIENT = arg('tasks', 10);
const CONCURRENCY = arg('concurrency', 50);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY_MS = 86_400_000;

if (!process.argv.includes('--no-build'))
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { cwd: root, stdio: 'inherit' });

const require = createRequire(import.meta.url);
const core = require(join(root, 'dist/libs/core/src/index.js'));
const { BullQueues } = require(join(root, 'dist/libs/core/src/queue/bull-queues.js'));
const { jobRunOptions } = require(join(root, 'dist/libs/core/src/queue/job-options.js'));
const { TaskScheduler } = require(join(root, 'dist/libs/follow-ups/src/scheduling/task-scheduler.js'));
const jobs = require(join(root, 'dist/libs/follow-ups/src/follow-ups.jobs.js'));
const { Queue } = require('bullmq');
const { Redis } = require('ioredis');

/** The tasks of one client's plan: ids and moments only, as the task rows give them. */
function planOf(start) {
  return Array.from({ length: TASKS_PER_CLIENT }, (_, i) => {
    const due = start + (i + 1) * 30 * DAY_MS;
    return { id: randomUUID(), remindAt: new Date(due - 3_600_000), windowEnd: new Date(due + 7 * DAY_MS) };
  });
}

function configFor(prefix) {
  return core.parseConfig({
    NODE_ENV: 'test',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: join(root, '.data', 'bench'),
    DATABASE_URL: 'postgresql://unused@127.0.0.1:1/unused',
    ADMIN_INITIAL_PASSWORD: 'Bench-Runner-Pass-2026',
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
  });
}

async function usedMemory(redis) {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

async function deleteKeys(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Runs `scheduleClient(plan)` for every client, CONCURRENCY at a time; returns seconds taken. */
async function run(plans, scheduleClient) {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < plans.length) await scheduleClient(plans[next++]);
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function phase(name, redis, prefix, plans, makeScheduler) {
  const { scheduleClient, close } = await makeScheduler(prefix);
  await scheduleClient(planOf(Date.now())); // connect and load the Lua scripts outside the measurement
  await deleteKeys(redis, prefix);
  const before = await usedMemory(redis);
  const seconds = await run(plans, scheduleClient);
  const after = await usedMemory(redis);
  await close();
  await deleteKeys(redis, prefix);
  const jobCount = plans.length * TASKS_PER_CLIENT * 2;
  const result = { name, jobs: jobCount, seconds, jobsPerSecond: jobCount / seconds, bytesPerJob: (after - before) / jobCount };
  console.log(
    `${name.padEnd(20)} ${jobCount} jobs in ${seconds.toFixed(1)} s: ${Math.round(result.jobsPerSecond)} jobs/s, ` +
      `${Math.round(result.bytesPerJob)} B/job in Redis`,
  );
  return result;
}

/** Raw BullMQ: one addBulk of the client's 2 × tasks jobs, with the options JobQueues gives them. */
async function rawScheduler(prefix) {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('follow-ups', { connection, prefix });
  const options = jobRunOptions(jobs.FollowUpTaskDueJob);
  return {
    scheduleClient: async (plan) => {
      const now = Date.now();
      await queue.addBulk(
        plan.flatMap((task) => [
          {
            name: jobs.FollowUpTaskDueJob.name,
            data: { taskId: task.id },
            opts: { ...options, jobId: jobs.dueJobId(task.id), delay: Math.max(0, task.remindAt.getTime() - now) },
          },
          {
            name: jobs.FollowUpTaskMissedJob.name,
            data: { taskId: task.id },
            opts: { ...options, jobId: jobs.missedJobId(task.id), delay: Math.max(0, task.windowEnd.getTime() - now) },
          },
        ]),
      );
    },
    close: async () => {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** The real path: TaskScheduler.schedule(plan) on the app's JobQueues, BullQueues and QueueConnection. */
async function realScheduler(prefix) {
  const config = configFor(prefix);
  const connection = new core.QueueConnection(config);
  const bull = new BullQueues(connection, config);
  const scheduler = new TaskScheduler(new core.JobQueues(bull, connection));
  return {
    scheduleClient: (plan) => scheduler.schedule(plan),
    close: async () => {
      await bull.onApplicationShutdown();
      await connection.onApplicationShutdown();
    },
  };
}

const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const start = Date.now();
const plans = Array.from({ length: CLIENTS }, () => planOf(start));
console.log(`${CLIENTS} clients × ${TASKS_PER_CLIENT} tasks × 2 jobs, ${CONCURRENCY} clients at a time`);
const tag = randomBytes(3).toString('hex');
const raw = await phase('raw addBulk', redis, `hp-bench-raw-${tag}`, plans, rawScheduler);
const real = await phase('TaskScheduler', redis, `hp-bench-real-${tag}`, plans, realScheduler);
console.log(
  `throughput ratio (real / raw): ${(real.jobsPerSecond / raw.jobsPerSecond).toFixed(2)} (goal ≥ 0.7); ` +
    `memory per job ratio: ${(real.bytesPerJob / raw.bytesPerJob).toFixed(2)} (goal ≤ 1.3)`,
);
redis.disconnect();
