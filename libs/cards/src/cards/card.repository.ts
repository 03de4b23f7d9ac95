import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CardStatus } from './card-status';
import { Card, CardHistory, CardServiceBalance } from './entities';

export type NewCard = Pick<
  Card,
  'orgId' | 'number' | 'clientId' | 'cardTypeId' | 'status' | 'startDate' | 'expiryDate' | 'activatedAt'
>;
export type NewCardHistory = Pick<
  CardHistory,
  'orgId' | 'cardId' | 'action' | 'fromStatus' | 'toStatus' | 'reason' | 'serviceCode' | 'quantity' | 'actorType' | 'actorId'
>;
export interface NewCardService {
  code: string;
  name: string;
  quantity: number;
}

export interface CardFilter {
  clientId?: string;
  status?: CardStatus;
  number?: string;
}

/** A card with what its DTO shows beside it. */
export type CardView = Card & { cardTypeName: string; services: CardServiceBalance[] };

export type CardHistoryView = Omit<CardHistory, 'orgId' | 'cardId'> & { actorName: string | null };

/** What the printed card face shows. */
export interface CardFaceFacts {
  organisationName: string;
  cardTypeName: string;
  clientName: string;
  number: string;
  startDate: string;
  expiryDate: string;
}

export interface DueCard {
  id: string;
  orgId: string;
}

/**
 * The only place that queries `card`, `card_service`, `card_history` and `card_number_sequence`.
 * It also reads the names shown beside a card (card type, client, organisation, staff user).
 */
@Injectable()
export class CardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Takes the organisation's next card sequence; the row stays locked until the transaction ends. */
  async nextSequence(manager: EntityManager, orgId: string): Promise<number> {
    const [row]: { last_value: string }[] = await manager.query(
      `INSERT INTO card_number_sequence (org_id, last_value) VALUES ($1, 1)
       ON CONFLICT (org_id) DO UPDATE SET last_value = card_number_sequence.last_value + 1
       RETURNING last_value`,
      [orgId],
    );
    return Number(row.last_value);
  }

  async insert(manager: EntityManager, values: NewCard, services: NewCardService[]): Promise<Card> {
    const repo = manager.getRepository(Card);
    const card = await repo.save(repo.create(values));
    await this.insertServices(manager, card.id, services);
    return card;
  }

  /** Gives the card a fresh package (renewal): every service back to the type's quantity. */
  async replaceServices(manager: EntityManager, cardId: string, services: NewCardService[]): Promise<void> {
    await manager.getRepository(CardServiceBalance).delete({ cardId });
    await this.insertServices(manager, cardId, services);
  }

  private async insertServices(manager: EntityManager, cardId: string, services: NewCardService[]): Promise<void> {
    if (services.length === 0) return;
    await manager.getRepository(CardServiceBalance).insert(
      services.map((s, position) => ({
        cardId,
        code: s.code,
        name: s.name,
        position,
        total: s.quantity,
        remaining: s.quantity,
      })),
    );
  }

  findInOrg(orgId: string, id: string, manager?: EntityManager): Promise<Card | null> {
    return this.manager(manager).getRepository(Card).findOneBy({ orgId, id });
  }

  /** Locks the card for a change of status or dates; other changes of it wait for this transaction. */
  lockInOrg(manager: EntityManager, orgId: string, id: string): Promise<Card | null> {
    return manager.getRepository(Card).findOne({ where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  }

  lockById(manager: EntityManager, id: string): Promise<Card | null> {
    return manager.getRepository(Card).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Shares the card lock for consuming: consumptions of one card run side by side, while a freeze,
   * cancellation or renewal waits for them (and they for it).
   */
  lockForConsumption(manager: EntityManager, orgId: string, id: string): Promise<Card | null> {
    return manager.getRepository(Card).findOne({ where: { orgId, id }, lock: { mode: 'pessimistic_read' } });
  }

  save(manager: EntityManager, card: Card): Promise<Card> {
    return manager.getRepository(Card).save(card);
  }

  async hasService(manager: EntityManager, cardId: string, code: string): Promise<boolean> {
    return manager.getRepository(CardServiceBalance).existsBy({ cardId, code });
  }

  /**
   * Takes `quantity` of a service in one guarded statement, so concurrent consumers can never
   * drive it below zero. Returns what is left, or null when not enough was left.
   */
  async consume(manager: EntityManager, cardId: string, code: string, quantity: number): Promise<number | null> {
    const [rows]: [{ remaining: number }[], number] = await manager.query(
      `UPDATE card_service SET remaining = remaining - $3
        WHERE card_id = $1 AND code = $2 AND remaining >= $3
        RETURNING remaining`,
      [cardId, code, quantity],
    );
    return rows.length > 0 ? rows[0].remaining : null;
  }

  async addHistory(manager: EntityManager, entry: NewCardHistory): Promise<void> {
    await manager.getRepository(CardHistory).insert({ ...entry, at: new Date() });
  }

  async view(orgId: string, id: string, manager?: EntityManager): Promise<CardView | null> {
    const m = this.manager(manager);
    const card = await m.getRepository(Card).findOneBy({ orgId, id });
    if (!card) return null;
    const [view] = await this.withDetails(m, [card]);
    return view;
  }

  async list(orgId: string, filter: CardFilter, offset: number, limit: number): Promise<[CardView[], number]> {
    const where = {
      orgId,
      ...(filter.clientId ? { clientId: filter.clientId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      // A number that is only spaces and dashes matches nothing rather than everything.
      ...(filter.number !== undefined ? { number: filter.number } : {}),
    };
    const [cards, total] = await this.dataSource.manager.getRepository(Card).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return [await this.withDetails(this.dataSource.manager, cards), total];
  }

  private async withDetails(manager: EntityManager, cards: Card[]): Promise<CardView[]> {
    if (cards.length === 0) return [];
    const services = await manager.getRepository(CardServiceBalance).find({
      where: { cardId: In(cards.map((c) => c.id)) },
      order: { position: 'ASC' },
    });
    const typeNames: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM card_type WHERE id = ANY($1::uuid[])`,
      [[...new Set(cards.map((c) => c.cardTypeId))]],
    );
    const nameOf = new Map(typeNames.map((t) => [t.id, t.name]));
    return cards.map((card) =>
      Object.assign(card, {
        cardTypeName: nameOf.get(card.cardTypeId) ?? '',
        services: services.filter((s) => s.cardId === card.id),
      }),
    );
  }

  /** Newest first, with the display name of the staff user who made each change. */
  async history(cardId: string): Promise<CardHistoryView[]> {
    return this.dataSource.manager.query(
      `SELECT h.id, h.at, h.action, h.from_status AS "fromStatus", h.to_status AS "toStatus", h.reason,
              h.service_code AS "serviceCode", h.quantity, h.actor_type AS "actorType", h.actor_id AS "actorId",
              u.display_name AS "actorName"
         FROM card_history h
         LEFT JOIN staff_user u ON h.actor_type = 'user' AND u.id = h.actor_id
        WHERE h.card_id = $1
        ORDER BY h.at DESC, h.id DESC`,
      [cardId],
    );
  }

  async faceFacts(orgId: string, cardId: string): Promise<CardFaceFacts | null> {
    const [row]: CardFaceFacts[] = await this.dataSource.manager.query(
      `SELECT o.name AS "organisationName", t.name AS "cardTypeName", cl.name AS "clientName", c.number,
              c.start_date::text AS "startDate", c.expiry_date::text AS "expiryDate"
         FROM card c
         JOIN card_type t ON t.id = c.card_type_id
         JOIN client cl ON cl.id = c.client_id
         JOIN organisation o ON o.id = c.org_id
        WHERE c.org_id = $1 AND c.id = $2`,
      [orgId, cardId],
    );
    return row ?? null;
  }

  /** Type names of the client's cards that are not cancelled or expired, with whether one of them is active. */
  async heldTypes(orgId: string, clientId: string, manager?: EntityManager): Promise<{ name: string; status: string }[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT t.name, c.status FROM card c JOIN card_type t ON t.id = c.card_type_id
        WHERE c.org_id = $1 AND c.client_id = $2 AND c.status IN ('issued', 'active', 'frozen')
        ORDER BY c.created_at`,
      [orgId, clientId],
    );
  }

  /** Clients holding the card with this exact number; at most one, as numbers are unique per organisation. */
  async clientIdsByNumber(orgId: string, number: string): Promise<string[]> {
    const cards = await this.dataSource.manager
      .getRepository(Card)
      .find({ select: { clientId: true }, where: { orgId, number } });
    return [...new Set(cards.map((c) => c.clientId))];
  }

  /** Issued cards whose start date has come, in id order after `afterId`. */
  dueForActivation(today: string, afterId: string | null, limit: number): Promise<DueCard[]> {
    return this.due(`status = 'issued' AND start_date <= $1`, today, afterId, limit);
  }

  /** Active and frozen cards whose last valid day is before `today`. */
  dueForExpiry(today: string, afterId: string | null, limit: number): Promise<DueCard[]> {
    return this.due(`status IN ('active', 'frozen') AND expiry_date < $1`, today, afterId, limit);
  }

  private async due(condition: string, today: string, afterId: string | null, limit: number): Promise<DueCard[]> {
    const rows: { id: string; org_id: string }[] = await this.dataSource.manager.query(
      `SELECT id, org_id FROM card
        WHERE ${condition} AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [today, afterId, limit],
    );
    return rows.map((r) => ({ id: r.id, orgId: r.org_id }));
  }
}
