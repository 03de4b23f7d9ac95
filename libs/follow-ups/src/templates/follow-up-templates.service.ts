import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError, type ErrorDetail } from '@health/core';
import { conditionProblems, type Condition } from '@health/archives';
import { orgIdOf } from '@health/iam';
import { FollowUpSeeder } from '../seeds/follow-up-seeder';
import {
  CreateFollowUpTemplateDto,
  FollowUpTemplateDto,
  FollowUpTemplateVersionDto,
  ListFollowUpTemplatesQueryDto,
  TemplatePreviewDto,
  TemplatePreviewRequestDto,
  UpdateFollowUpTemplateDto,
} from './dto/follow-up-template.dto';
import { FollowUpTemplateRepository, FollowUpTemplateRow, FollowUpTemplateValues } from './follow-up-template.repository';
import { planTasks, readSteps, type FollowUpStep } from './template-steps';
import { readTrigger, type TemplateTrigger } from './template-trigger';

export function templateNotFound(): DomainError {
  return DomainError.notFound('FOLLOW_UP_TEMPLATE_NOT_FOUND', 'Follow-up template not found');
}

function toDto(row: FollowUpTemplateRow): FollowUpTemplateDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    trigger: row.trigger,
    condition: row.condition as Record<string, unknown> | null,
    steps: row.steps as unknown as FollowUpTemplateDto['steps'],
    stopWhenCardEnds: row.stopWhenCardEnds,
    active: row.active,
    version: row.version,
    seedKey: row.seedKey,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function invalid(problems: ErrorDetail[]): DomainError {
  return DomainError.badRequest('FOLLOW_UP_TEMPLATE_INVALID', 'The template is not valid', problems);
}

/** Trigger, condition and steps checked together, so one answer lists every problem. */
function validDefinition(raw: { trigger?: unknown; condition?: unknown; steps?: unknown }): {
  trigger?: TemplateTrigger;
  condition?: Condition | null;
  steps?: FollowUpStep[];
} {
  const problems: ErrorDetail[] = [];
  const result: { trigger?: TemplateTrigger; condition?: Condition | null; steps?: FollowUpStep[] } = {};
  if (raw.trigger !== undefined) {
    const trigger = readTrigger(raw.trigger);
    if (trigger.ok) result.trigger = trigger.trigger;
    else problems.push(...trigger.problems);
  }
  if (raw.condition !== undefined) {
    if (raw.condition !== null) problems.push(...conditionProblems(raw.condition));
    result.condition = raw.condition as Condition | null;
  }
  if (raw.steps !== undefined) {
    const steps = readSteps(raw.steps);
    if (steps.ok) result.steps = steps.steps;
    else problems.push(...steps.problems);
  }
  if (problems.length > 0) throw invalid(problems);
  return result;
}

/**
 * Follow-up templates (随访模板): what starts a plan, for whom, and its steps. Every change to the
 * definition is a new version; plans keep the version they started from, and only plans started
 * afterwards follow the change.
 */
@Injectable()
export class FollowUpTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: FollowUpTemplateRepository,
    private readonly seeder: FollowUpSeeder,
  ) {}

  async list(actor: Actor, query: ListFollowUpTemplatesQueryDto): Promise<FollowUpTemplateDto[]> {
    const orgId = orgIdOf(actor);
    await this.seeder.ensure(orgId);
    return (await this.templates.list(orgId, { triggerType: query.triggerType, active: query.active })).map(toDto);
  }

  async get(actor: Actor, id: string): Promise<FollowUpTemplateDto> {
    const row = await this.templates.find(orgIdOf(actor), id);
    if (row === null) throw templateNotFound();
    return toDto(row);
  }

  async versions(actor: Actor, id: string): Promise<FollowUpTemplateVersionDto[]> {
    const orgId = orgIdOf(actor);
    if ((await this.templates.find(orgId, id)) === null) throw templateNotFound();
    return (await this.templates.versions(orgId, id)).map((v) => ({
      version: v.version,
      definition: {
        ...v.definition,
        condition: v.definition.condition as Record<string, unknown> | null,
        steps: v.definition.steps as unknown as FollowUpTemplateVersionDto['definition']['steps'],
      },
      actorType: v.actorType,
      actorId: v.actorId,
      actorName: v.actorName,
      createdAt: v.createdAt.toISOString(),
    }));
  }

  async create(actor: Actor, dto: CreateFollowUpTemplateDto): Promise<FollowUpTemplateDto> {
    const orgId = orgIdOf(actor);
    const definition = validDefinition({ trigger: dto.trigger, condition: dto.condition ?? null, steps: dto.steps });
    const values: FollowUpTemplateValues = {
      name: dto.name.trim(),
      description: dto.description?.trim() || null,
      trigger: definition.trigger!,
      condition: definition.condition ?? null,
      steps: definition.steps!,
      stopWhenCardEnds: dto.stopWhenCardEnds ?? true,
      active: dto.active ?? true,
    };
    const id = await this.dataSource.transaction((manager) =>
      this.templates.insert(manager, orgId, values, { actorType: actor.type, actorId: actor.id }),
    );
    return this.get(actor, id!);
  }

  async update(actor: Actor, id: string, dto: UpdateFollowUpTemplateDto): Promise<FollowUpTemplateDto> {
    const orgId = orgIdOf(actor);
    const definition = validDefinition({ trigger: dto.trigger, condition: dto.condition, steps: dto.steps });
    await this.dataSource.transaction(async (manager) => {
      await this.templates.lock(manager, orgId, id);
      const before = await this.templates.find(orgId, id, manager);
      if (before === null) throw templateNotFound();
      const values: FollowUpTemplateValues = {
        name: dto.name?.trim() ?? before.name,
        description: dto.description === undefined ? before.description : dto.description?.trim() || null,
        trigger: definition.trigger ?? before.trigger,
        condition: definition.condition === undefined ? before.condition : definition.condition,
        steps: definition.steps ?? before.steps,
        stopWhenCardEnds: dto.stopWhenCardEnds ?? before.stopWhenCardEnds,
        active: dto.active ?? before.active,
      };
      const definitionOf = (v: FollowUpTemplateValues) =>
        JSON.stringify([v.name, v.trigger, v.condition, v.steps, v.stopWhenCardEnds]);
      await this.templates.update(manager, orgId, id, values, definitionOf(values) !== definitionOf(before), {
        actorType: actor.type,
        actorId: actor.id,
      });
    });
    return this.get(actor, id);
  }

  /** Soft delete: running plans keep their tasks; a deleted seed is not seeded again. */
  async remove(actor: Actor, id: string): Promise<void> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.templates.lock(manager, orgId, id);
      if ((await this.templates.find(orgId, id, manager)) === null) throw templateNotFound();
      await this.templates.softDelete(manager, id);
    });
  }

  /** The timeline the steps would give from a trigger moment (the template editor's preview), conditions aside. */
  preview(dto: TemplatePreviewRequestDto): TemplatePreviewDto {
    const { steps } = validDefinition({ steps: dto.steps });
    const unconditional = steps!.map(({ condition: _condition, ...step }) => step);
    const tasks = planTasks(unconditional, dto.anchorAt ? new Date(dto.anchorAt) : new Date(), null);
    return {
      tasks: tasks.map((t) => ({
        stepIndex: t.stepIndex,
        title: t.title,
        method: t.method,
        dueAt: t.dueAt.toISOString(),
        windowStart: t.windowStart.toISOString(),
        windowEnd: t.windowEnd.toISOString(),
        remindAt: t.remindAt.toISOString(),
        conditional: steps![t.stepIndex].condition !== undefined,
      })),
    };
  }
}
