import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Why someone saw a client's full ID number or phone. The audit log holds ids only, so the stated
 * reason (free text) lives here, next to the audit row `client.unmask` of the same request.
 */
@Entity({ name: 'client_unmask' })
export class ClientUnmask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  actorType!: string;

  @Column({ type: 'text' })
  actorId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
