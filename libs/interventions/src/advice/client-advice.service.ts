import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ActorType, DomainError } from '@health/core';
import { ClientFactsService, ClientInsightsService, evaluateCondition, type ClientFacts } from '@health/archives';
import { ClientsService } from '@health/cards';
import { orgIdOf } from '@health/iam';
import {
  byPriority,
  hasChanges,
  itemChanges,
  regenerationPlan,
  staffEditPlan,
  type AdviceItem,
  type AdvicePlan,
  type MatchingTemplate,
} from './advice-plan';
import { AdviceSeeder } from './advice-seeder';
import { AdviceSetRepository, AdviceSetRow } from './advice-set.repository';
import { AdviceTemplateRepository } from './advice-template.repository';
import { AdviceItemDto, ClientAdviceDto, FinalizeClientAdviceDto, ReplaceClientAdviceDto } from './dto/client-advice.dto';

interface Author {
  type: ActorType;
  id: string | null;
}

function toItemDto(item: AdviceItem): AdviceItemDto {
  const { hidden: _hidden, ...dto } = item;
  return dto;
}

function toDto(set: AdviceSetRow, items: AdviceItem[]): ClientAdviceDto {
  const byPosition = (a: AdviceItem, b: AdviceItem) => a.position - b.position;
  return {
    clientId: set.clientId,
    revision: set.revision,
    status: set.finalizedRevision === set.revision ? 'final' : 'draft',
    items: items
      .filter((i) => !i.hidden)
      .sort(byPosition)
      .map(toItemDto),
    hiddenItems: items
      .filter((i) => i.hidden)
      .sort(byPosition)
      .map(toItemDto),
    approval:
      set.finalizedRevision === null || set.finalizedAt === null || set.finalizedActorType === null
        ? null
        : {
            revision: set.finalizedRevision,
            at: set.finalizedAt.toISOString(),
            by: { type: set.finalizedActorType, id: set.finalizedActorId, displayName: set.finalizedActorName },
          },
    updatedAt: set.updatedAt.toISOString(),
  };
}

function stale(): DomainError {
  return DomainError.conflict(
    'ADVICE_SET_STALE',
    'The advice set changed since it was read: reload it and apply the change again',
  );
}

/**
 * A client's advice set (健康建议): generated from the templates whose condition holds on the
 * client's facts, edited by staff (text, order, additions, hidden items), regenerated after tag and
 * risk changes without undoing any of that (see `regenerationPlan`), and approved (`finalize`) for
 * sending or printing. Every change moves the revision, which makes an approved set a draft again.
 */
@Injectable()
export class ClientAdviceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sets: AdviceSetRepository,
    private readonly templates: AdviceTemplateRepository,
    private readonly seeder: AdviceSeeder,
    private readonly facts: ClientFactsService,
    private readonly insights: ClientInsightsService,
    private readonly clients: ClientsService,
  ) {}

  /** The set; the first read generates it. */
  async get(actor: Actor, clientId: string): Promise<ClientAdviceDto> {
    const orgId = orgIdOf(actor);
    await this.seeder.ensureSeeded(orgId);
    return this.dataSource.transaction(async (manager) => {
      await this.clients.assertClientExists(clientId, manager);
      if ((await this.sets.find(manager, orgId, clientId)) === null) {
        await this.sets.lockClient(manager, clientId);
        await this.regenerateLocked(manager, orgId, clientId, { type: actor.type, id: actor.id });
      }
      return this.view(manager, orgId, clientId);
    });
  }

  async regenerate(actor: Actor, clientId: string): Promise<ClientAdviceDto> {
    const orgId = orgIdOf(actor);
    await this.seeder.ensureSeeded(orgId);
    return this.dataSource.transaction(async (manager) => {
      await this.clients.assertClientExists(clientId, manager);
      await this.sets.lockClient(manager, clientId);
      await this.regenerateLocked(manager, orgId, clientId, { type: actor.type, id: actor.id });
      return this.view(manager, orgId, clientId);
    });
  }

  /** Staff's edit: the full ordered list they want (see `staffEditPlan`), based on `revision`. */
  async replace(actor: Actor, clientId: string, dto: ReplaceClientAdviceDto): Promise<ClientAdviceDto> {
    const orgId = orgIdOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const set = await this.lockedSet(manager, orgId, clientId);
      if (set.revision !== dto.revision) throw stale();
      const stored = await this.sets.items(manager, clientId);
      await this.write(manager, orgId, clientId, stored, staffEditPlan(stored, dto.items));
      return this.view(manager, orgId, clientId);
    });
  }

  /** Approves the revision the approver saw for sending and printing; approving it again changes nothing. */
  async finalize(actor: Actor, clientId: string, dto: FinalizeClientAdviceDto): Promise<ClientAdviceDto> {
    const orgId = orgIdOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const set = await this.lockedSet(manager, orgId, clientId);
      if (set.revision !== dto.revision) throw stale();
      if (set.finalizedRevision !== set.revision) await this.sets.finalize(manager, clientId, set.revision, actor.type, actor.id);
      return this.view(manager, orgId, clientId);
    });
  }

  /** For event handlers (tag and risk changes), in the handler's transaction; a deleted client is skipped. */
  async regenerateAfterEvent(manager: EntityManager, orgId: string, clientId: string, eventId: string): Promise<void> {
    if ((await this.clients.factsInOrg(orgId, clientId, manager)) === null) return;
    await this.seeder.ensureSeededWithin(manager, orgId);
    await this.sets.lockClient(manager, clientId);
    await this.regenerateLocked(manager, orgId, clientId, { type: 'system', id: `event:${eventId}` });
  }

  private async lockedSet(manager: EntityManager, orgId: string, clientId: string): Promise<AdviceSetRow> {
    await this.clients.assertClientExists(clientId, manager);
    await this.sets.lockClient(manager, clientId);
    const set = await this.sets.find(manager, orgId, clientId);
    if (set === null) throw DomainError.notFound('ADVICE_SET_NOT_FOUND', 'The client has no advice set yet: read it first');
    return set;
  }

  /** Creates the set when missing and merges the matching templates into it. The caller holds the client's lock. */
  private async regenerateLocked(manager: EntityManager, orgId: string, clientId: string, author: Author): Promise<void> {
    await this.sets.create(manager, orgId, clientId);
    const facts = await this.currentFacts(manager, orgId, clientId, author);
    const live = await this.templates.live(orgId, manager);
    const matching: MatchingTemplate[] =
      facts === null ? [] : live.filter((t) => t.active && evaluateCondition(t.condition, facts));
    matching.sort(byPriority);
    const stored = await this.sets.items(manager, clientId);
    const priorities = new Map(live.map((t) => [t.id, t.priority]));
    await this.write(manager, orgId, clientId, stored, regenerationPlan(stored, matching, priorities));
  }

  /** The stored facts; a client that never had any gets them built now (as a tag rule run would). */
  private async currentFacts(
    manager: EntityManager,
    orgId: string,
    clientId: string,
    author: Author,
  ): Promise<ClientFacts | null> {
    const stored = await this.facts.factsOf(orgId, clientId, manager);
    if (stored !== null) return stored;
    const built = await this.insights.refresh(manager, orgId, clientId, {
      type: 'advice.generated',
      reportId: null,
      actorType: author.type,
      actorId: author.id,
    });
    return built?.facts ?? null;
  }

  private async write(manager: EntityManager, orgId: string, clientId: string, stored: AdviceItem[], plan: AdvicePlan) {
    const changes = itemChanges(stored, plan);
    if (hasChanges(changes)) await this.sets.apply(manager, orgId, clientId, changes);
  }

  private async view(manager: EntityManager, orgId: string, clientId: string): Promise<ClientAdviceDto> {
    const set = (await this.sets.find(manager, orgId, clientId))!;
    return toDto(set, await this.sets.items(manager, clientId));
  }
}
