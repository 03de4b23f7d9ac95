import { defineEvent } from '@health/core';

/** Ids only: handlers load the card (and its client) themselves. */
export interface CardEventPayload {
  cardId: string;
  clientId: string;
}

export const CardOpened = defineEvent<CardEventPayload & { cardTypeId: string }>({ type: 'card.opened', aggregateType: 'card' });
export const CardActivated = defineEvent<CardEventPayload>({ type: 'card.activated', aggregateType: 'card' });
export const CardFrozen = defineEvent<CardEventPayload>({ type: 'card.frozen', aggregateType: 'card' });
export const CardUnfrozen = defineEvent<CardEventPayload>({ type: 'card.unfrozen', aggregateType: 'card' });
export const CardCancelled = defineEvent<CardEventPayload>({ type: 'card.cancelled', aggregateType: 'card' });
export const CardExpired = defineEvent<CardEventPayload>({ type: 'card.expired', aggregateType: 'card' });
/** `expiryDate` is the new last valid day (`YYYY-MM-DD`). */
export const CardRenewed = defineEvent<CardEventPayload & { expiryDate: string }>({
  type: 'card.renewed',
  aggregateType: 'card',
});
