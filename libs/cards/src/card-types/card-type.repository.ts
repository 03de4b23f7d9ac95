import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CardType, CardTypeStatus } from './card-type.entity';

export type NewCardType = Pick<
  CardType,
  'orgId' | 'name' | 'description' | 'validityMonths' | 'priceCents' | 'services' | 'status'
>;

/** The only place that queries `card_type`. */
@Injectable()
export class CardTypeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CardType);
  }

  findInOrg(orgId: string, id: string, manager?: EntityManager): Promise<CardType | null> {
    return this.repo(manager).findOneBy({ orgId, id });
  }

  list(orgId: string, status: CardTypeStatus | undefined, offset: number, limit: number): Promise<[CardType[], number]> {
    return this.repo().findAndCount({
      where: status ? { orgId, status } : { orgId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  insert(manager: EntityManager, values: NewCardType): Promise<CardType> {
    const repo = this.repo(manager);
    return repo.save(repo.create(values));
  }

  save(manager: EntityManager, cardType: CardType): Promise<CardType> {
    return this.repo(manager).save(cardType);
  }
}
