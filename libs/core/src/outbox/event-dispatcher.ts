import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvent } from './domain-event';
import { EventHandlers } from './event-handlers';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxRepository } from './outbox.repository';
import { ProcessedEventRepository } from './processed-event.repository';
import { describeError } from '../logging/describe-error';

export class EventHandlingError extends Error {
  constructor(eventId: string, failed: number) {
    super(`${failed} handler(s) failed for event ${eventId}`);
    this.name = 'EventHandlingError';
  }
}

/**
 * Runs every handler of one event, each in its own transaction guarded by `processed_events`, so a
 * redelivered event skips handlers that already succeeded. The event is marked processed once all
 * have; otherwise the failure is recorded and thrown, and the job retries the rest.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger('Events');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: EventHandlers,
    private readonly outbox: OutboxRepository,
    private readonly processed: ProcessedEventRepository,
  ) {}

  async dispatch(eventId: string): Promise<void> {
    const row = await this.outbox.findById(eventId);
    if (!row || row.processedAt) return;
    const event = toDomainEvent(row);
    const failures: string[] = [];
    for (const handler of this.handlers.for(row.type)) {
      try {
        await this.dataSource.transaction(async (manager) => {
          if (await this.processed.claim(manager, row.id, handler.name)) await handler.handle(event, manager);
        });
      } catch (err) {
        const error = describe(err);
        failures.push(`${handler.name}: ${error}`);
        this.logger.warn({ msg: 'event handler failed', eventId: row.id, type: row.type, handler: handler.name, error });
      }
    }
    if (failures.length > 0) {
      await this.outbox.recordFailure(row.id, failures.join('\n'));
      throw new EventHandlingError(row.id, failures.length);
    }
    await this.outbox.markProcessed(row.id);
  }
}

function toDomainEvent(row: OutboxEvent): DomainEvent<unknown> {
  return {
    id: row.id,
    type: row.type,
    orgId: row.orgId,
    aggregateType: row.aggregateType,
    aggregateId: row.aggregateId,
    payload: row.payload,
    createdAt: row.createdAt,
  };
}

/** Name and message only: PostgreSQL puts row values in `detail`, which must not reach logs. */
/** Kept in outbox.last_error and the log: codes and messages only, never SQL parameters. */
function describe(err: unknown): string {
  const { type, message, sqlState, constraint } = describeError(err);
  return [type, message, sqlState && `SQLSTATE ${sqlState}`, constraint].filter(Boolean).join(': ');
}
