import 'reflect-metadata';
import { installGracefulShutdown } from '@health/core';
import { createApiApp } from './bootstrap';
import { seedDemoData } from './demo-data';
import { printDemoSummary } from './demo-logins';
import { prepareRuntime } from './runtime';

async function main(): Promise<void> {
  const runtime = await prepareRuntime();
  const { config, logger, database } = runtime;
  const app = await createApiApp({ config, database }, logger);
  await app.listen(config.port);
  logger.info(
    { port: config.port, url: `http://localhost:${config.port}`, runWorker: config.runWorker ?? 'separate' },
    'API listening',
  );

  if (runtime.freshEmbeddedDatabase) {
    logger.info('fresh embedded database: adding the demo organisation');
    printDemoSummary(await seedDemoData(app));
  }

  installGracefulShutdown(
    async () => {
      await app.close();
      await runtime.stopDatabase();
    },
    config.shutdownTimeoutMs,
    logger,
  );
}

void main();
