import { DynamicModule, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, parseConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { OutboxModule } from '../outbox/outbox.module';
import { OUTBOX_MIGRATIONS } from '../outbox/outbox.migrations';
import { QueueModule } from '../queue/queue.module';
import { WorkerRuntimeModule } from '../worker/worker-runtime.module';
import { TEST_REDIS_URL } from './test-database';

export interface CoreTestContextOptions {
  /** A database of the test file's own (`createTestDatabase`). */
  databaseUrl: string;
  /** Environment overrides, e.g. `{ QUEUE_PREFIX: uniqueQueuePrefix() }`. */
  env?: Record<string, string>;
  /** Load `WorkerRuntimeModule`: relay, job workers, schedulers, reconciler — what apps/worker runs. */
  worker?: boolean;
  /** Modules under test (handlers, processors). */
  imports?: (Type | DynamicModule)[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
}

export interface CoreTestContext {
  app: INestApplicationContext;
  config: AppConfig;
}

/**
 * The core runtime (config, database, queues, outbox and optionally the worker runtime) as a Nest
 * application context against the real PostgreSQL and Redis, for libraries' integration tests.
 */
export async function createCoreTestContext(options: CoreTestContextOptions): Promise<CoreTestContext> {
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  @Module({})
  class CoreTestModule {}
  const root: DynamicModule = {
    module: CoreTestModule,
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot({
        url: options.databaseUrl,
        embedded: false,
        migrations: options.migrations ?? OUTBOX_MIGRATIONS,
        runMigrations: true,
      }),
      QueueModule,
      OutboxModule,
      ...(options.worker ? [WorkerRuntimeModule] : []),
      ...(options.imports ?? []),
    ],
  };
  const app = await NestFactory.createApplicationContext(root, { logger: false });
  return { app, config };
}
