import { CARD_ACTIONS, CARD_STATUSES, CardAction, CardStatus, cardTransition } from './card-status';

const LEGAL: [CardStatus, CardAction, CardStatus][] = [
  ['issued', 'activate', 'active'],
  ['active', 'freeze', 'frozen'],
  ['frozen', 'unfreeze', 'active'],
  ['issued', 'cancel', 'cancelled'],
  ['active', 'cancel', 'cancelled'],
  ['frozen', 'cancel', 'cancelled'],
  ['active', 'expire', 'expired'],
  ['frozen', 'expire', 'expired'],
  ['active', 'renew', 'active'],
  ['frozen', 'renew', 'frozen'],
  ['expired', 'renew', 'active'],
];

const TARGET: Record<CardAction, CardStatus> = {
  activate: 'active',
  freeze: 'frozen',
  unfreeze: 'active',
  cancel: 'cancelled',
  expire: 'expired',
  renew: 'active',
};

describe('card status transitions', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(cardTransition(from, action)).toEqual({ allowed: true, from, to });
  });

  const illegal = CARD_STATUSES.flatMap((from) =>
    CARD_ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map(
      (action) => [from, action] as [CardStatus, CardAction],
    ),
  );

  it('has exactly 19 illegal moves out of 30', () => {
    expect(illegal).toHaveLength(CARD_STATUSES.length * CARD_ACTIONS.length - LEGAL.length);
    expect(illegal).toHaveLength(19);
  });

  it.each(illegal)('%s --%s--> refused', (from, action) => {
    expect(cardTransition(from, action)).toEqual({ allowed: false, from, to: TARGET[action] });
  });

  it('never leaves a cancelled card', () => {
    for (const action of CARD_ACTIONS) expect(cardTransition('cancelled', action).allowed).toBe(false);
  });
});
