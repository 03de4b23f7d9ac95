import type { Logger as PinoLogger } from 'pino';
import { describeError } from '../logging/describe-error';

/**
 * On SIGTERM/SIGINT runs `close` once (finish current requests and jobs, close connections), then
 * exits. A forced-exit timer guarantees the process ends even if something hangs while closing.
 */
export function installGracefulShutdown(close: () => Promise<void>, timeoutMs: number, logger: PinoLogger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, timeoutMs }, 'shutting down');
    const forced = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long; forcing exit');
      process.exit(1);
    }, timeoutMs);
    forced.unref();
    close().then(
      () => {
        logger.info('shutdown complete');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ error: describeError(err) }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
