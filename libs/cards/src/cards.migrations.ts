import { CardsInitial1763900100001 } from './cards/cards.migrations';
import { ClientImports1763900300001 } from './client-imports/client-imports.migrations';
import { ClientSearchIndexes1764800000101 } from './clients/clients-search.migrations';
import { ClientWechatBinding1767100000101 } from './clients/clients-wechat.migrations';
import { ClientsInitial1763900000001 } from './clients/clients.migrations';

/** Migrations of the cards domain (clients, card types, cards), in order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const CARDS_MIGRATIONS: Function[] = [
  ClientsInitial1763900000001,
  CardsInitial1763900100001,
  ClientImports1763900300001,
  ClientSearchIndexes1764800000101,
  ClientWechatBinding1767100000101,
];
