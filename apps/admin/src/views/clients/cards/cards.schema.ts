import type { Card, CardHistoryEntry } from '@/api/types';

export type CardStatus = Card['status'];
/** The transitions staff take with their own endpoint and a reason. */
export type CardAction = 'freeze' | 'unfreeze' | 'renew' | 'cancel';

export const cardStatusTag: Record<CardStatus, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  issued: 'primary',
  active: 'success',
  frozen: 'warning',
  expired: 'info',
  cancelled: 'danger',
};

/**
 * From which statuses an action is offered; the same table as the API's (which refuses anything
 * else with 409 CARD_INVALID_TRANSITION). Renewing keeps a frozen card frozen.
 */
const ACTIONS_BY_STATUS: Record<CardStatus, CardAction[]> = {
  issued: ['cancel'],
  active: ['freeze', 'renew', 'cancel'],
  frozen: ['unfreeze', 'renew', 'cancel'],
  expired: ['renew'],
  cancelled: [],
};

export function cardActions(status: CardStatus): CardAction[] {
  return ACTIONS_BY_STATUS[status];
}

/** Services can be used while the card is active. */
export function canConsume(card: Pick<Card, 'status' | 'services'>): boolean {
  return card.status === 'active' && card.services.some((service) => service.remaining > 0);
}

/** Share of a service still available, for the progress bar. */
export function remainingPercent(remaining: number, total: number): number {
  return total > 0 ? Math.round((remaining / total) * 100) : 0;
}

const HISTORY_TYPES: Record<CardHistoryEntry['action'], 'primary' | 'success' | 'warning' | 'danger' | 'info'> = {
  opened: 'primary',
  activated: 'success',
  frozen: 'warning',
  unfrozen: 'success',
  renewed: 'primary',
  cancelled: 'danger',
  expired: 'info',
  consumed: 'info',
};

export function historyType(entry: Pick<CardHistoryEntry, 'action'>) {
  return HISTORY_TYPES[entry.action];
}

/** The text of a history entry is the note of a service use, and the reason of every other change. */
export function historyTextKey(entry: Pick<CardHistoryEntry, 'action'>): 'cards.note' | 'common.reason' {
  return entry.action === 'consumed' ? 'cards.note' : 'common.reason';
}

/** Today in the browser's calendar as `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
