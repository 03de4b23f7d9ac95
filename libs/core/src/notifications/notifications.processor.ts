import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers } from '../queue/job-handlers';
import { ReconcileSources } from '../queue/reconcile-sources';
import { NotificationDelivery } from './notification-delivery';
import { NotificationRepository } from './notification.repository';
import { DeliverNotificationJob } from './notifications.jobs';

/** Runs delivery jobs and lets the reconciler re-enqueue queued notifications whose job Redis lost. */
@Injectable()
export class NotificationsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly delivery: NotificationDelivery,
    private readonly notifications: NotificationRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(DeliverNotificationJob, (payload, context) =>
      this.delivery.deliver(payload.notificationId, context.attempt),
    );
    this.sources.register({
      name: 'notifications',
      job: DeliverNotificationJob,
      listPending: async (afterJobId, limit) =>
        (await this.notifications.queuedAfter(afterJobId, limit)).map((row) => ({
          jobId: row.id,
          payload: { notificationId: row.id },
          runAt: row.notBefore ?? undefined,
        })),
    });
  }
}
