import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActorType, AppConfig, calendarDateIn } from '@health/core';
import { CardsService, ClientsService } from '@health/cards';
import { ObservationRepository } from '../observations/observation.repository';
import { ArchiveRepository } from '../profile/archive.repository';
import { RiskAssessor } from '../risk/risk-assessor';
import { TagRuleEvaluator } from '../tags/tag-rule-evaluator';
import { TagSeeder } from '../tags/tag-seeder';
import { buildClientFacts, type ClientFacts } from './client-facts';
import { ClientFactsRepository } from './client-facts.repository';

/** What caused a rebuild: stored with risk results and tag evidence. */
export interface InsightTrigger {
  type: string;
  reportId: string | null;
  actorType: ActorType;
  actorId: string | null;
}

export interface RefreshOutcome {
  facts: ClientFacts;
  tagsAdded: string[];
  tagsRemoved: string[];
  risksChanged: string[];
}

/**
 * The chain of DESIGN.md §1 for one client: rebuild the facts from profile, observations and
 * cards; re-assess every risk model whose inputs are present; re-evaluate the tag rules (edge
 * triggered); store the facts with the risks and tags. Runs inside the caller's transaction (an
 * event handler's), so a redelivered event does the work once.
 */
@Injectable()
export class ClientInsightsService {
  constructor(
    private readonly config: AppConfig,
    private readonly facts: ClientFactsRepository,
    private readonly clients: ClientsService,
    private readonly cards: CardsService,
    private readonly archives: ArchiveRepository,
    private readonly observations: ObservationRepository,
    private readonly risks: RiskAssessor,
    private readonly tagRules: TagRuleEvaluator,
    private readonly seeder: TagSeeder,
  ) {}

  /** Null when the client is gone (deleted or of another organisation). */
  async refresh(
    manager: EntityManager,
    orgId: string,
    clientId: string,
    trigger: InsightTrigger,
  ): Promise<RefreshOutcome | null> {
    await this.seeder.ensureWithin(manager, orgId);
    await this.facts.lockClient(manager, clientId);
    const client = await this.clients.factsInOrg(orgId, clientId, manager);
    if (client === null) return null;
    // One after the other: they share the transaction's connection.
    const profile = await this.archives.currentProfile(orgId, clientId, manager);
    const observations = await this.observations.latestTwoPerCode(clientId, manager);
    const cards = await this.cards.heldCardTypes(orgId, clientId, manager);
    const stored = await this.facts.find(orgId, clientId, manager);
    const facts = buildClientFacts({
      client: { id: client.id, gender: client.gender, birthDate: client.birthDate },
      today: calendarDateIn(this.config.tzDefault),
      profile,
      observations,
      cards,
      scores: stored?.scores ?? {},
    });
    const risksChanged = await this.risks.assess(manager, orgId, facts, trigger);
    const { added, removed } = await this.tagRules.apply(manager, orgId, facts, trigger);
    await this.facts.save(manager, orgId, facts);
    return { facts, tagsAdded: added, tagsRemoved: removed, risksChanged };
  }
}
