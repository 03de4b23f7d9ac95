import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ArchiveProfile } from '../archive-profile';

/** The current health profile of one client; its versions are in `health_archive_version`. */
@Entity({ name: 'health_archive' })
export class HealthArchive {
  @PrimaryColumn({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  profile!: ArchiveProfile;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
