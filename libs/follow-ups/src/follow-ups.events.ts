import { defineEvent } from '@health/core';

/**
 * A follow-up task was completed by a record (the client was reached, or refused further calls).
 * Interventions and reports load the record by id.
 */
export const FollowUpCompleted = defineEvent<{
  taskId: string;
  clientId: string;
  planId: string | null;
  recordId: string;
  outcome: string;
}>({ type: 'follow-up.completed', aggregateType: 'follow_up_task' });
