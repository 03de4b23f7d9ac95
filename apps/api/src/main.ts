import 'reflect-metadata';
import cluster from 'node:cluster';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { describeError, installGracefulShutdown, loadConfigOrExit } from '@health/core';
import { superviseApiProcesses } from './api-processes';
import { createApiApp } from './bootstrap';
import { seedDemoData } from './demo-data';
import { printDemoSummary } from './demo-logins';
import { prepareRuntime } from './runtime';

/**
 * Every interface, as Node's own servers listen by default: IPv6 and IPv4 together where the host
 * has IPv6, IPv4 alone where it has not (Fastify alone would listen on localhost only).
 */
async function listenOnAllInterfaces(app: NestFastifyApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EAFNOSUPPORT' && (err as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL')
      throw err;
    await app.listen(port, '0.0.0.0');
  }
}

async function main(loaded: ReturnType<typeof loadConfigOrExit>): Promise<void> {
  const runtime = await prepareRuntime(loaded);
  const { config, logger, database } = runtime;
  const app = await createApiApp({ config, database }, logger);
  await listenOnAllInterfaces(app, config.port);
  logger.info(
    { port: config.port, url: `http://localhost:${config.port}`, runWorker: config.runWorker ?? 'separate' },
    'API listening',
  );

  // Installed before the demo seeding below, so Ctrl-C during it still closes the database cleanly.
  installGracefulShutdown(
    async () => {
      await app.close();
      await runtime.stopDatabase();
    },
    config.shutdownTimeoutMs,
    logger,
  );

  if (runtime.freshEmbeddedDatabase) {
    logger.info('fresh embedded database: adding the demo organisation');
    try {
      printDemoSummary(await seedDemoData(app));
    } catch (err) {
      logger.warn(
        { error: describeError(err) },
        'demo data incomplete (interrupted?); for the full demo, start once more with an empty DATA_DIR',
      );
    }
  }
}

const loaded = loadConfigOrExit();
if (cluster.isPrimary && loaded.config.apiProcesses > 1 && loaded.config.databaseUrl) {
  superviseApiProcesses(loaded.config.apiProcesses, loaded.config.shutdownTimeoutMs, loaded.logger);
} else {
  void main(loaded);
}
