import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type Gender = 'male' | 'female';
export const GENDERS: readonly Gender[] = ['male', 'female'];

export type IdType =
  'resident_id' | 'passport' | 'hk_macao_resident_permit' | 'taiwan_resident_permit' | 'foreign_permanent_resident';
export const ID_TYPES: readonly IdType[] = [
  'resident_id',
  'passport',
  'hk_macao_resident_permit',
  'taiwan_resident_permit',
  'foreign_permanent_resident',
];

/** Stored in `emergency_contact`; the phone only as ciphertext plus a masked copy. */
export interface StoredEmergencyContact {
  name: string;
  relation: string;
  phoneCipher: string;
  phoneMasked: string;
}

/**
 * A client (客户) of an organisation. The ID number, phone and WeChat openid exist only encrypted
 * (`*_cipher`), as a blind index for exact lookup (`*_hash`) and as a masked display copy (`*_masked`).
 */
@Entity({ name: 'client' })
export class Client {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Lower-case pinyin initials of the name (张三 → `zs`), for search. */
  @Column({ type: 'text' })
  nameInitials!: string;

  @Column({ type: 'text' })
  gender!: Gender;

  @Column({ type: 'date' })
  birthDate!: string;

  @Column({ type: 'text', nullable: true })
  idType!: IdType | null;

  @Column({ type: 'text', nullable: true })
  idNumberCipher!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  idNumberHash!: string | null;

  @Column({ type: 'text', nullable: true })
  idNumberMasked!: string | null;

  @Column({ type: 'text', nullable: true })
  phoneCipher!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  phoneHash!: string | null;

  @Column({ type: 'text', nullable: true })
  phoneMasked!: string | null;

  /** WeChat Official Account openid the client bound (see `client-wechat.ts`); all four set or all null. */
  @Column({ type: 'text', nullable: true })
  wechatOpenIdCipher!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  wechatOpenIdHash!: string | null;

  @Column({ type: 'text', nullable: true })
  wechatOpenIdMasked!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  wechatBoundAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  emergencyContact!: StoredEmergencyContact | null;

  @Column({ type: 'text', nullable: true })
  sourceChannel!: string | null;

  @Column({ type: 'uuid', nullable: true })
  managerId!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  deletedReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
