import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type CardTypeStatus = 'active' | 'inactive';

/** One service of a package, e.g. `{ code: 'follow-up', name: '随访', quantity: 12 }`. */
export interface CardTypeService {
  code: string;
  name: string;
  quantity: number;
}

/** A kind of membership card: how long it is valid and which services it includes. */
@Entity({ name: 'card_type' })
export class CardType {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'integer' })
  validityMonths!: number;

  /** Price in fen (分); null when the type is not sold at a fixed price. */
  @Column({ type: 'integer', nullable: true })
  priceCents!: number | null;

  @Column({ type: 'jsonb' })
  services!: CardTypeService[];

  @Column({ type: 'text' })
  status!: CardTypeStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
