import { Inject, Injectable } from '@nestjs/common';
import { Delivery, NOTIFICATION_CHANNEL_SENDERS, NotificationChannelSender, SendOutcome } from './channels/channel-sender';
import { NotificationRepository, NotificationRow } from './notification.repository';
import { NOTIFICATION_RECIPIENTS, NotificationRecipients } from './notification.types';
import { DELIVERY_CLAIM_SECONDS, DeliverNotificationJob } from './notifications.jobs';
import { NotificationSettingsService } from './settings/notification-settings.service';
import { MessageTemplatesService } from './templates/message-templates.service';
import { renderTemplate } from './templates/template-render';

/** Thrown to have BullMQ try the job again later (with its exponential backoff). */
export class DeliveryRetryError extends Error {
  constructor(readonly reason: string) {
    super(`notification delivery will be retried: ${reason}`);
    this.name = 'DeliveryRetryError';
  }
}

/** A decision reached before anything is sent: the row ends with this status and reason. */
type Verdict = { status: 'failed' | 'skipped'; reason: string };

/**
 * One delivery try of one notification: claim it (a row already sent, failed or skipped is never
 * touched again), check the rules against the recipient as they are now, render, send, record.
 */
@Injectable()
export class NotificationDelivery {
  private readonly senders: Map<string, NotificationChannelSender>;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly settings: NotificationSettingsService,
    private readonly templates: MessageTemplatesService,
    @Inject(NOTIFICATION_RECIPIENTS) private readonly recipients: NotificationRecipients,
    @Inject(NOTIFICATION_CHANNEL_SENDERS) senders: NotificationChannelSender[],
  ) {
    this.senders = new Map(senders.map((sender) => [sender.channel, sender]));
  }

  /**
   * `attempt` is the job's try (1-based): a retryable failure on the last one fails the row for good,
   * before that it throws `DeliveryRetryError` so the queue tries again.
   */
  async deliver(notificationId: string, attempt: number, maxAttempts = DeliverNotificationJob.attempts): Promise<void> {
    const row = await this.notifications.claim(notificationId, DELIVERY_CLAIM_SECONDS);
    if (!row) {
      const current = await this.notifications.find(notificationId);
      // Still queued: another try holds it, or it is not due yet. Either way, come back later.
      if (current?.status === 'queued') throw new DeliveryRetryError('not_claimable_yet');
      return;
    }
    const prepared = await this.prepare(row);
    if ('status' in prepared) {
      await this.notifications.markFinal(row.id, prepared.status, prepared.reason);
      return;
    }
    const outcome = await this.send(prepared);
    if (outcome.sent) {
      await this.notifications.markSent(row.id, prepared.text, { httpStatus: outcome.httpStatus });
    } else if (outcome.retryable && attempt < maxAttempts) {
      await this.notifications.releaseForRetry(row.id, outcome.reason, { httpStatus: outcome.httpStatus });
      throw new DeliveryRetryError(outcome.reason);
    } else {
      await this.notifications.markFinal(row.id, 'failed', outcome.reason, { httpStatus: outcome.httpStatus });
    }
  }

  private async send(delivery: Delivery): Promise<SendOutcome> {
    const sender = this.senders.get(delivery.notification.channel);
    if (!sender) return { sent: false, reason: 'channel_unavailable', retryable: false };
    return sender.send(delivery);
  }

  private async prepare(row: NotificationRow): Promise<Delivery | Verdict> {
    const settings = await this.settings.forDelivery(row.orgId);
    if (!settings) return { status: 'failed', reason: 'organisation_not_found' };
    let recipientName: string;
    const staff = row.userId ? await this.recipients.staff(row.orgId, row.userId) : null;
    const client = row.clientId ? await this.recipients.client(row.orgId, row.clientId) : null;
    if (row.audience === 'staff') {
      if (!staff) return { status: 'failed', reason: 'recipient_not_found' };
      if (!staff.active) return { status: 'skipped', reason: 'staff_inactive' };
      recipientName = staff.displayName;
    } else {
      if (!client) return { status: 'failed', reason: 'recipient_not_found' };
      // Checked again now: consent may have been withdrawn while the message waited out the quiet hours.
      if (client.deleted) return { status: 'skipped', reason: 'client_deleted' };
      if (!client.reminderConsent) return { status: 'skipped', reason: 'no_consent' };
      recipientName = client.name;
    }
    const template = await this.templates.forChannel(row.orgId, row.template, row.channel);
    if (!template) return { status: 'failed', reason: 'template_missing' };
    if (!template.active) return { status: 'skipped', reason: 'template_inactive' };
    const variables = { orgName: settings.orgName, recipientName, ...row.variables };
    const rendered = renderTemplate(template.textZh, variables);
    if (!rendered.ok) return { status: 'failed', reason: 'template_variable_missing' };
    return { notification: row, text: rendered.text, template, variables, staff, client, settings };
  }
}
