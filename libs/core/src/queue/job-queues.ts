import { Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { BullQueues } from './bull-queues';
import { JobDefinition } from './job-definition';
import { jobRunOptions } from './job-options';
import { QueueConnection } from './queue-connection';
import { isQueueUnavailable } from './queue-unavailable';

export interface EnqueueOptions {
  /**
   * The id of the database row the job works on (task id, outbox event id). BullMQ ignores a second
   * job with the same id, so relays and the reconciler can enqueue again safely.
   */
  jobId?: string;
  /** Run no earlier than this moment (a follow-up task's `due_at`); past moments run now. */
  runAt?: Date;
}

export interface EnqueueEntry<P> extends EnqueueOptions {
  payload: P;
}

/**
 * Producer side of the queues: type-checked enqueueing that fails with QUEUE_UNAVAILABLE (503)
 * after `queueTimeoutMs` instead of hanging when Redis is away. The row the job works on must be
 * committed first: the reconciler re-enqueues from it whatever never reached Redis.
 */
@Injectable()
export class JobQueues {
  constructor(
    private readonly queues: BullQueues,
    private readonly connection: QueueConnection,
  ) {}

  async enqueue<P>(job: JobDefinition<P>, payload: P, options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany(job, [{ payload, ...options }]);
  }

  async enqueueMany<P>(job: JobDefinition<P>, entries: EnqueueEntry<P>[]): Promise<void> {
    if (entries.length === 0) return;
    const now = Date.now();
    await this.queues.run(job.queue, (queue) =>
      queue.addBulk(entries.map((entry) => ({ name: job.name, data: entry.payload, opts: jobOptions(job, entry, now) }))),
    );
  }

  /**
   * Enqueues, or returns false when Redis is unavailable: for callers whose job already has its row,
   * so the reconciler will enqueue it later and the request need not fail.
   */
  async enqueueIfAvailable<P>(job: JobDefinition<P>, payload: P, options: EnqueueOptions = {}): Promise<boolean> {
    try {
      await this.enqueue(job, payload, options);
      return true;
    } catch (err) {
      if (isQueueUnavailable(err)) return false;
      throw err;
    }
  }

  /** Removes a waiting or delayed job (e.g. before rescheduling a task); a running job is left alone. */
  async remove<P>(job: JobDefinition<P>, jobId: string): Promise<void> {
    await this.queues.run(job.queue, (queue) => queue.remove(jobId));
  }

  /** Which of these job ids have no job in Redis (never enqueued, removed, or lost with Redis). */
  async missingJobIds<P>(job: JobDefinition<P>, jobIds: string[]): Promise<string[]> {
    if (jobIds.length === 0) return [];
    return this.queues.run(job.queue, async (queue) => {
      const pipeline = this.connection.client.pipeline();
      for (const id of jobIds) pipeline.exists(queue.toKey(id));
      const results = (await pipeline.exec()) ?? [];
      return jobIds.filter((_, i) => {
        const [err, exists] = results[i] ?? [];
        if (err) throw err;
        return exists === 0;
      });
    });
  }
}

function jobOptions<P>(job: JobDefinition<P>, entry: EnqueueOptions, now: number): JobsOptions {
  return {
    ...jobRunOptions(job),
    jobId: entry.jobId,
    delay: entry.runAt ? Math.max(0, entry.runAt.getTime() - now) : undefined,
  };
}
