import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service included in a card with how much of it is left; copied from the card type at opening. */
@Entity({ name: 'card_service' })
export class CardServiceBalance {
  @PrimaryColumn({ type: 'uuid' })
  cardId!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Order of the service in the card type's package. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer' })
  remaining!: number;
}
