import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Actor, RequestContext } from '../context/request-context';
import { JobHandlers } from '../queue/job-handlers';
import { QueueConnection } from '../queue/queue-connection';
import { isRedisConnectionError } from '../queue/queue-unavailable';
import { describeError } from '../logging/describe-error';

/** Jobs one process runs at the same time per queue. */
const CONCURRENCY = 5;

/** Who acts when a job changes data (audit rows, `created_by`). */
const WORKER_ACTOR: Actor = { type: 'system', id: 'worker', orgId: null, permissions: new Set(), isPlatformAdmin: false };

/** One BullMQ worker per queue that has handlers, calling the handler registered for each job name. */
@Injectable()
export class JobWorkers {
  private readonly logger = new Logger('Jobs');
  private workers: Worker[] = [];

  constructor(
    private readonly handlers: JobHandlers,
    private readonly connection: QueueConnection,
    private readonly config: AppConfig,
  ) {}

  start(): void {
    this.workers = this.handlers.queues().map((queue) => this.startWorker(queue));
  }

  /**
   * Stops taking jobs and waits up to `graceMs` for running ones. Jobs still running after that
   * are left to BullMQ, which hands them to another worker once their lock expires.
   */
  async stop(graceMs: number): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => this.close(worker, graceMs)));
  }

  private startWorker(queue: string): Worker {
    const worker = new Worker(queue, (job: Job) => this.process(queue, job), {
      connection: this.connection.workerConnectionOptions(),
      prefix: this.connection.prefix,
      concurrency: CONCURRENCY,
      // A dead worker's jobs count as stalled once its lock lapses; the check runs as often.
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
    });
    worker.on('error', (err) => {
      if (!isRedisConnectionError(err)) this.logger.warn({ msg: `worker ${queue} error`, error: describeError(err) });
    });
    worker.on('failed', (job, err) => {
      this.logger.warn({
        msg: 'job failed',
        queue,
        job: job?.name,
        jobId: job?.id,
        attempt: job?.attemptsMade,
        error: describeError(err),
      });
    });
    return worker;
  }

  private process(queue: string, job: Job): Promise<void> {
    const handler = this.handlers.handlerFor(queue, job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${queue}/${job.name}`);
    const jobId = job.id ?? '';
    return RequestContext.run({ requestId: `job:${queue}:${jobId}`, actor: WORKER_ACTOR }, () =>
      handler(job.data, { jobId, attempt: job.attemptsMade + 1 }),
    );
  }

  private async close(worker: Worker, graceMs: number): Promise<void> {
    // Without Redis a graceful close waits forever for a connection to say goodbye on.
    if (!this.connection.isAvailable()) return worker.close(true);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    const timedOut = await Promise.race([worker.close().then(() => false), expired]);
    clearTimeout(timer);
    if (timedOut) this.logger.warn(`worker ${worker.name} still busy after ${graceMs} ms; its jobs will be retried`);
  }
}
