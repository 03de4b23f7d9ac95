import { defineJob } from '../queue/job-definition';

/**
 * Delivers one notification row; the job id is the notification id, so enqueueing it twice (the
 * notifier, then the reconciler) runs it once. Retries back off exponentially: 5 s, 10 s, 20 s, …
 */
export const DeliverNotificationJob = defineJob<{ notificationId: string }>({
  queue: 'notifications',
  name: 'deliver-notification',
  attempts: 8,
  backoffMs: 5000,
});

/** Longest a worker may hold a claimed notification before another try may take it over. */
export const DELIVERY_CLAIM_SECONDS = 120;

/** Every outgoing HTTP call (webhook, SMS gateway, WeChat) gives up after this. */
export const NOTIFICATION_HTTP_TIMEOUT_MS = 10_000;
