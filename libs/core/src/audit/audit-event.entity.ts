import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditActorType, AuditOutcome } from './audit.types';

/**
 * One row of the append-only audit log. Rows carry ids, codes and network facts only, never
 * personal data: names are joined at read time. Each row is hash-chained to the previous row of
 * the same organisation (`org_id` null: the platform chain).
 */
@Entity({ name: 'audit_event' })
export class AuditEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Append order; the chain is walked in this order. Assigned by the database. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  orgId!: string | null;

  @Column({ type: 'text' })
  actorType!: AuditActorType;

  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', nullable: true })
  targetType!: string | null;

  @Column({ type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
