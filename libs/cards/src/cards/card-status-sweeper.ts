import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, AuditService, describeError } from '@health/core';
import { todayIn } from './card-dates';
import { CardActor, CardLifecycle } from './card-lifecycle';
import { CardRepository, DueCard } from './card.repository';
import { Card } from './entities';

const BATCH = 200;
const SYSTEM: CardActor = { type: 'system', id: null };

export interface CardSweepResult {
  activated: number;
  expired: number;
}

/**
 * The daily card job: issued cards whose start date has come become active, active and frozen
 * cards past their last valid day expire. One transaction per card (status, history, event and
 * audit row together); each card is re-checked under its lock, so running twice, or next to a
 * staff change of the same card, does each move once.
 */
@Injectable()
export class CardStatusSweeper {
  private readonly logger = new Logger('CardStatusSweeper');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cards: CardRepository,
    private readonly lifecycle: CardLifecycle,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** `today` defaults to the current day in the organisation time zone. */
  async run(today: string = todayIn(this.config.tzDefault)): Promise<CardSweepResult> {
    // Activation first: a card that started and ended while nobody ran the job still expires today.
    const activated = await this.sweep(
      (after) => this.cards.dueForActivation(today, after, BATCH),
      (card) => card.status === 'issued' && card.startDate <= today,
      'activate',
    );
    const expired = await this.sweep(
      (after) => this.cards.dueForExpiry(today, after, BATCH),
      (card) => (card.status === 'active' || card.status === 'frozen') && card.expiryDate < today,
      'expire',
    );
    if (activated + expired > 0) this.logger.log({ msg: 'card statuses updated', today, activated, expired });
    return { activated, expired };
  }

  private async sweep(
    page: (afterId: string | null) => Promise<DueCard[]>,
    stillDue: (card: Card) => boolean,
    action: 'activate' | 'expire',
  ): Promise<number> {
    let changed = 0;
    let after: string | null = null;
    for (;;) {
      const due = await page(after);
      for (const { id } of due) {
        try {
          if (await this.moveOne(id, stillDue, action)) changed += 1;
        } catch (err) {
          // One broken card must not hold back the others; the next run tries it again.
          this.logger.warn({ msg: `could not ${action} card`, cardId: id, error: describeError(err) });
        }
      }
      if (due.length < BATCH) return changed;
      after = due[due.length - 1].id;
    }
  }

  private moveOne(id: string, stillDue: (card: Card) => boolean, action: 'activate' | 'expire'): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const card = await this.cards.lockById(manager, id);
      if (!card || !stillDue(card)) return false;
      const reason = action === 'activate' ? 'start date reached' : 'expiry date passed';
      await this.lifecycle.apply(manager, card, action, SYSTEM, reason);
      await this.audit.record(
        {
          action: action === 'activate' ? 'card.activated' : 'card.expired',
          targetType: 'card',
          targetId: card.id,
          orgId: card.orgId,
          actor: { type: 'system' },
        },
        manager,
      );
      return true;
    });
  }
}
