import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueues } from '../queue/job-queues';
import { QueueConnection } from '../queue/queue-connection';
import { isQueueUnavailable } from '../queue/queue-unavailable';
import { DispatchEventJob } from './outbox.jobs';
import { OutboxRepository } from './outbox.repository';
import { describeError } from '../logging/describe-error';

const BATCH_SIZE = 100;
const POLL_INTERVAL_MS = 500;

/**
 * Moves committed outbox events to BullMQ and marks them published. Each pass locks a batch with
 * `FOR UPDATE SKIP LOCKED`, enqueues it (job id = event id) and marks it in the same transaction:
 * if the mark is lost the batch is enqueued again and BullMQ keeps one job per id.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly queues: JobQueues,
    private readonly connection: QueueConnection,
  ) {}

  /** Publishes up to one batch; returns how many events it published. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.outbox.lockUnpublished(manager, BATCH_SIZE);
      if (ids.length === 0) return 0;
      await this.queues.enqueueMany(
        DispatchEventJob,
        ids.map((id) => ({ jobId: id, payload: { eventId: id } })),
      );
      await this.outbox.markPublished(manager, ids);
      return ids.length;
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling and waits for the pass in progress to commit or roll back. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const published = this.connection.isAvailable() ? await this.pass() : 0;
      if (published < BATCH_SIZE) await this.pause(POLL_INTERVAL_MS);
    }
  }

  private async pass(): Promise<number> {
    try {
      const published = await this.relayOnce();
      if (this.failing) this.logger.log('outbox relay recovered');
      this.failing = false;
      return published;
    } catch (err) {
      // A Redis outage is reported by QueueConnection; anything else gets one line per outage, not one per poll.
      if (isQueueUnavailable(err)) return 0;
      if (!this.failing) this.logger.warn({ msg: 'outbox relay failing', error: describeError(err) });
      this.failing = true;
      return 0;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
