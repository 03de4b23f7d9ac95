/** What a job payload may hold: ids and flags, never personal data or nested documents. */
export type JobScalar = string | number | boolean | null;

/** A payload type whose every field is a scalar or a list of scalars (ids, dates as ISO strings, flags). */
export type IdsOnly<P> = { [K in keyof P]: JobScalar | readonly JobScalar[] };

export interface JobDefinition<P> {
  /** BullMQ queue the job goes to; one worker per queue runs its handlers. */
  readonly queue: string;
  /** Job name, unique within its queue; the worker picks the handler by it. */
  readonly name: string;
  /** Tries before the job is left failed (each retry waits exponentially longer, from `backoffMs`). */
  readonly attempts: number;
  readonly backoffMs: number;
  /** Never set: carries the payload type so producers and handlers agree on it at compile time. */
  readonly payloadType?: P;
}

const QUEUE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const JOB_NAME = /^[a-z][a-z0-9.-]{0,99}$/;

/**
 * Declares a job once (in a domain's `*.jobs.ts`), so enqueueing and handling it are type-checked:
 * `export const TaskDueJob = defineJob<{ taskId: string }>({ queue: 'follow-ups', name: 'task-due' })`.
 */
export function defineJob<P extends IdsOnly<P>>(spec: {
  queue: string;
  name: string;
  attempts?: number;
  backoffMs?: number;
}): JobDefinition<P> {
  if (!QUEUE_NAME.test(spec.queue))
    throw new Error(`invalid queue name "${spec.queue}": use lowercase letters, digits and dashes`);
  if (!JOB_NAME.test(spec.name))
    throw new Error(`invalid job name "${spec.name}": use lowercase letters, digits, dots and dashes`);
  return { queue: spec.queue, name: spec.name, attempts: spec.attempts ?? 5, backoffMs: spec.backoffMs ?? 2000 };
}
