import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorType } from '@health/core';
import { CardStatus } from '../card-status';

export type CardHistoryAction = 'opened' | 'activated' | 'frozen' | 'unfrozen' | 'cancelled' | 'expired' | 'renewed' | 'consumed';

/** One change of a card: a status move, a renewal or a consumed service. */
@Entity({ name: 'card_history' })
export class CardHistory {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'uuid' })
  cardId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  action!: CardHistoryAction;

  @Column({ type: 'text', nullable: true })
  fromStatus!: CardStatus | null;

  @Column({ type: 'text', nullable: true })
  toStatus!: CardStatus | null;

  /** The staff member's reason, or the consumption note. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  serviceCode!: string | null;

  @Column({ type: 'integer', nullable: true })
  quantity!: number | null;

  @Column({ type: 'text' })
  actorType!: ActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;
}
