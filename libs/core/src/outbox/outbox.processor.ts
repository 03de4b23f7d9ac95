import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers } from '../queue/job-handlers';
import { ReconcileSources } from '../queue/reconcile-sources';
import { EventDispatcher } from './event-dispatcher';
import { DispatchEventJob } from './outbox.jobs';
import { OutboxRepository } from './outbox.repository';

/**
 * Wires the outbox into the queues: dispatch jobs run the event handlers, and the reconciler
 * re-enqueues published events that no handler run has finished (lost when Redis was flushed).
 */
@Injectable()
export class OutboxProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly dispatcher: EventDispatcher,
    private readonly outbox: OutboxRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(DispatchEventJob, ({ eventId }) => this.dispatcher.dispatch(eventId));
    this.sources.register({
      name: 'outbox',
      job: DispatchEventJob,
      listPending: async (afterId, limit) =>
        (await this.outbox.listUnprocessed(afterId, limit)).map((id) => ({ jobId: id, payload: { eventId: id } })),
    });
  }
}
