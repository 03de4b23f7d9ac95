import cluster, { type Worker } from 'node:cluster';
import type { Logger as PinoLogger } from 'pino';

/** A process that dies this soon after its start counts as a crash loop rather than bad luck. */
const QUICK_EXIT_MS = 10_000;
/** Quick exits in a row after which the supervisor gives up instead of restarting again. */
const MAX_QUICK_EXITS = 5;
const RESTART_DELAY_MS = 1000;

/**
 * Runs `count` API processes on one port (Node's cluster module: this process accepts connections
 * and hands them round-robin to the others, each a whole API with its own database pool). The first
 * one starts alone, so migrations and first-start set-up run once; the others start when it listens.
 * A process that dies is replaced; SIGTERM / SIGINT stop them all gracefully, then this one.
 */
export function superviseApiProcesses(count: number, shutdownTimeoutMs: number, logger: PinoLogger): void {
  const startedAt = new Map<number, number>();
  let listening = 0;
  let quickExits = 0;
  let stopping = false;

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };

  cluster.on('listening', (worker) => {
    listening += 1;
    quickExits = 0;
    logger.info({ pid: worker.process.pid }, 'API process listening');
    // The first process has migrated the database: the rest may start together now.
    if (listening === 1) for (let i = 1; i < count; i++) fork();
  });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('all API processes stopped');
        process.exit(0);
      }
      return;
    }
    if (listening === 0) {
      // The first process never listened: configuration, database or port trouble. It said why.
      logger.error({ code, signal }, 'the first API process failed to start');
      process.exit(code || 1);
    }
    quickExits = lived < QUICK_EXIT_MS ? quickExits + 1 : 0;
    if (quickExits >= MAX_QUICK_EXITS) {
      logger.error({ quickExits }, 'API processes keep dying right after their start; giving up');
      process.exit(1);
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'API process died; starting another');
    setTimeout(fork, RESTART_DELAY_MS).unref();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the API processes');
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill('SIGTERM');
    // Each process forces its own exit after SHUTDOWN_TIMEOUT_MS; this is the backstop.
    setTimeout(() => {
      logger.error('API processes still running after the shutdown timeout; exiting');
      process.exit(1);
    }, shutdownTimeoutMs + 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  logger.info({ processes: count }, 'starting API processes');
  fork();
}
