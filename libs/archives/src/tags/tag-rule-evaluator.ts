import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxWriter } from '@health/core';
import { TagAdded, TagRemoved } from '../archives.events';
import type { ClientFacts } from '../facts/client-facts';
import type { InsightTrigger } from '../facts/client-insights.service';
import { evaluateCondition, factAt, factPathsOf } from './tag-condition';
import { TagRepository, RuleRow } from './tag.repository';

/** What a rule tag stores beside it: why it was set (or taken off). */
export function ruleEvidence(rule: RuleRow, facts: ClientFacts, trigger: InsightTrigger): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const path of factPathsOf(rule.condition)) values[path] = factAt(facts, path);
  return { ruleVersion: rule.ruleVersion, facts: values, reportId: facts.latestReportId, trigger: trigger.type };
}

/**
 * Edge-triggered tag rules: a rule tag is added when its condition starts to hold and removed when
 * it stops, each change recorded with evidence and a `tag.added` / `tag.removed` event. Nothing
 * happens while a condition keeps its value, so running twice changes nothing. A manual tag is
 * never removed by a rule. Sets `facts.tags`.
 */
@Injectable()
export class TagRuleEvaluator {
  constructor(
    private readonly tags: TagRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async apply(
    manager: EntityManager,
    orgId: string,
    facts: ClientFacts,
    trigger: InsightTrigger,
    rules?: readonly RuleRow[],
  ): Promise<{ added: string[]; removed: string[] }> {
    const activeRules = rules ?? (await this.tags.activeRules(orgId, manager));
    const held = new Map((await this.tags.tagsOfClient(facts.clientId, manager)).map((t) => [t.tagId, t]));
    facts.tags = [...held.values()].map((t) => t.name).sort();
    const added: string[] = [];
    const removed: string[] = [];
    for (const rule of activeRules) {
      if (rule.condition === null) continue;
      const holds = evaluateCondition(rule.condition, facts);
      const current = held.get(rule.id);
      if (holds === (current !== undefined)) continue;
      if (current !== undefined && current.source === 'manual') continue;
      const change = holds ? 'added' : 'removed';
      const changeId = await this.tags.applyChange(manager, {
        orgId,
        clientId: facts.clientId,
        tagId: rule.id,
        change,
        source: 'rule',
        ruleVersion: rule.ruleVersion,
        evidence: ruleEvidence(rule, facts, trigger),
        actorType: trigger.actorType,
        actorId: trigger.actorId,
      });
      await this.outbox.append(manager, {
        event: holds ? TagAdded : TagRemoved,
        orgId,
        aggregateId: facts.clientId,
        payload: { clientId: facts.clientId, tagId: rule.id, changeId, source: 'rule' },
      });
      (holds ? added : removed).push(rule.name);
    }
    facts.tags = [...facts.tags.filter((name) => !removed.includes(name)), ...added].sort();
    return { added, removed };
  }
}
