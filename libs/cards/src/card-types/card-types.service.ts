import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, DomainError, Page, pageOf, pageOffset } from '@health/core';
import { orgIdOf } from '@health/iam';
import { CardType, CardTypeService } from './card-type.entity';
import { CardTypeRepository } from './card-type.repository';
import { CardTypeDto, CreateCardTypeDto, ListCardTypesQueryDto, UpdateCardTypeDto } from './dto/card-type.dto';

export function cardTypeNotFound(): DomainError {
  return DomainError.notFound('CARD_TYPE_NOT_FOUND', 'Card type not found');
}

function toCardTypeDto(type: CardType): CardTypeDto {
  return {
    id: type.id,
    name: type.name,
    description: type.description ?? undefined,
    validityMonths: type.validityMonths,
    priceCents: type.priceCents ?? undefined,
    services: type.services.map((s) => ({ code: s.code, name: s.name, quantity: s.quantity })),
    status: type.status,
    createdAt: type.createdAt.toISOString(),
    updatedAt: type.updatedAt.toISOString(),
  };
}

/** Service codes identify what is consumed from a card, so a package may list each code once. */
function validServices(services: CardTypeService[]): CardTypeService[] {
  const seen = new Set<string>();
  const duplicates = services.flatMap((service, index) => {
    if (!seen.has(service.code)) {
      seen.add(service.code);
      return [];
    }
    return [
      { field: `services.${index}.code`, code: 'duplicate', message: `Service code ${service.code} appears more than once` },
    ];
  });
  if (duplicates.length > 0) throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', duplicates);
  return services.map((s) => ({ code: s.code, name: s.name.trim(), quantity: s.quantity }));
}

/** Card types (会员卡类型) of the caller's organisation. */
@Injectable()
export class CardTypesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cardTypes: CardTypeRepository,
  ) {}

  async list(actor: Actor, query: ListCardTypesQueryDto): Promise<Page<CardTypeDto>> {
    const [rows, total] = await this.cardTypes.list(orgIdOf(actor), query.status, pageOffset(query), query.pageSize);
    return pageOf(rows.map(toCardTypeDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<CardTypeDto> {
    return toCardTypeDto(await this.require(orgIdOf(actor), id));
  }

  async create(actor: Actor, dto: CreateCardTypeDto): Promise<CardTypeDto> {
    const services = validServices(dto.services);
    const created = await this.dataSource.transaction((manager) =>
      this.cardTypes.insert(manager, {
        orgId: orgIdOf(actor),
        name: dto.name.trim(),
        description: dto.description ?? null,
        validityMonths: dto.validityMonths,
        priceCents: dto.priceCents ?? null,
        services,
        status: dto.status ?? 'active',
      }),
    );
    return toCardTypeDto(created);
  }

  async update(actor: Actor, id: string, dto: UpdateCardTypeDto): Promise<CardTypeDto> {
    const services = dto.services ? validServices(dto.services) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const type = await this.require(orgIdOf(actor), id, manager);
      if (dto.name !== undefined) type.name = dto.name.trim();
      if (dto.description !== undefined) type.description = dto.description;
      if (dto.validityMonths !== undefined) type.validityMonths = dto.validityMonths;
      if (dto.priceCents !== undefined) type.priceCents = dto.priceCents;
      if (services) type.services = services;
      if (dto.status !== undefined) type.status = dto.status;
      return toCardTypeDto(await this.cardTypes.save(manager, type));
    });
  }

  /** The type a card is opened or renewed with, in the caller's organisation (404 otherwise). */
  async require(orgId: string, id: string, manager?: EntityManager): Promise<CardType> {
    const type = await this.cardTypes.findInOrg(orgId, id, manager);
    if (!type) throw cardTypeNotFound();
    return type;
  }
}
