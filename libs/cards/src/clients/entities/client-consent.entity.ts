import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ConsentKind = 'health_data' | 'reminders';
export const CONSENT_KINDS: readonly ConsentKind[] = ['health_data', 'reminders'];

/**
 * One consent decision (PIPL) of a client: rows are only ever appended, and the latest row of a
 * kind is the one in force, so the history of grants and withdrawals stays provable.
 */
@Entity({ name: 'client_consent' })
export class ClientConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  kind!: ConsentKind;

  /** Version of the consent text the client saw, e.g. `2025-01`. */
  @Column({ type: 'text' })
  version!: string;

  @Column({ type: 'boolean' })
  granted!: boolean;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;

  /** Staff user (or API key) who recorded the decision. */
  @Column({ type: 'text' })
  recordedBy!: string;
}
