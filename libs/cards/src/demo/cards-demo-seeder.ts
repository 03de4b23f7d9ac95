import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AppConfig } from '@health/core';
import { CardTypesService } from '../card-types/card-types.service';
import { CreateCardTypeDto } from '../card-types/dto/card-type.dto';
import { addDays, addMonths, todayIn } from '../cards/card-dates';
import { CardLifecycle } from '../cards/card-lifecycle';
import { CardRepository } from '../cards/card.repository';
import { CardsService } from '../cards/cards.service';
import { ClientsService } from '../clients/clients.service';
import { ListClientsQueryDto } from '../clients/dto/client.dto';
import { demoPeople, seededRandom } from './demo-people';

const CLIENT_COUNT = 200;

const CARD_TYPES: CreateCardTypeDto[] = [
  {
    name: '年度健康管理卡',
    description: '体检后一年的健康管理：定期随访、健康咨询和年度报告',
    validityMonths: 12,
    priceCents: 198_000,
    services: [
      { code: 'follow_up', name: '随访', quantity: 12 },
      { code: 'consultation', name: '健康咨询', quantity: 4 },
      { code: 'annual_report', name: '年度健康报告', quantity: 1 },
    ],
  },
  {
    name: '慢病管理卡',
    description: '高血压、糖尿病等慢病的长期管理',
    validityMonths: 12,
    priceCents: 368_000,
    services: [
      { code: 'follow_up', name: '随访', quantity: 24 },
      { code: 'bp_glucose_check', name: '血压血糖监测', quantity: 12 },
      { code: 'nutrition', name: '营养咨询', quantity: 4 },
    ],
  },
  {
    name: '尊享家庭健康卡',
    description: '两年期家庭健康管理，含中医调养',
    validityMonths: 24,
    priceCents: 880_000,
    services: [
      { code: 'follow_up', name: '随访', quantity: 24 },
      { code: 'consultation', name: '健康咨询', quantity: 12 },
      { code: 'annual_report', name: '年度健康报告', quantity: 2 },
      { code: 'tcm_care', name: '中医调养', quantity: 6 },
    ],
  },
];

export interface CardsDemoResult {
  /** False when the organisation already had clients: demo data is added once. */
  created: boolean;
  clients: { id: string; gender: 'male' | 'female' }[];
  cardsByStatus: Record<string, number>;
}

/**
 * Demo clients, card types and cards in every status for the demo organisation, entered through the
 * same services as staff use (so they are validated, encrypted, audited and emit their events).
 * Must run inside a RequestContext whose actor is a staff user of that organisation.
 */
@Injectable()
export class CardsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clients: ClientsService,
    private readonly cardTypes: CardTypesService,
    private readonly cards: CardsService,
    private readonly cardRepository: CardRepository,
    private readonly lifecycle: CardLifecycle,
  ) {}

  async seed(actor: Actor, managerIds: string[]): Promise<CardsDemoResult> {
    const existing = await this.clients.list(actor, Object.assign(new ListClientsQueryDto(), { page: 1, pageSize: 1 }));
    if (existing.total > 0) return { created: false, clients: [], cardsByStatus: {} };

    const types = [];
    for (const type of CARD_TYPES) types.push(await this.cardTypes.create(actor, type));
    const retired = await this.cardTypes.create(actor, {
      name: '体验卡（已停售）',
      validityMonths: 3,
      services: [{ code: 'consultation', name: '健康咨询', quantity: 1 }],
    });
    await this.cardTypes.update(actor, retired.id, { status: 'inactive' });

    const random = seededRandom(7);
    const today = todayIn(this.config.tzDefault);
    const clients: CardsDemoResult['clients'] = [];
    const cardsByStatus: Record<string, number> = {};
    const count = (status: string) => (cardsByStatus[status] = (cardsByStatus[status] ?? 0) + 1);

    for (const [index, person] of demoPeople(CLIENT_COUNT).entries()) {
      const client = await this.clients.create(actor, { ...person, managerId: managerIds[index % managerIds.length] });
      clients.push({ id: client.id, gender: client.gender });
      if (index % 5 === 4) continue; // one in five has no card yet

      const type = types[index % types.length];
      const roll = random();
      if (roll < 0.08) {
        await this.cards.open(actor, { clientId: client.id, cardTypeId: type.id, startDate: addDays(today, 7 + (index % 20)) });
        count('issued');
        continue;
      }
      const startDate = addDays(today, -Math.floor(random() * 300));
      const card = await this.cards.open(actor, { clientId: client.id, cardTypeId: type.id, startDate });
      const used = Math.floor(random() * 4);
      if (used > 0) await this.cards.consume(actor, card.id, { serviceCode: 'follow_up', quantity: used, note: '电话随访' });
      if (roll < 0.16) {
        await this.cards.freeze(actor, card.id, { reason: '客户出国，暂停服务' });
        count('frozen');
      } else if (roll < 0.22) {
        await this.cards.cancel(actor, card.id, { reason: '客户申请退卡' });
        count('cancelled');
      } else if (roll < 0.3) {
        await this.lapse(card.id, addDays(today, -1 - (index % 60)));
        count('expired');
      } else {
        count('active');
      }
    }
    return { created: true, clients, cardsByStatus };
  }

  /**
   * A card from an earlier year that ran out: its period is moved into the past and the daily job's
   * expiry is applied, so the demo shows expired cards without waiting a year.
   */
  private async lapse(cardId: string, expiryDate: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const card = (await this.cardRepository.lockById(manager, cardId))!;
      card.expiryDate = expiryDate;
      card.startDate = addDays(addMonths(expiryDate, -12), 1);
      await this.lifecycle.apply(manager, card, 'expire', { type: 'system', id: null }, null);
    });
  }
}
