import { Injectable } from '@nestjs/common';
import { Delivery, failed, NotificationChannelSender, SendOutcome, sent } from './channel-sender';

/**
 * The staff member's inbox in the admin: the notification row is the message, so sending is marking
 * it sent (the inbox lists sent in-app rows).
 */
@Injectable()
export class InAppSender implements NotificationChannelSender {
  readonly channel = 'in_app' as const;

  async send(delivery: Delivery): Promise<SendOutcome> {
    return delivery.notification.audience === 'staff' ? sent() : failed('in_app_staff_only', false);
  }
}
