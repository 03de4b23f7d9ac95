import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Proof that `handler` has done its work for event `eventId`; its key makes a second run a no-op. */
@Entity({ name: 'processed_events' })
export class ProcessedEvent {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ type: 'text' })
  handler!: string;

  @Column({ type: 'timestamptz', insert: false, update: false })
  processedAt!: Date;
}
