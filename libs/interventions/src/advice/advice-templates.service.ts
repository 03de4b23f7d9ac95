import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError } from '@health/core';
import { conditionProblems, type Condition } from '@health/archives';
import { orgIdOf } from '@health/iam';
import { AdviceSeeder } from './advice-seeder';
import { AdviceTemplateRepository, AdviceTemplateRow, AdviceTemplateValues } from './advice-template.repository';
import {
  AdviceTemplateDto,
  CreateAdviceTemplateDto,
  ListAdviceTemplatesQueryDto,
  UpdateAdviceTemplateDto,
} from './dto/advice-template.dto';

const DEFAULT_PRIORITY = 50;

function toDto(row: AdviceTemplateRow): AdviceTemplateDto {
  return {
    id: row.id,
    category: row.category,
    textZh: row.textZh,
    textEn: row.textEn,
    condition: row.condition as Record<string, unknown>,
    priority: row.priority,
    active: row.active,
    version: row.version,
    seedKey: row.seedKey,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function notFound(): DomainError {
  return DomainError.notFound('ADVICE_TEMPLATE_NOT_FOUND', 'Advice template not found');
}

/** Conditions are checked by the tag rules' validator, so advice and tags read the same facts the same way. */
function validCondition(condition: Record<string, unknown>): Condition {
  const problems = conditionProblems(condition);
  if (problems.length > 0)
    throw DomainError.badRequest('ADVICE_CONDITION_INVALID', 'The condition is not a valid rule', problems);
  return condition as Condition;
}

/**
 * The advice library (健康建议模板): templates with a category, Chinese and English text, a JSON
 * Logic condition over client facts and a priority. Changing the text or condition is a new
 * version; clients' sets pick changes up at their next regeneration.
 */
@Injectable()
export class AdviceTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: AdviceTemplateRepository,
    private readonly seeder: AdviceSeeder,
  ) {}

  async list(actor: Actor, query: ListAdviceTemplatesQueryDto): Promise<AdviceTemplateDto[]> {
    const orgId = orgIdOf(actor);
    await this.seeder.ensureSeeded(orgId);
    return (await this.templates.list(orgId, { category: query.category })).map(toDto);
  }

  async get(actor: Actor, id: string): Promise<AdviceTemplateDto> {
    const row = await this.templates.find(orgIdOf(actor), id);
    if (row === null) throw notFound();
    return toDto(row);
  }

  async create(actor: Actor, dto: CreateAdviceTemplateDto): Promise<AdviceTemplateDto> {
    const orgId = orgIdOf(actor);
    const values: AdviceTemplateValues = {
      category: dto.category,
      textZh: dto.textZh.trim(),
      textEn: dto.textEn.trim(),
      condition: validCondition(dto.condition),
      priority: dto.priority ?? DEFAULT_PRIORITY,
      active: dto.active ?? true,
    };
    const id = await this.dataSource.transaction((manager) =>
      this.templates.insert(manager, orgId, values, { actorType: actor.type, actorId: actor.id }),
    );
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateAdviceTemplateDto): Promise<AdviceTemplateDto> {
    const orgId = orgIdOf(actor);
    const condition = dto.condition === undefined ? undefined : validCondition(dto.condition);
    await this.dataSource.transaction(async (manager) => {
      await this.templates.lock(manager, orgId, id);
      const before = await this.templates.find(orgId, id, manager);
      if (before === null) throw notFound();
      const values: AdviceTemplateValues = {
        category: dto.category ?? before.category,
        textZh: dto.textZh?.trim() ?? before.textZh,
        textEn: dto.textEn?.trim() ?? before.textEn,
        condition: condition ?? before.condition,
        priority: dto.priority ?? before.priority,
        active: dto.active ?? before.active,
      };
      const contentChanged =
        values.textZh !== before.textZh ||
        values.textEn !== before.textEn ||
        JSON.stringify(values.condition) !== JSON.stringify(before.condition);
      await this.templates.update(manager, orgId, id, values, contentChanged, { actorType: actor.type, actorId: actor.id });
    });
    return this.get(actor, id);
  }

  /** Soft delete: the row stays for the items and history that refer to it, and a seeded one is not seeded again. */
  async remove(actor: Actor, id: string): Promise<void> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.templates.lock(manager, orgId, id);
      if ((await this.templates.find(orgId, id, manager)) === null) throw notFound();
      await this.templates.softDelete(manager, id);
    });
  }
}
