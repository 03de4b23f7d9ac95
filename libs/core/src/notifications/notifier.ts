import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { describeError } from '../logging/describe-error';
import { JobQueues } from '../queue/job-queues';
import { NewNotification, NotificationRepository } from './notification.repository';
import {
  CHANNELS_BY_AUDIENCE,
  NOTIFICATION_RECIPIENTS,
  NotificationRecipients,
  NotificationRequest,
  NotifierApi,
} from './notification.types';
import { DeliverNotificationJob } from './notifications.jobs';
import { quietPeriodEnd } from './quiet-hours';
import { NotificationSettingsService } from './settings/notification-settings.service';

const TEMPLATE_CODE = /^[a-z][a-z0-9.-]{0,99}$/;
const MAX_DEDUPE_KEY = 300;

/**
 * What other modules call to notify someone. `request` writes the rows in the caller's transaction,
 * so a notification exists exactly when the change that caused it does; `deliverSoon` after the
 * commit hands them to the queue. A row whose job never reached Redis is enqueued by the reconciler.
 */
@Injectable()
export class Notifier implements NotifierApi {
  private readonly logger = new Logger('Notifier');

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly settings: NotificationSettingsService,
    private readonly queues: JobQueues,
    @Inject(NOTIFICATION_RECIPIENTS) private readonly recipients: NotificationRecipients,
  ) {}

  /**
   * Inserts one `notification` row per channel (status queued) in the caller's transaction; returns
   * their ids (the existing ids for a dedupe key already used). A client message in the quiet hours
   * waits until they end; one to a client without reminder consent, or deleted, is stored as
   * `skipped` with the reason. Staff messages are never delayed.
   */
  async request(manager: EntityManager, request: NotificationRequest): Promise<string[]> {
    this.validate(request);
    const channels = [...new Set(request.channels)];
    let status: NewNotification['status'] = 'queued';
    let reason: string | null = null;
    let notBefore: Date | null = null;
    if (request.audience === 'client') {
      const client = await this.recipients.client(request.orgId, request.clientId!);
      // An unknown client is left to the delivery, which records it as failed.
      if (client?.deleted) [status, reason] = ['skipped', 'client_deleted'];
      else if (client && !client.reminderConsent) [status, reason] = ['skipped', 'no_consent'];
      const settings = await this.settings.forDelivery(request.orgId, manager);
      if (settings && status === 'queued') notBefore = quietPeriodEnd(new Date(), settings.quietHours);
    }
    return this.notifications.insertDeduplicated(
      manager,
      channels.map((channel) => ({
        orgId: request.orgId,
        dedupeKey: request.dedupeKey,
        channel,
        audience: request.audience,
        userId: request.audience === 'staff' ? request.userId! : null,
        clientId: request.audience === 'client' ? request.clientId! : null,
        template: request.template,
        variables: request.variables,
        status,
        reason,
        notBefore,
      })),
    );
  }

  /**
   * After the caller's commit: enqueues a delivery job per still-queued notification (job id = its
   * id, delayed to its `not_before`). Never throws: when Redis is down the reconciler catches up.
   */
  async deliverSoon(ids: string[]): Promise<void> {
    try {
      const queued = await this.notifications.queuedSchedule(ids);
      await this.queues.enqueueMany(
        DeliverNotificationJob,
        queued.map((row) => ({ payload: { notificationId: row.id }, jobId: row.id, runAt: row.notBefore ?? undefined })),
      );
    } catch (err) {
      this.logger.warn({
        msg: 'notifications not enqueued now; the reconciler will',
        count: ids.length,
        error: describeError(err),
      });
    }
  }

  private validate(request: NotificationRequest): void {
    const problems: string[] = [];
    if (!request.dedupeKey || request.dedupeKey.length > MAX_DEDUPE_KEY) problems.push('dedupeKey must be 1-300 characters');
    if (!TEMPLATE_CODE.test(request.template)) problems.push('template must be a code like follow-up.task-due');
    if (request.channels.length === 0) problems.push('channels must not be empty');
    const allowed = CHANNELS_BY_AUDIENCE[request.audience];
    if (!allowed) problems.push('audience must be staff or client');
    for (const channel of request.channels)
      if (allowed && !allowed.includes(channel)) problems.push(`channel ${channel} cannot reach audience ${request.audience}`);
    if (request.audience === 'staff' && (!request.userId || request.clientId)) problems.push('a staff message needs userId only');
    if (request.audience === 'client' && (!request.clientId || request.userId))
      problems.push('a client message needs clientId only');
    if (problems.length > 0) {
      throw DomainError.unprocessable(
        'NOTIFICATION_REQUEST_INVALID',
        'The notification request is not valid',
        problems.map((message) => ({ message })),
      );
    }
  }
}
