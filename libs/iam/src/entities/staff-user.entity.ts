import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from './role.entity';

export type UserStatus = 'active' | 'disabled';

/** A member of staff who signs in to the console. Usernames are unique across the platform. */
@Entity({ name: 'staff_user' })
export class StaffUser {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  /** Stored lower-case: sign-in is case-insensitive. */
  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** argon2id, PHC string format. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  status!: UserStatus;

  @Column({ type: 'boolean' })
  mustChangePassword!: boolean;

  @Column({ type: 'timestamptz' })
  passwordChangedAt!: Date;

  @Column({ type: 'integer' })
  failedLoginCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @Column({ type: 'boolean' })
  isPlatformAdmin!: boolean;

  /** Part of every access token; incrementing it invalidates the user's access tokens at once. */
  @Column({ type: 'integer' })
  tokenVersion!: number;

  @ManyToMany(() => Role)
  @JoinTable({ name: 'user_role', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'role_id' } })
  roles!: Role[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
