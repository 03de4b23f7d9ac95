import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActorType, DomainError, DomainEventType, OutboxWriter } from '@health/core';
import { CardAction, cardTransition } from './card-status';
import { CardRepository } from './card.repository';
import { CardActivated, CardCancelled, CardEventPayload, CardExpired, CardFrozen, CardUnfrozen } from './cards.events';
import { Card, CardHistoryAction } from './entities';

/** Who changes a card: a staff user, an API key, or the daily job (`system`, no id). */
export interface CardActor {
  type: ActorType;
  id: string | null;
}

type StatusAction = Exclude<CardAction, 'renew'>;

const HISTORY_ACTION: Record<StatusAction, CardHistoryAction> = {
  activate: 'activated',
  freeze: 'frozen',
  unfreeze: 'unfrozen',
  cancel: 'cancelled',
  expire: 'expired',
};

const EVENT: Record<StatusAction, DomainEventType<CardEventPayload>> = {
  activate: CardActivated,
  freeze: CardFrozen,
  unfreeze: CardUnfrozen,
  cancel: CardCancelled,
  expire: CardExpired,
};

export function invalidTransition(from: string, to: string, action: CardAction): DomainError {
  return DomainError.conflict('CARD_INVALID_TRANSITION', `A ${from} card cannot be moved to ${to} (${action})`, [
    { field: 'fromStatus', code: from, message: 'current status of the card' },
    { field: 'toStatus', code: to, message: `status the ${action} action leads to` },
  ]);
}

/**
 * Applies a status move to a locked card inside the caller's transaction: the new status, a
 * history row and the domain event, so the three exist together or not at all.
 */
@Injectable()
export class CardLifecycle {
  constructor(
    private readonly cards: CardRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Throws 409 `CARD_INVALID_TRANSITION` naming the current and the requested status. */
  assertAllowed(card: Card, action: CardAction) {
    const transition = cardTransition(card.status, action);
    if (!transition.allowed) throw invalidTransition(transition.from, transition.to, action);
    return transition;
  }

  async apply(manager: EntityManager, card: Card, action: StatusAction, actor: CardActor, reason: string | null): Promise<Card> {
    const { from, to } = this.assertAllowed(card, action);
    card.status = to;
    if (action === 'activate') card.activatedAt = new Date();
    const saved = await this.cards.save(manager, card);
    await this.record(manager, card, HISTORY_ACTION[action], from, to, actor, reason);
    await this.outbox.append(manager, {
      event: EVENT[action],
      orgId: card.orgId,
      aggregateId: card.id,
      payload: { cardId: card.id, clientId: card.clientId },
    });
    return saved;
  }

  async record(
    manager: EntityManager,
    card: Card,
    action: CardHistoryAction,
    fromStatus: Card['status'] | null,
    toStatus: Card['status'] | null,
    actor: CardActor,
    reason: string | null,
    consumed?: { serviceCode: string; quantity: number },
  ): Promise<void> {
    await this.cards.addHistory(manager, {
      orgId: card.orgId,
      cardId: card.id,
      action,
      fromStatus,
      toStatus,
      reason,
      serviceCode: consumed?.serviceCode ?? null,
      quantity: consumed?.quantity ?? null,
      actorType: actor.type,
      actorId: actor.id,
    });
  }
}
