import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { installGracefulShutdown, loadConfigOrExit, PinoNestLogger } from '@health/core';
// One migration list for every process, kept by the API; the worker applies it when it starts first.
// Apps may not import each other; this single list is the exception until a composition lib holds it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { API_MIGRATIONS } from '../../api/src/migrations';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const { config, logger: rootLogger } = loadConfigOrExit();
  if (!config.databaseUrl) {
    console.error(
      'The worker needs DATABASE_URL (a PostgreSQL server). Without it the API uses the embedded ' +
        'database and runs the jobs itself, so no separate worker is needed.',
    );
    process.exit(1);
  }
  const logger = rootLogger.child({ process: 'worker' });
  logger.info({ database: 'postgresql', host: new URL(config.databaseUrl).host }, 'using PostgreSQL from DATABASE_URL');

  const app = await NestFactory.createApplicationContext(
    WorkerModule.register({
      config,
      database: { url: config.databaseUrl, embedded: false, migrations: API_MIGRATIONS, runMigrations: true },
    }),
    { logger: new PinoNestLogger(logger) },
  );
  logger.info({ queuePrefix: config.queuePrefix, tz: config.tzDefault }, 'worker started');

  // Closing the context stops the relay, lets running jobs finish, then closes Redis and PostgreSQL.
  installGracefulShutdown(() => app.close(), config.shutdownTimeoutMs, logger);
}

void main();
