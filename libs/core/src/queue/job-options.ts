import type { JobSchedulerTemplateOptions } from 'bullmq';
import { JobDefinition } from './job-definition';

const DAY_SECONDS = 86_400;

/** Retries and retention every job of this definition gets, whether enqueued or scheduled. */
export function jobRunOptions<P>(job: JobDefinition<P>): JobSchedulerTemplateOptions {
  return {
    attempts: job.attempts,
    backoff: { type: 'exponential', delay: job.backoffMs },
    // Finished jobs stay a while so a duplicate enqueue is still recognised and failures can be inspected.
    removeOnComplete: { age: DAY_SECONDS, count: 10_000 },
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
}
