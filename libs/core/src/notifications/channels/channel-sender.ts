import { ChannelSettings } from '../settings/notification-settings.service';
import { MessageTemplateRow } from '../templates/message-template.repository';
import { NotificationRow } from '../notification.repository';
import { ClientRecipient, NotificationChannel, StaffRecipient } from '../notification.types';

/** Everything a channel needs to send one notification, already resolved and rendered. */
export interface Delivery {
  notification: NotificationRow;
  /** The template's text with the variables filled in. */
  text: string;
  template: MessageTemplateRow;
  /** The request's variables plus the built-in ones (`orgName`, `recipientName`). */
  variables: Record<string, string | number>;
  staff: StaffRecipient | null;
  client: ClientRecipient | null;
  settings: ChannelSettings;
}

/**
 * How one try ended. A failure is `retryable` when trying again later may succeed (timeouts, 5xx);
 * otherwise (nothing configured, no phone number) it is final at once.
 */
export type SendOutcome =
  { sent: true; httpStatus?: number } | { sent: false; reason: string; retryable: boolean; httpStatus?: number };

/** One way of reaching people. Implementations never throw for a failed send: they return the outcome. */
export interface NotificationChannelSender {
  readonly channel: NotificationChannel;
  send(delivery: Delivery): Promise<SendOutcome>;
}

export const NOTIFICATION_CHANNEL_SENDERS = Symbol('NOTIFICATION_CHANNEL_SENDERS');

export const sent = (httpStatus?: number): SendOutcome => ({ sent: true, httpStatus });
export const failed = (reason: string, retryable: boolean, httpStatus?: number): SendOutcome => ({
  sent: false,
  reason,
  retryable,
  httpStatus,
});
