import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One domain event, e.g. `card.opened`. The payload holds ids only: handlers read what they need
 * from the database, so no personal data travels through Redis or sits in this table.
 */
@Entity({ name: 'outbox' })
export class OutboxEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  orgId!: string | null;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  aggregateType!: string;

  @Column({ type: 'text' })
  aggregateId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  /** When the relay handed the event to BullMQ; null while it waits in PostgreSQL. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** When every handler had handled it. */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  /** Dispatches that ended with a failing handler. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
