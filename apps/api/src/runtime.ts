import type { Logger as PinoLogger } from 'pino';
import { AppConfig, DatabaseRuntime, loadConfigOrExit, startEmbeddedPostgres } from '@health/core';
import { API_MIGRATIONS } from './migrations';

export interface ApiRuntime {
  config: AppConfig;
  logger: PinoLogger;
  database: DatabaseRuntime;
  /** The embedded database was created by this start: nothing is in it yet. */
  freshEmbeddedDatabase: boolean;
  stopDatabase(): Promise<void>;
}

/**
 * Decides the database: PostgreSQL from DATABASE_URL, otherwise the embedded PGlite under DATA_DIR,
 * which is one session, so the job processors must then run inside this process.
 */
export async function prepareRuntime(loaded = loadConfigOrExit()): Promise<ApiRuntime> {
  const { config, logger } = loaded;
  if (config.databaseUrl) {
    logger.info({ database: 'postgresql', host: new URL(config.databaseUrl).host }, 'using PostgreSQL from DATABASE_URL');
    return {
      config,
      logger,
      database: { url: config.databaseUrl, embedded: false, migrations: API_MIGRATIONS, runMigrations: true },
      freshEmbeddedDatabase: false,
      stopDatabase: async () => undefined,
    };
  }
  const started = Date.now();
  const embedded = await startEmbeddedPostgres(config.dataDir);
  logger.info(
    { database: 'embedded-pglite', dataDirectory: embedded.dataDirectory, created: embedded.created, ms: Date.now() - started },
    'DATABASE_URL not set; using the embedded PGlite database',
  );
  if (config.runWorker === 'separate') {
    logger.warn('RUN_WORKER=separate is ignored with the embedded database: PGlite is one session, so jobs run inside the API');
  }
  if (config.apiProcesses > 1) {
    logger.warn('API_PROCESSES is ignored with the embedded database: PGlite is one session, so one API process serves');
  }
  config.runWorker = 'inline';
  return {
    config,
    logger,
    database: { url: embedded.url, embedded: true, migrations: API_MIGRATIONS, runMigrations: true },
    freshEmbeddedDatabase: embedded.created,
    stopDatabase: embedded.stop,
  };
}
