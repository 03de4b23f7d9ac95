import { Global, Module } from '@nestjs/common';
import { BullQueues } from './bull-queues';
import { JobHandlers } from './job-handlers';
import { JobQueues } from './job-queues';
import { JobSchedulers } from './job-schedulers';
import { QueueConnection } from './queue-connection';
import { QueueHealth } from './queue-health';
import { ReconcileSources } from './reconcile-sources';
import { RedisQueueHealth } from './redis-queue-health';

/**
 * Producing jobs, declaring handlers, schedules and reconcile sources: everything any process
 * needs. Consuming them is `WorkerRuntimeModule`.
 */
@Global()
@Module({
  providers: [
    QueueConnection,
    BullQueues,
    { provide: QueueHealth, useClass: RedisQueueHealth },
    JobQueues,
    JobHandlers,
    JobSchedulers,
    ReconcileSources,
  ],
  exports: [QueueConnection, QueueHealth, JobQueues, JobHandlers, JobSchedulers, ReconcileSources],
})
export class QueueModule {}
