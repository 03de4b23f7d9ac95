import { Injectable, Logger } from '@nestjs/common';
import { describeError, isQueueUnavailable, JobQueues } from '@health/core';
import { dueJobId, FollowUpTaskDueJob, FollowUpTaskMissedJob, missedJobId } from '../follow-ups.jobs';
import type { TaskTimes } from '../tasks/follow-up-task.repository';

/**
 * Keeps a task's two delayed jobs in step with its row. The row is the truth: every call here is
 * best effort after the row is written, and whatever does not reach Redis (down, flushed) the
 * reconciler enqueues from the rows later.
 */
@Injectable()
export class TaskScheduler {
  private readonly logger = new Logger('FollowUpScheduler');

  constructor(private readonly queues: JobQueues) {}

  /** Enqueues the due and missed jobs of new tasks (two `addBulk` calls however many tasks). */
  async schedule(tasks: readonly TaskTimes[]): Promise<void> {
    if (tasks.length === 0) return;
    await this.bestEffort(async () => {
      await this.queues.enqueueMany(
        FollowUpTaskDueJob,
        tasks.map((t) => ({ jobId: dueJobId(t.id), payload: { taskId: t.id }, runAt: t.remindAt })),
      );
      await this.queues.enqueueMany(
        FollowUpTaskMissedJob,
        tasks.map((t) => ({ jobId: missedJobId(t.id), payload: { taskId: t.id }, runAt: t.windowEnd })),
      );
    });
  }

  /** "Clear on visit": a task completed or cancelled has nothing left to remind of. */
  async clear(taskIds: readonly string[]): Promise<void> {
    if (taskIds.length === 0) return;
    await this.bestEffort(async () => {
      for (const id of taskIds) {
        await this.queues.remove(FollowUpTaskDueJob, dueJobId(id));
        await this.queues.remove(FollowUpTaskMissedJob, missedJobId(id));
      }
    });
  }

  /**
   * New times: the old jobs go first, finished ones included, since BullMQ keeps a finished job's id
   * for a day and would ignore the new one.
   */
  async reschedule(tasks: readonly TaskTimes[]): Promise<void> {
    await this.clear(tasks.map((t) => t.id));
    await this.schedule(tasks);
  }

  private async bestEffort(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (!isQueueUnavailable(err))
        this.logger.warn({ msg: 'follow-up jobs not updated; the reconciler will', error: describeError(err) });
    }
  }
}
