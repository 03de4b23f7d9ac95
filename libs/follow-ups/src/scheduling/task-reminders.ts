import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, calendarDateIn } from '@health/core';
import { Notifier, type NotificationChannel } from '../notifications/notifier.port';
import { FollowUpPlanRepository } from '../plans/follow-up-plan.repository';
import { FollowUpTaskRepository, type FollowUpTaskRow } from '../tasks/follow-up-task.repository';
import { FOLLOW_UP_METHOD_LABELS } from '../templates/follow-up-method';
import { TaskScheduler } from './task-scheduler';

/** The task's row is not visible yet: its creating transaction has not committed. The job retries. */
export class TaskNotCommittedError extends Error {
  constructor(taskId: string) {
    super(`follow-up task ${taskId} not found (yet)`);
    this.name = 'TaskNotCommittedError';
  }
}

export const CLIENT_DELETED_REASON = 'client_deleted';

/**
 * What the scheduled jobs do. Idempotent by construction: the status change is a guarded UPDATE,
 * and only the call that made it requests notifications, whose dedupe keys would stop a second one
 * anyway. Notifications are requested in the same transaction and delivered after the commit.
 */
@Injectable()
export class TaskReminders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: FollowUpTaskRepository,
    private readonly plans: FollowUpPlanRepository,
    private readonly notifier: Notifier,
    private readonly scheduler: TaskScheduler,
    private readonly config: AppConfig,
  ) {}

  /** pending → due; reminds the assignee (in-app) and, on the step's client channels, the client. */
  async taskDue(taskId: string): Promise<void> {
    await this.run(taskId, async (manager, task) => {
      if (!(await this.tasks.markDue(manager, task.id))) return [];
      const variables = this.variables(task);
      const ids: string[] = [];
      if (task.assigneeUserId)
        ids.push(
          ...(await this.notifier.request(manager, {
            orgId: task.orgId,
            dedupeKey: `follow-up-task:${task.id}:due:staff`,
            audience: 'staff',
            userId: task.assigneeUserId,
            channels: ['in_app'],
            template: 'follow-up.task-due',
            variables: { ...variables, clientName: task.clientName },
          })),
        );
      if (task.clientChannels.length > 0)
        ids.push(
          ...(await this.notifier.request(manager, {
            orgId: task.orgId,
            dedupeKey: `follow-up-task:${task.id}:due:client`,
            audience: 'client',
            clientId: task.clientId,
            channels: task.clientChannels as NotificationChannel[],
            template: 'follow-up.reminder',
            // The client's own name comes from the recipient (`recipientName`), never from the request.
            variables,
          })),
        );
      return ids;
    });
  }

  /** Open → missed when the window closed; escalates to the client's manager (in-app). */
  async taskMissed(taskId: string): Promise<void> {
    await this.run(taskId, async (manager, task) => {
      if (!(await this.tasks.markMissed(manager, task.id))) return [];
      if (!task.clientManagerId) return [];
      return this.notifier.request(manager, {
        orgId: task.orgId,
        dedupeKey: `follow-up-task:${task.id}:missed:manager`,
        audience: 'staff',
        userId: task.clientManagerId,
        channels: ['in_app'],
        template: 'follow-up.missed',
        variables: { ...this.variables(task), clientName: task.clientName, attempts: task.attempts },
      });
    });
  }

  private async run(taskId: string, work: (manager: EntityManager, task: FollowUpTaskRow) => Promise<string[]>): Promise<void> {
    let cleared: string[] = [];
    const notificationIds = await this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.findForJob(manager, taskId);
      if (!task) throw new TaskNotCommittedError(taskId);
      if (task.clientDeleted) {
        // Deleting a client emits no event: its follow-ups stop the first time one of its jobs runs.
        cleared = await this.tasks.cancelOpenOfClient(manager, task.orgId, task.clientId, CLIENT_DELETED_REASON);
        await this.plans.stopAllOfClient(manager, task.orgId, task.clientId, CLIENT_DELETED_REASON);
        return [];
      }
      return work(manager, task);
    });
    await this.scheduler.clear(cleared);
    if (notificationIds.length > 0) await this.notifier.deliverSoon(notificationIds);
  }

  private variables(task: FollowUpTaskRow): Record<string, string | number> {
    return {
      taskId: task.id,
      title: task.title,
      method: FOLLOW_UP_METHOD_LABELS[task.method],
      dueAt: task.dueAt.toISOString(),
      // The templates print a calendar date of the organisation: the day the follow-up is due.
      dueDate: calendarDateIn(this.config.tzDefault, task.dueAt),
      windowEnd: task.windowEnd.toISOString(),
    };
  }
}
