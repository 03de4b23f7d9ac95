import { CardHistory } from './card-history.entity';
import { CardServiceBalance } from './card-service.entity';
import { Card } from './card.entity';

export const CARD_ENTITIES = [Card, CardServiceBalance, CardHistory];
export { Card, CardHistory, CardServiceBalance };
export type { CardHistoryAction } from './card-history.entity';
