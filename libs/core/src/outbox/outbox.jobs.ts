import { defineJob } from '../queue/job-definition';

/**
 * Runs the handlers of one outbox event. The job id is the event id, so a relay or reconciler
 * enqueueing it twice makes one job. Ten tries, waiting 1 s, 2 s, 4 s … 256 s between them (8.5 min in all).
 */
export const DispatchEventJob = defineJob<{ eventId: string }>({
  queue: 'domain-events',
  name: 'dispatch-event',
  attempts: 10,
  backoffMs: 1000,
});
