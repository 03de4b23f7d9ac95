/**
 * The card life cycle as a pure table, so every legal and illegal move is testable without a
 * database. `activate` and `expire` are taken by the daily job; the others by staff.
 */
export const CARD_STATUSES = ['issued', 'active', 'frozen', 'expired', 'cancelled'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const CARD_ACTIONS = ['activate', 'freeze', 'unfreeze', 'cancel', 'expire', 'renew'] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

const TRANSITIONS: Record<CardAction, Partial<Record<CardStatus, CardStatus>>> = {
  activate: { issued: 'active' },
  freeze: { active: 'frozen' },
  unfreeze: { frozen: 'active' },
  cancel: { issued: 'cancelled', active: 'cancelled', frozen: 'cancelled' },
  expire: { active: 'expired', frozen: 'expired' },
  // Renewing keeps a frozen card frozen; it only brings an expired card back.
  renew: { active: 'active', frozen: 'frozen', expired: 'active' },
};

/** The status an action aims for, named in the 409 when the move is not allowed. */
const TARGETS: Record<CardAction, CardStatus> = {
  activate: 'active',
  freeze: 'frozen',
  unfreeze: 'active',
  cancel: 'cancelled',
  expire: 'expired',
  renew: 'active',
};

export interface CardTransition {
  allowed: boolean;
  from: CardStatus;
  /** Where the card goes, or (when refused) where the action would have taken it. */
  to: CardStatus;
}

export function cardTransition(from: CardStatus, action: CardAction): CardTransition {
  const to = TRANSITIONS[action][from];
  return to ? { allowed: true, from, to } : { allowed: false, from, to: TARGETS[action] };
}
