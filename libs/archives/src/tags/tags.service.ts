import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, DomainError, JobQueues, OutboxWriter, RequestContext } from '@health/core';
import { CardTypesService, ClientsService } from '@health/cards';
import { orgIdOf } from '@health/iam';
import { TagAdded, TagRemoved } from '../archives.events';
import { ClientFactsRepository } from '../facts/client-facts.repository';
import { ClientInsightsService, type InsightTrigger } from '../facts/client-insights.service';
import { IndicatorDictionaryService } from '../indicators/indicator-dictionary.service';
import {
  AddClientTagDto,
  ClientTagsDto,
  CreateTagDto,
  FactCatalogueDto,
  ListTagsQueryDto,
  TagDto,
  TagPreviewDto,
  UpdateTagDto,
} from './dto/tag.dto';
import { factCatalogue } from './fact-catalogue';
import { conditionProblems, evaluateCondition, type Condition } from './tag-condition';
import { TagRuleEvaluator } from './tag-rule-evaluator';
import { TagSeeder } from './tag-seeder';
import { isDuplicateTagName, TagRepository, TagRow, TagValues } from './tag.repository';
import { reevaluationJobId, TagReevaluationJob } from './tags.jobs';

/** Clients per transaction when a rule is re-evaluated; also the page size of previews. */
const REEVALUATION_BATCH = 200;
const PREVIEW_SAMPLE = 10;

export function toTagDto(tag: TagRow): TagDto {
  return {
    id: tag.id,
    name: tag.name,
    nameEn: tag.nameEn,
    colour: tag.colour,
    category: tag.category,
    description: tag.description,
    kind: tag.condition === null ? 'manual' : 'rule',
    condition: tag.condition as Record<string, unknown> | null,
    ruleVersion: tag.ruleVersion,
    active: tag.active,
    clientCount: tag.clientCount,
    reevaluation: {
      state: tag.reevaluation,
      total: tag.reevaluationTotal,
      done: tag.reevaluationDone,
      added: tag.reevaluationAdded,
      removed: tag.reevaluationRemoved,
      version: tag.reevaluatedVersion,
      finishedAt: tag.reevaluationFinishedAt?.toISOString() ?? null,
    },
    updatedAt: tag.updatedAt.toISOString(),
  };
}

function tagNotFound(): DomainError {
  return DomainError.notFound('TAG_NOT_FOUND', 'Tag not found');
}

function validCondition(condition: Record<string, unknown> | null | undefined): Condition | null {
  if (condition === undefined || condition === null) return null;
  const problems = conditionProblems(condition);
  if (problems.length > 0) throw DomainError.badRequest('TAG_CONDITION_INVALID', 'The condition is not a valid rule', problems);
  return condition as Condition;
}

/**
 * Tags and tag rules (自动设置标签): manual tags staff put on clients, rule tags whose JSON Logic
 * condition over client facts sets and removes them. Saving a rule re-evaluates every client in a
 * worker job with progress on the tag.
 */
@Injectable()
export class TagsService {
  private readonly logger = new Logger('Tags');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagRepository,
    private readonly facts: ClientFactsRepository,
    private readonly insights: ClientInsightsService,
    private readonly evaluator: TagRuleEvaluator,
    private readonly clients: ClientsService,
    private readonly cardTypes: CardTypesService,
    private readonly dictionary: IndicatorDictionaryService,
    private readonly outbox: OutboxWriter,
    private readonly queues: JobQueues,
    private readonly seeder: TagSeeder,
  ) {}

  async list(actor: Actor, query: ListTagsQueryDto): Promise<TagDto[]> {
    await this.seeder.ensure(orgIdOf(actor));
    const rows = await this.tags.list(orgIdOf(actor), {
      ...(query.kind === undefined ? {} : { rules: query.kind === 'rule' }),
      ...(query.category === undefined ? {} : { category: query.category }),
    });
    return rows.map(toTagDto);
  }

  async get(actor: Actor, id: string): Promise<TagDto> {
    const tag = await this.tags.find(orgIdOf(actor), id);
    if (tag === null) throw tagNotFound();
    return toTagDto(tag);
  }

  async create(actor: Actor, dto: CreateTagDto): Promise<TagDto> {
    const orgId = orgIdOf(actor);
    const values = this.values(dto);
    const id = await this.uniquely(() =>
      this.dataSource.transaction(async (manager) => {
        const tagId = await this.tags.insert(manager, orgId, values);
        if (values.condition !== null)
          await this.tags.insertRuleVersion(manager, {
            tagId,
            orgId,
            version: 1,
            condition: values.condition,
            actorType: actor.type,
            actorId: actor.id,
          });
        return tagId;
      }),
    );
    if (values.condition !== null && values.active) await this.queueReevaluation(id, 1);
    return this.get(actor, id);
  }

  /**
   * A changed condition is a new rule version; a changed condition or a rule switched on queues
   * re-evaluation of every client.
   */
  async update(actor: Actor, id: string, dto: UpdateTagDto): Promise<TagDto> {
    const orgId = orgIdOf(actor);
    const values = this.values(dto);
    const { version, reevaluate } = await this.uniquely(() =>
      this.dataSource.transaction(async (manager) => {
        await this.tags.lock(manager, orgId, id);
        const before = await this.tags.find(orgId, id, manager);
        if (before === null) throw tagNotFound();
        if ((before.condition === null) !== (values.condition === null))
          throw DomainError.conflict(
            'TAG_KIND_FIXED',
            before.condition === null
              ? 'A manual tag cannot get a rule: create a rule tag instead'
              : 'A rule tag keeps a condition: deactivate or delete it instead',
          );
        const conditionChanged = JSON.stringify(before.condition) !== JSON.stringify(values.condition);
        const ruleVersion = await this.tags.update(manager, id, values, conditionChanged);
        if (conditionChanged && values.condition !== null)
          await this.tags.insertRuleVersion(manager, {
            tagId: id,
            orgId,
            version: ruleVersion,
            condition: values.condition,
            actorType: actor.type,
            actorId: actor.id,
          });
        return {
          version: ruleVersion,
          reevaluate: values.condition !== null && values.active && (conditionChanged || !before.active),
        };
      }),
    );
    if (reevaluate) await this.queueReevaluation(id, version);
    return this.get(actor, id);
  }

  /** Soft delete: the tag disappears from clients' tag lists at once; its change history stays. */
  async remove(actor: Actor, id: string): Promise<void> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.tags.lock(manager, orgId, id);
      if ((await this.tags.find(orgId, id, manager)) === null) throw tagNotFound();
      await this.tags.softDelete(manager, id);
    });
  }

  /** Re-runs a rule against every client now (e.g. after facts changed outside the usual events). */
  async requestReevaluation(actor: Actor, id: string): Promise<TagDto> {
    const tag = await this.tags.find(orgIdOf(actor), id);
    if (tag === null) throw tagNotFound();
    if (tag.condition === null) throw DomainError.conflict('TAG_NOT_RULE', 'Only rule tags are re-evaluated');
    if (!tag.active) throw DomainError.conflict('TAG_RULE_INACTIVE', 'Activate the rule first');
    await this.queueReevaluation(id, tag.ruleVersion);
    return this.get(actor, id);
  }

  /** How many clients a condition matches now, over the stored facts. */
  async preview(actor: Actor, condition: Record<string, unknown>): Promise<TagPreviewDto> {
    const orgId = orgIdOf(actor);
    const rule = validCondition(condition)!;
    let matching = 0;
    let evaluated = 0;
    const sample: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.facts.page(orgId, after, 1000);
      if (page.length === 0) break;
      for (const { clientId, facts } of page) {
        evaluated++;
        if (evaluateCondition(rule, facts)) {
          matching++;
          if (sample.length < PREVIEW_SAMPLE) sample.push(clientId);
        }
      }
      after = page[page.length - 1].clientId;
    }
    return { matching, evaluated, sampleClientIds: sample };
  }

  async catalogue(actor: Actor): Promise<FactCatalogueDto> {
    const orgId = orgIdOf(actor);
    const [dictionary, tags, cardTypes] = await Promise.all([
      this.dictionary.snapshot(orgId),
      this.tags.list(orgId, {}),
      this.cardTypes.list(actor, { page: 1, pageSize: 100 }),
    ]);
    return {
      fields: factCatalogue(
        dictionary.definitions,
        tags.map((t) => t.name),
        cardTypes.items.map((t) => t.name),
        new Set(dictionary.rows.filter((row) => row.status !== 'active').map((row) => row.code)),
      ),
    };
  }

  /**
   * For other domains' seeds (follow-up templates triggered by 高血压): the ids of the seeded tags
   * with these seed keys, seeding the organisation first, inside the caller's transaction.
   */
  async seededTagIds(manager: EntityManager, orgId: string, seedKeys: readonly string[]): Promise<Map<string, string>> {
    await this.seeder.ensureWithin(manager, orgId);
    return this.tags.idsBySeedKey(orgId, seedKeys, manager);
  }

  async clientTags(clientId: string): Promise<ClientTagsDto> {
    await this.clients.assertClientExists(clientId);
    const [tags, changes] = await Promise.all([this.tags.tagsOfClient(clientId), this.tags.changesOfClient(clientId, 50)]);
    return {
      tags: tags.map((t) => ({ ...t, addedAt: t.addedAt.toISOString() })),
      changes: changes.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    };
  }

  /** Staff put a manual tag on a client; putting it twice changes nothing. */
  async addClientTag(actor: Actor, clientId: string, dto: AddClientTagDto): Promise<ClientTagsDto> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.clients.assertClientExists(clientId, manager);
      await this.facts.lockClient(manager, clientId);
      const tag = await this.tags.find(orgId, dto.tagId, manager);
      if (tag === null) throw tagNotFound();
      if (tag.condition !== null)
        throw DomainError.conflict('TAG_IS_RULE_BASED', `"${tag.name}" is set by its rule; it cannot be added by hand`);
      if (await this.tags.hasTag(manager, clientId, tag.id)) return;
      await this.changeManualTag(manager, actor, orgId, clientId, tag.id, 'added', dto.note);
    });
    return this.clientTags(clientId);
  }

  async removeClientTag(actor: Actor, clientId: string, tagId: string): Promise<ClientTagsDto> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.clients.assertClientExists(clientId, manager);
      await this.facts.lockClient(manager, clientId);
      const tag = await this.tags.find(orgId, tagId, manager);
      if (tag === null) throw tagNotFound();
      if (tag.condition !== null)
        throw DomainError.conflict('TAG_IS_RULE_BASED', `"${tag.name}" follows its rule; change the rule or the client's data`);
      if (!(await this.tags.hasTag(manager, clientId, tag.id)))
        throw DomainError.notFound('CLIENT_TAG_NOT_FOUND', 'The client does not have this tag');
      await this.changeManualTag(manager, actor, orgId, clientId, tag.id, 'removed');
    });
    return this.clientTags(clientId);
  }

  /**
   * The worker's part after a rule was saved: build facts for clients that have none, then apply
   * this rule version to every client in batches, each batch one transaction. A stale version's job
   * stops (the newer version's job does the work); a retried job starts over, which changes nothing
   * already changed.
   */
  async runReevaluation(tagId: string, version: number): Promise<void> {
    const tag = await this.tags.findById(tagId);
    if (tag === null || tag.ruleVersion !== version || tag.condition === null || !tag.active) return;
    const orgId = tag.orgId;
    const trigger: InsightTrigger = { type: 'tag-rule.saved', reportId: null, actorType: 'system', actorId: `tag-rule:${tagId}` };
    const actor: Actor = { type: 'system', id: 'tag-rules', orgId, permissions: new Set(), isPlatformAdmin: false };
    await RequestContext.run({ requestId: `reevaluate-tag-${tagId}`, actor }, async () => {
      let missing: string | null = null;
      for (;;) {
        const ids = await this.facts.clientsWithoutFacts(orgId, missing, REEVALUATION_BATCH);
        if (ids.length === 0) break;
        await this.dataSource.transaction(async (manager) => {
          for (const id of ids) await this.insights.refresh(manager, orgId, id, trigger);
        });
        missing = ids[ids.length - 1];
      }
      await this.tags.markReevaluation(tagId, 'running', await this.facts.count(orgId));
      let after: string | null = null;
      for (;;) {
        const page = await this.facts.page(orgId, after, REEVALUATION_BATCH);
        if (page.length === 0) break;
        const counts = await this.dataSource.transaction(async (manager) => {
          let added = 0;
          let removed = 0;
          for (const { clientId } of page) {
            await this.facts.lockClient(manager, clientId);
            const facts = await this.facts.find(orgId, clientId, manager);
            if (facts === null) continue;
            const change = await this.evaluator.apply(manager, orgId, facts, trigger, [tag]);
            added += change.added.length;
            removed += change.removed.length;
            await this.facts.save(manager, orgId, facts);
          }
          return { added, removed };
        });
        await this.tags.recordProgress(tagId, page.length, counts.added, counts.removed);
        after = page[page.length - 1].clientId;
      }
      await this.tags.finishReevaluation(tagId, version);
    });
    this.logger.log({ msg: 'tag rule re-evaluated', tagId, version });
  }

  private async queueReevaluation(tagId: string, version: number): Promise<void> {
    await this.tags.markReevaluation(tagId, 'queued', 0);
    await this.queues.enqueueIfAvailable(TagReevaluationJob, { tagId, version }, { jobId: reevaluationJobId(tagId, version) });
  }

  private async changeManualTag(
    manager: EntityManager,
    actor: Actor,
    orgId: string,
    clientId: string,
    tagId: string,
    change: 'added' | 'removed',
    note?: string,
  ): Promise<void> {
    const changeId = await this.tags.applyChange(manager, {
      orgId,
      clientId,
      tagId,
      change,
      source: 'manual',
      ruleVersion: null,
      evidence: note ? { note } : {},
      actorType: actor.type,
      actorId: actor.id,
    });
    await this.outbox.append(manager, {
      event: change === 'added' ? TagAdded : TagRemoved,
      orgId,
      aggregateId: clientId,
      payload: { clientId, tagId, changeId, source: 'manual' },
    });
    const facts = await this.facts.find(orgId, clientId, manager);
    if (facts !== null) {
      const name = (await this.tags.find(orgId, tagId, manager))!.name;
      facts.tags = change === 'added' ? [...facts.tags, name].sort() : facts.tags.filter((t) => t !== name);
      await this.facts.save(manager, orgId, facts);
    }
  }

  private values(dto: CreateTagDto): TagValues {
    return {
      name: dto.name.trim(),
      nameEn: dto.nameEn?.trim() || null,
      colour: dto.colour.toLowerCase(),
      category: dto.category.trim(),
      description: dto.description?.trim() || null,
      condition: validCondition(dto.condition),
      active: dto.active ?? true,
    };
  }

  private async uniquely<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isDuplicateTagName(err)) throw DomainError.conflict('TAG_NAME_TAKEN', 'A tag with this name already exists');
      throw err;
    }
  }
}
