import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { defineEvent } from '../outbox/domain-event';
import { DomainEventHandler, EventHandlers } from '../outbox/event-handlers';

/** The domain event the queue and outbox tests write and handle. */
export const ThingHappened = defineEvent<{ thingId: string }>({ type: 'test.thing_happened', aggregateType: 'thing' });

/** A module registering one handler of `ThingHappened` under `name`, as a domain module would. */
export function thingHandlerModule(name: string, handle: DomainEventHandler<{ thingId: string }>): DynamicModule {
  @Injectable()
  class ThingHandler implements OnModuleInit {
    constructor(private readonly events: EventHandlers) {}
    onModuleInit(): void {
      this.events.on(ThingHappened, name, handle);
    }
  }
  @Module({ providers: [ThingHandler] })
  class ThingHandlerModule {}
  return { module: ThingHandlerModule };
}

/** A handler that only records the ids of the events it ran for. */
export function countingThingHandler(runs: string[]): DynamicModule {
  return thingHandlerModule('test.count', async (event) => {
    runs.push(event.id);
  });
}
