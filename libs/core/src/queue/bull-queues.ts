import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { QueueConnection } from './queue-connection';
import { isQueueUnavailable, isRedisConnectionError, queueUnavailableError } from './queue-unavailable';
import { describeError } from '../logging/describe-error';

interface QueueEntry {
  queue: Queue;
  ready: Promise<Queue>;
}

/**
 * This process's BullMQ `Queue` objects, created on first use on the shared fail-fast connection,
 * and the one place that bounds every producer call by `queueTimeoutMs`.
 */
@Injectable()
export class BullQueues implements OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly queues = new Map<string, QueueEntry>();

  constructor(
    private readonly connection: QueueConnection,
    private readonly config: AppConfig,
  ) {}

  /**
   * Runs `operation` on the named queue. Throws QUEUE_UNAVAILABLE when Redis does not answer within
   * the timeout; an operation that has not started by then never starts.
   */
  async run<T>(queueName: string, operation: (queue: Queue) => Promise<T>): Promise<T> {
    let gaveUp = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(queueUnavailableError());
      }, this.config.queueTimeoutMs);
    });
    const work = this.ready(queueName).then((queue) => {
      if (gaveUp) throw queueUnavailableError();
      return operation(queue);
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (err) {
      if (isQueueUnavailable(err)) throw err;
      if (!this.connection.isAvailable() || isRedisConnectionError(err)) throw queueUnavailableError();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const queues = [...this.queues.values()].map((entry) => entry.queue);
    this.queues.clear();
    await Promise.allSettled(queues.map((queue) => queue.close()));
  }

  private ready(queueName: string): Promise<Queue> {
    const existing = this.queues.get(queueName);
    if (existing) return existing.ready;
    const queue = new Queue(queueName, { connection: this.connection.client, prefix: this.connection.prefix });
    queue.on('error', (err) => {
      if (!isRedisConnectionError(err)) this.logger.warn({ msg: `queue ${queueName} error`, error: describeError(err) });
    });
    // A queue whose first connection attempt failed stays broken in BullMQ: forget it so the next
    // call builds a fresh one.
    const ready = queue.waitUntilReady().then(
      () => queue,
      (err: unknown) => {
        if (this.queues.get(queueName)?.queue === queue) this.queues.delete(queueName);
        queue.close().catch(() => undefined);
        throw err;
      },
    );
    this.queues.set(queueName, { queue, ready });
    return ready;
  }
}
