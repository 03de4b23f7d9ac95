import type { EntityManager } from 'typeorm';

export const NOTIFICATION_CHANNELS = ['in_app', 'webhook', 'sms', 'wechat'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_AUDIENCES = ['staff', 'client'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Channels each audience may be reached on: staff read the in-app inbox, clients get SMS and WeChat. */
export const CHANNELS_BY_AUDIENCE: Record<NotificationAudience, readonly NotificationChannel[]> = {
  staff: ['in_app', 'webhook'],
  client: ['sms', 'wechat', 'webhook'],
};

export interface NotificationRequest {
  orgId: string;
  /** Unique per organisation and channel: a second request with the same key creates nothing. */
  dedupeKey: string;
  audience: NotificationAudience;
  /** Staff recipient (audience staff). */
  userId?: string;
  /** Client recipient (audience client). */
  clientId?: string;
  channels: NotificationChannel[];
  /** Message template code, e.g. `follow-up.task-due`. */
  template: string;
  /** Stored in the notification row, never in a job payload. */
  variables: Record<string, string | number>;
}

/** The part of `Notifier` other modules call; see `Notifier` for the rules. */
export interface NotifierApi {
  request(manager: EntityManager, request: NotificationRequest): Promise<string[]>;
  deliverSoon(ids: string[]): Promise<void>;
}

export interface StaffRecipient {
  displayName: string;
  active: boolean;
}

export interface ClientRecipient {
  name: string;
  /** Decrypted mobile number, or null when the client has none. */
  phone: string | null;
  /** Decrypted WeChat Official Account openid the client bound, or null when the client has none. */
  wechatOpenId: string | null;
  /** The latest `reminders` consent decision grants reminders. */
  reminderConsent: boolean;
  deleted: boolean;
}

/**
 * Who a notification goes to. Core knows no staff or clients: the domain libraries implement this
 * (libs/iam for staff, libs/cards for clients) and the apps provide it under `NOTIFICATION_RECIPIENTS`.
 * Both return null when no such person exists in the organisation.
 */
export interface NotificationRecipients {
  staff(orgId: string, userId: string): Promise<StaffRecipient | null>;
  client(orgId: string, clientId: string): Promise<ClientRecipient | null>;
}

export const NOTIFICATION_RECIPIENTS = Symbol('NOTIFICATION_RECIPIENTS');
