import { Injectable } from '@nestjs/common';
import { JobDefinition } from './job-definition';

export interface JobContext {
  jobId: string;
  /** 1 on the first try, 2 on the first retry, … */
  attempt: number;
}

/** Does the work of one job. Must be idempotent: a job can run twice (retry after a crash, reconciler). */
export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>;

/**
 * Which function handles which job. Domain processors register here in `onModuleInit`; the worker
 * runtime (apps/worker, or the API with RUN_WORKER=inline) starts one BullMQ worker per queue that
 * has handlers. Registering in a process without the runtime is harmless: nothing consumes there.
 */
@Injectable()
export class JobHandlers {
  private readonly byQueue = new Map<string, Map<string, JobHandler<unknown>>>();

  handle<P>(job: JobDefinition<P>, handler: JobHandler<P>): void {
    const handlers = this.byQueue.get(job.queue) ?? new Map<string, JobHandler<unknown>>();
    if (handlers.has(job.name)) throw new Error(`job ${job.queue}/${job.name} already has a handler`);
    // Payloads come back from Redis as JSON; the definition is what vouches for their shape.
    handlers.set(job.name, (payload, context) => handler(payload as P, context));
    this.byQueue.set(job.queue, handlers);
  }

  queues(): string[] {
    return [...this.byQueue.keys()];
  }

  handlerFor(queue: string, name: string): JobHandler<unknown> | undefined {
    return this.byQueue.get(queue)?.get(name);
  }
}
