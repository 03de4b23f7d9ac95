import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources } from '@health/core';
import { dueJobId, FollowUpTaskDueJob, FollowUpTaskMissedJob, missedJobId, taskIdOfJob } from './follow-ups.jobs';
import { TaskReminders } from './scheduling/task-reminders';
import { FollowUpTaskRepository } from './tasks/follow-up-task.repository';

/**
 * Maps the follow-up jobs to `TaskReminders`, and tells the reconciler which jobs the task rows
 * call for, so a flushed Redis gets them back.
 */
@Injectable()
export class FollowUpsProcessor implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly reminders: TaskReminders,
    private readonly tasks: FollowUpTaskRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.handle(FollowUpTaskDueJob, ({ taskId }) => this.reminders.taskDue(taskId));
    this.handlers.handle(FollowUpTaskMissedJob, ({ taskId }) => this.reminders.taskMissed(taskId));
    this.sources.register({
      name: 'follow-up-task-due',
      job: FollowUpTaskDueJob,
      listPending: async (after, limit) =>
        (await this.tasks.pendingJobs('due', after === null ? null : taskIdOfJob(after), limit)).map((t) => ({
          jobId: dueJobId(t.id),
          payload: { taskId: t.id },
          runAt: t.remindAt,
        })),
    });
    this.sources.register({
      name: 'follow-up-task-missed',
      job: FollowUpTaskMissedJob,
      listPending: async (after, limit) =>
        (await this.tasks.pendingJobs('missed', after === null ? null : taskIdOfJob(after), limit)).map((t) => ({
          jobId: missedJobId(t.id),
          payload: { taskId: t.id },
          runAt: t.windowEnd,
        })),
    });
  }
}
