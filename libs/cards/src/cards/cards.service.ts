import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  AppConfig,
  AuditService,
  DomainError,
  OutboxWriter,
  Page,
  pageOf,
  pageOffset,
  RequestContext,
} from '@health/core';
import { orgIdOf } from '@health/iam';
import { CardTypesService } from '../card-types/card-types.service';
import { ClientsService } from '../clients/clients.service';
import { addDays, expiryDate, isIsoDate, renewedExpiryDate, todayIn } from './card-dates';
import { CardFaceRenderer } from './card-face.renderer';
import { CardActor, CardLifecycle } from './card-lifecycle';
import { cardNumberFromSequence, normaliseCardNumber } from './card-number';
import { CardHistoryView, CardRepository, CardView } from './card.repository';
import { CardOpened, CardRenewed } from './cards.events';
import {
  CardDto,
  CardFaceFormat,
  CardHistoryEntryDto,
  CardReasonDto,
  ConsumeCardServiceDto,
  ListCardsQueryDto,
  OpenCardDto,
} from './dto/card.dto';
import { Card } from './entities';

/** How far ahead a card may be opened to start. */
const MAX_DAYS_AHEAD = 366;

export function cardNotFound(): DomainError {
  return DomainError.notFound('CARD_NOT_FOUND', 'Card not found');
}

function toCardDto(card: CardView): CardDto {
  return {
    id: card.id,
    number: card.number,
    clientId: card.clientId,
    cardType: { id: card.cardTypeId, name: card.cardTypeName },
    status: card.status,
    startDate: card.startDate,
    expiryDate: card.expiryDate,
    activatedAt: card.activatedAt?.toISOString(),
    services: card.services.map((s) => ({ code: s.code, name: s.name, total: s.total, remaining: s.remaining })),
    createdAt: card.createdAt.toISOString(),
  };
}

function toHistoryDto(entry: CardHistoryView): CardHistoryEntryDto {
  return {
    id: entry.id,
    at: new Date(entry.at).toISOString(),
    action: entry.action,
    fromStatus: entry.fromStatus ?? undefined,
    toStatus: entry.toStatus ?? undefined,
    reason: entry.reason ?? undefined,
    serviceCode: entry.serviceCode ?? undefined,
    quantity: entry.quantity ?? undefined,
    actorType: entry.actorType,
    actorName: entry.actorName ?? undefined,
  };
}

function actorOf(actor: Actor): CardActor {
  return { type: actor.type, id: actor.id };
}

export interface CardFace {
  body: Buffer;
  contentType: string;
  filename: string;
}

/**
 * Membership cards (会员卡): opening, status changes with their reasons, renewals, consuming
 * included services, and the printable face. Every change is one transaction with its history row
 * and domain event; the HTTP layer adds the audit row.
 */
@Injectable()
export class CardsService implements OnModuleInit {
  private clients!: ClientsService;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly cards: CardRepository,
    private readonly cardTypes: CardTypesService,
    private readonly lifecycle: CardLifecycle,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
    private readonly faces: CardFaceRenderer,
    private readonly config: AppConfig,
  ) {}

  /**
   * Looked up once the module is built rather than injected: the clients search asks this service
   * for card numbers, and a constructor dependency both ways would be a cycle.
   */
  onModuleInit(): void {
    this.clients = this.moduleRef.get(ClientsService);
  }

  /** The organisation's calendar day; every organisation uses the configured default zone for now. */
  private today(): string {
    return todayIn(this.config.tzDefault);
  }

  async open(actor: Actor, dto: OpenCardDto): Promise<CardDto> {
    const orgId = orgIdOf(actor);
    const today = this.today();
    const startDate = dto.startDate ?? today;
    if (!isIsoDate(startDate)) throw startDateInvalid('startDate is not a calendar date');
    if (startDate > addDays(today, MAX_DAYS_AHEAD))
      throw startDateInvalid(`startDate may be at most ${MAX_DAYS_AHEAD} days ahead`);
    const card = await this.dataSource.transaction(async (manager) => {
      await this.clients.assertClientExists(dto.clientId, manager);
      const type = await this.cardTypes.require(orgId, dto.cardTypeId, manager);
      if (type.status !== 'active') {
        throw DomainError.conflict('CARD_TYPE_INACTIVE', 'This card type is no longer offered; choose an active one');
      }
      const expiry = expiryDate(startDate, type.validityMonths);
      if (expiry < today) throw startDateInvalid('A card starting on startDate would already have expired');
      const active = startDate <= today;
      const number = cardNumberFromSequence(await this.cards.nextSequence(manager, orgId));
      const opened = await this.cards.insert(
        manager,
        {
          orgId,
          number,
          clientId: dto.clientId,
          cardTypeId: type.id,
          status: active ? 'active' : 'issued',
          startDate,
          expiryDate: expiry,
          activatedAt: active ? new Date() : null,
        },
        type.services,
      );
      await this.lifecycle.record(manager, opened, 'opened', null, opened.status, actorOf(actor), null);
      await this.outbox.append(manager, {
        event: CardOpened,
        orgId,
        aggregateId: opened.id,
        payload: { cardId: opened.id, clientId: opened.clientId, cardTypeId: type.id },
      });
      return opened;
    });
    return this.get(actor, card.id);
  }

  async list(actor: Actor, query: ListCardsQueryDto): Promise<Page<CardDto>> {
    const filter = {
      clientId: query.clientId,
      status: query.status,
      number: query.number === undefined ? undefined : normaliseCardNumber(query.number),
    };
    const [rows, total] = await this.cards.list(orgIdOf(actor), filter, pageOffset(query), query.pageSize);
    return pageOf(rows.map(toCardDto), total, query);
  }

  async get(actor: Actor, id: string, manager?: EntityManager): Promise<CardDto> {
    const card = await this.cards.view(orgIdOf(actor), id, manager);
    if (!card) throw cardNotFound();
    return toCardDto(card);
  }

  async history(actor: Actor, id: string): Promise<CardHistoryEntryDto[]> {
    const card = await this.cards.findInOrg(orgIdOf(actor), id);
    if (!card) throw cardNotFound();
    return (await this.cards.history(card.id)).map(toHistoryDto);
  }

  freeze(actor: Actor, id: string, dto: CardReasonDto): Promise<CardDto> {
    return this.change(actor, id, (manager, card) => this.lifecycle.apply(manager, card, 'freeze', actorOf(actor), dto.reason));
  }

  unfreeze(actor: Actor, id: string, dto: CardReasonDto): Promise<CardDto> {
    return this.change(actor, id, (manager, card) => this.lifecycle.apply(manager, card, 'unfreeze', actorOf(actor), dto.reason));
  }

  cancel(actor: Actor, id: string, dto: CardReasonDto): Promise<CardDto> {
    return this.change(actor, id, (manager, card) => this.lifecycle.apply(manager, card, 'cancel', actorOf(actor), dto.reason));
  }

  /**
   * Extends the card by its type's validity, following the current period without a gap (or from
   * today once lapsed), and refills every service to the type's current package. An expired card
   * becomes active again; a frozen one stays frozen.
   */
  renew(actor: Actor, id: string, dto: CardReasonDto): Promise<CardDto> {
    return this.change(actor, id, async (manager, card) => {
      const { from, to } = this.lifecycle.assertAllowed(card, 'renew');
      const type = await this.cardTypes.require(card.orgId, card.cardTypeId, manager);
      card.expiryDate = renewedExpiryDate(card.expiryDate, this.today(), type.validityMonths);
      card.status = to;
      card.activatedAt ??= new Date();
      await this.cards.save(manager, card);
      await this.cards.replaceServices(manager, card.id, type.services);
      await this.lifecycle.record(manager, card, 'renewed', from, to, actorOf(actor), dto.reason);
      await this.outbox.append(manager, {
        event: CardRenewed,
        orgId: card.orgId,
        aggregateId: card.id,
        payload: { cardId: card.id, clientId: card.clientId, expiryDate: card.expiryDate },
      });
    });
  }

  /**
   * Takes a quantity of an included service. Only an active card within its dates can be used
   * (the daily job may not have expired it yet at 00:00–00:05).
   */
  async consume(actor: Actor, id: string, dto: ConsumeCardServiceDto): Promise<CardDto> {
    const quantity = dto.quantity ?? 1;
    const orgId = orgIdOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const card = await this.cards.lockForConsumption(manager, orgId, id);
      if (!card) throw cardNotFound();
      if (card.status !== 'active' || card.expiryDate < this.today()) {
        throw DomainError.conflict(
          'CARD_NOT_ACTIVE',
          `Services can only be used from an active card; this card is ${card.status}`,
          [{ field: 'status', code: card.status, message: 'current status of the card' }],
        );
      }
      if (!(await this.cards.hasService(manager, card.id, dto.serviceCode))) {
        throw DomainError.badRequest('CARD_SERVICE_UNKNOWN', 'The card does not include this service', [
          { field: 'serviceCode', code: 'unknown', message: `No service ${dto.serviceCode} on this card` },
        ]);
      }
      const remaining = await this.cards.consume(manager, card.id, dto.serviceCode, quantity);
      if (remaining === null) {
        throw DomainError.conflict('CARD_SERVICE_EXHAUSTED', 'Not enough of this service is left on the card', [
          { field: 'quantity', code: 'exceedsRemaining', message: `Requested ${quantity}` },
        ]);
      }
      await this.lifecycle.record(manager, card, 'consumed', null, null, actorOf(actor), dto.note ?? null, {
        serviceCode: dto.serviceCode,
        quantity,
      });
      return this.get(actor, card.id, manager);
    });
  }

  /** The printable face; recorded in the audit log as an export, since it carries the client's name. */
  async face(actor: Actor, id: string, format: CardFaceFormat): Promise<CardFace> {
    const facts = await this.cards.faceFacts(orgIdOf(actor), id);
    if (!facts) throw cardNotFound();
    const face: CardFace =
      format === 'png'
        ? { body: await this.faces.png(facts), contentType: 'image/png', filename: `card-${facts.number}.png` }
        : { body: await this.faces.pdf(facts), contentType: 'application/pdf', filename: `card-${facts.number}.pdf` };
    await this.audit.record({ action: 'card.face_exported', targetType: 'card', targetId: id });
    return face;
  }

  /**
   * For client search by card number: the clients holding the card with exactly this number in the
   * caller's organisation (spaces and dashes ignored). Empty without a signed-in organisation.
   */
  /**
   * For client facts (tag rules, advice): the type names of the client's cards still in force and
   * whether one is active. Called by the worker, so the organisation is passed, not read from a request.
   */
  async heldCardTypes(orgId: string, clientId: string, manager?: EntityManager): Promise<{ types: string[]; active: boolean }> {
    const held = await this.cards.heldTypes(orgId, clientId, manager);
    return { types: [...new Set(held.map((c) => c.name))], active: held.some((c) => c.status === 'active') };
  }

  async clientIdsByCardNumber(number: string): Promise<string[]> {
    const orgId = RequestContext.actor()?.orgId;
    const normalised = normaliseCardNumber(number);
    if (!orgId || normalised === '') return [];
    return this.cards.clientIdsByNumber(orgId, normalised);
  }

  private async change(
    actor: Actor,
    id: string,
    apply: (manager: EntityManager, card: Card) => Promise<unknown>,
  ): Promise<CardDto> {
    const orgId = orgIdOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const card = await this.cards.lockInOrg(manager, orgId, id);
      if (!card) throw cardNotFound();
      await apply(manager, card);
      return this.get(actor, card.id, manager);
    });
  }
}

function startDateInvalid(message: string): DomainError {
  return DomainError.badRequest('CARD_START_DATE_INVALID', message, [{ field: 'startDate', code: 'invalid', message }]);
}
