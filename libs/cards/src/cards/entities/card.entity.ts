import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CardStatus } from '../card-status';

/** A client's membership card (会员卡). Dates are calendar days of the organisation's time zone. */
@Entity({ name: 'card' })
export class Card {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  /** See card-number.ts for the format. */
  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  cardTypeId!: string;

  @Column({ type: 'text' })
  status!: CardStatus;

  @Column({ type: 'date' })
  startDate!: string;

  /** Last day the card is valid. */
  @Column({ type: 'date' })
  expiryDate!: string;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
