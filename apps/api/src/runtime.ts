import type { Logger as PinoLogger } from 'pino';
import {
  AppConfig,
  ConfigError,
  createRootLogger,
  DatabaseRuntime,
  fillDevelopmentSecrets,
  parseConfig,
  startEmbeddedPostgres,
} from '@health/core';
import { API_MIGRATIONS } from './migrations';

export interface ApiRuntime {
  config: AppConfig;
  logger: PinoLogger;
  database: DatabaseRuntime;
  /** The embedded database was created by this start: nothing is in it yet. */
  freshEmbeddedDatabase: boolean;
  stopDatabase(): Promise<void>;
}

/** Reads the configuration (exiting with its message when invalid) and fills development secrets. */
export function loadConfigOrExit(): { config: AppConfig; logger: PinoLogger } {
  let config: AppConfig;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createRootLogger(config.logLevel);
  const generated = fillDevelopmentSecrets(config);
  if (generated.length > 0) {
    logger.warn(
      { variables: generated, file: `${config.dataDir}/secrets.json` },
      'secrets not set; using development secrets kept under DATA_DIR (set them in production)',
    );
  }
  return { config, logger };
}

/**
 * Decides the database: PostgreSQL from DATABASE_URL, otherwise the embedded PGlite under DATA_DIR,
 * which is one session, so the job processors must then run inside this process.
 */
export async function prepareRuntime(): Promise<ApiRuntime> {
  const { config, logger } = loadConfigOrExit();
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
  config.runWorker = 'inline';
  return {
    config,
    logger,
    database: { url: embedded.url, embedded: true, migrations: API_MIGRATIONS, runMigrations: true },
    freshEmbeddedDatabase: embedded.created,
    stopDatabase: embedded.stop,
  };
}
