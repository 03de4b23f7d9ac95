import { Module } from '@nestjs/common';
import { Reconciler } from '../queue/reconciler';
import { JobWorkers } from './job-workers';
import { RecurringJobs } from './recurring-jobs';
import { WorkerRuntime } from './worker-runtime';

/**
 * Consumes what `QueueModule` and `OutboxModule` declare: the outbox relay, one BullMQ worker per
 * queue with handlers, the job schedulers and the reconciler. Loaded by apps/worker, and by the API
 * when RUN_WORKER=inline (always with the embedded database, which is one session).
 */
@Module({
  providers: [Reconciler, JobWorkers, RecurringJobs, WorkerRuntime],
  exports: [Reconciler],
})
export class WorkerRuntimeModule {}
