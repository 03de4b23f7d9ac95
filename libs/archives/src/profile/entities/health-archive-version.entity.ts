import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorType } from '@health/core';
import type { ArchiveProfile } from '../archive-profile';

/** One saved change of a client's profile: the full snapshot, what changed and who changed it. Never updated. */
@Entity({ name: 'health_archive_version' })
export class HealthArchiveVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  profile!: ArchiveProfile;

  @Column({ type: 'text', array: true })
  changedPaths!: string[];

  @Column({ type: 'text' })
  actorType!: ActorType;

  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
