import 'reflect-metadata';
import {
  ConfigError,
  createRootLogger,
  DatabaseRuntime,
  fillDevelopmentSecrets,
  installGracefulShutdown,
  parseConfig,
  startEmbeddedPostgres,
} from '@health/core';
import { createApiApp } from './bootstrap';
import { API_MIGRATIONS } from './migrations';

async function main(): Promise<void> {
  let config;
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

  let stopEmbedded: (() => Promise<void>) | undefined;
  let database: DatabaseRuntime;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, embedded: false, migrations: API_MIGRATIONS, runMigrations: true };
    logger.info({ database: 'postgresql', host: new URL(config.databaseUrl).host }, 'using PostgreSQL from DATABASE_URL');
  } else {
    const started = Date.now();
    const embedded = await startEmbeddedPostgres(config.dataDir);
    stopEmbedded = embedded.stop;
    database = { url: embedded.url, embedded: true, migrations: API_MIGRATIONS, runMigrations: true };
    logger.info(
      { database: 'embedded-pglite', dataDirectory: embedded.dataDirectory, ms: Date.now() - started },
      'DATABASE_URL not set; using the embedded PGlite database',
    );
    if (config.runWorker === 'separate')
      logger.warn('RUN_WORKER=separate is ignored with the embedded database: PGlite is one session, so jobs run inside the API');
    config.runWorker = 'inline';
  }

  const app = await createApiApp({ config, database }, logger);
  await app.listen(config.port);
  logger.info(
    { port: config.port, url: `http://localhost:${config.port}`, runWorker: config.runWorker ?? 'separate' },
    'API listening',
  );

  installGracefulShutdown(
    async () => {
      await app.close();
      await stopEmbedded?.();
    },
    config.shutdownTimeoutMs,
    logger,
  );
}

void main();
