import { defineEvent } from '@health/core';

/** A client withdrew consent to reminders: reminder senders stop messaging them. */
export const ClientReminderConsentWithdrawn = defineEvent<{ clientId: string; consentId: string }>({
  type: 'client.reminder_consent_withdrawn',
  aggregateType: 'client',
});
