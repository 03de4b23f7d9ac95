import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type OrganisationStatus = 'active' | 'disabled';

/** A tenant: a clinic or health-check centre. Every other row of the platform belongs to one. */
@Entity({ name: 'organisation' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Short unique slug, e.g. `default`. */
  @Column({ type: 'text' })
  code!: string;

  /** IANA time zone used for schedules and day boundaries of this organisation. */
  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'text' })
  status!: OrganisationStatus;

  /** The organisation created at first start; its auditors also see the platform audit chain. */
  @Column({ type: 'boolean' })
  isPlatform!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
