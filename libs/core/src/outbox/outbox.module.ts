import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventDispatcher } from './event-dispatcher';
import { EventHandlers } from './event-handlers';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxProcessor } from './outbox.processor';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox-writer';
import { ProcessedEvent } from './processed-event.entity';
import { ProcessedEventRepository } from './processed-event.repository';

/**
 * Domain events: `OutboxWriter` to record them, `EventHandlers` to react to them. The relay and the
 * dispatch jobs only run where `WorkerRuntimeModule` is loaded. Needs `QueueModule`.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent, ProcessedEvent])],
  providers: [
    OutboxRepository,
    ProcessedEventRepository,
    OutboxWriter,
    EventHandlers,
    EventDispatcher,
    OutboxRelay,
    OutboxProcessor,
  ],
  exports: [OutboxWriter, EventHandlers, EventDispatcher, OutboxRelay],
})
export class OutboxModule {}
