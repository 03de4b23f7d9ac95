/** Follow-ups request reminders through core's notifications (the contract of issue 6). */
export { Notifier, type NotificationChannel, type NotificationRequest } from '@health/core';
