import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEventType } from './domain-event';
import { OutboxRepository } from './outbox.repository';

export interface NewDomainEvent<P> {
  event: DomainEventType<P>;
  /** Organisation the change belongs to; null for platform-level changes. */
  orgId: string | null;
  aggregateId: string;
  payload: NoInfer<P>;
}

/**
 * Records a domain event. Always pass the manager of the transaction that makes the change: the
 * event then exists exactly when the change does, and the relay publishes it after the commit.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly outbox: OutboxRepository) {}

  /** Returns the event id. */
  async append<P>(manager: EntityManager, event: NewDomainEvent<P>): Promise<string> {
    const id = randomUUID();
    await this.outbox.insert(manager, {
      id,
      orgId: event.orgId,
      type: event.event.type,
      aggregateType: event.event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload as Record<string, unknown>,
    });
    return id;
  }
}
