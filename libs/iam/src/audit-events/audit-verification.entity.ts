import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AUDIT_VERIFICATION_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
/** `completed` whether or not the chain was intact (see `valid`); `failed` when the job could not finish. */
export type AuditVerificationStatus = (typeof AUDIT_VERIFICATION_STATUSES)[number];

/** One recomputation of an organisation's audit chains, run by a job. */
@Entity({ name: 'audit_verification' })
export class AuditVerification {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  /** Who asked for it: a user or an API key (the `audit.verified` row names them). */
  @Column({ type: 'text' })
  requestedByType!: 'user' | 'api_key';

  @Column({ type: 'text' })
  requestedBy!: string;

  @Column({ type: 'text' })
  status!: AuditVerificationStatus;

  /** Rows in the chains when the job started (rows appended meanwhile are checked too). */
  @Column({ type: 'bigint' })
  rowsTotal!: string;

  @Column({ type: 'bigint' })
  checked!: string;

  @Column({ type: 'boolean', nullable: true })
  valid!: boolean | null;

  @Column({ type: 'uuid', nullable: true })
  firstBrokenId!: string | null;

  @Column({ type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
