import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventType } from './domain-event';

/**
 * Reacts to one event. Do database work through `manager`: it is the transaction that also records
 * the event as handled by this handler, so the work commits exactly once however often the event
 * is delivered. Side effects outside the database belong in a job enqueued from here.
 */
export type DomainEventHandler<P> = (event: DomainEvent<P>, manager: EntityManager) => Promise<void>;

export interface RegisteredEventHandler {
  name: string;
  handle: DomainEventHandler<unknown>;
}

/** Which handlers react to which event type. Domain processors register in `onModuleInit`. */
@Injectable()
export class EventHandlers {
  private readonly byType = new Map<string, RegisteredEventHandler[]>();

  /**
   * `name` (e.g. `follow-ups.plan-for-opened-card`) is stored with every event it handles: keep it
   * stable, or events already handled under the old name would be handled again.
   */
  on<P>(event: DomainEventType<P>, name: string, handler: DomainEventHandler<P>): void {
    const handlers = this.byType.get(event.type) ?? [];
    if (handlers.some((h) => h.name === name)) throw new Error(`event ${event.type} already has a handler named ${name}`);
    // Payloads are stored as JSON; the event definition is what vouches for their shape.
    handlers.push({ name, handle: (e, manager) => handler(e as DomainEvent<P>, manager) });
    this.byType.set(event.type, handlers);
  }

  for(type: string): readonly RegisteredEventHandler[] {
    return this.byType.get(type) ?? [];
  }
}
