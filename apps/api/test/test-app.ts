import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, createRootLogger, JobHandlers, type JobDefinition, parseConfig } from '@health/core';
import { createTestDatabase, deleteQueueKeys, TEST_REDIS_URL, TestDatabase, uniqueQueuePrefix } from '@health/core/testing';
import { createApiApp } from '../src/bootstrap';
import { API_MIGRATIONS } from '../src/migrations';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  /** The node http server, for supertest. */
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  close(): Promise<void>;
}

/**
 * The whole API on a fresh database of its own, against the real PostgreSQL and Redis.
 * `env` overrides configuration (e.g. `{ REDIS_URL: 'redis://127.0.0.1:1' }` for a dead queue);
 * `adminDirectory` replaces the admin build it serves (by default the repository's, if built).
 */
export async function createTestApp(env: Record<string, string> = {}, adminDirectory?: string): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'hp-test-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    DATA_DIR: dataDir,
    ADMIN_INITIAL_PASSWORD: 'Clinic-Bootstrap-Pass-2026',
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RUN_WORKER: 'separate',
    QUEUE_PREFIX: uniqueQueuePrefix(),
    ...env,
  });
  let app: NestFastifyApplication;
  try {
    app = await createApiApp(
      { config, database: { url: database.url, embedded: false, migrations: API_MIGRATIONS, runMigrations: true } },
      createRootLogger(config.logLevel),
      adminDirectory,
    );
    await app.init();
    // Fastify answers only once its plugins (static files, multipart) have loaded.
    await app.getHttpAdapter().getInstance().ready();
  } catch (err) {
    // A failed start must not leave its database behind on the shared server.
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    app,
    config,
    database,
    http: app.getHttpServer(),
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
      if (config.redisUrl === TEST_REDIS_URL) await deleteQueueKeys(config.queuePrefix);
    },
  };
}

/** Calls a job's handler as the worker would. */
export async function runJob<P>(t: TestApp, job: JobDefinition<P>, payload: P, jobId = 'test'): Promise<void> {
  const handler = t.app.get(JobHandlers).handlerFor(job.queue, job.name);
  if (!handler) throw new Error(`no handler for ${job.queue}/${job.name}`);
  await handler(payload, { jobId, attempt: 1 });
}
