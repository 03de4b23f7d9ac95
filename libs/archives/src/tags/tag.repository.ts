import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { ActorType } from '@health/core';
import type { Condition } from './tag-condition';

export type ReevaluationState = 'idle' | 'queued' | 'running' | 'done';

export interface TagRow {
  id: string;
  orgId: string;
  name: string;
  nameEn: string | null;
  colour: string;
  category: string;
  description: string | null;
  /** Null for a manual tag. */
  condition: Condition | null;
  ruleVersion: number;
  active: boolean;
  seedKey: string | null;
  reevaluation: ReevaluationState;
  reevaluationTotal: number;
  reevaluationDone: number;
  reevaluationAdded: number;
  reevaluationRemoved: number;
  reevaluatedVersion: number;
  reevaluationFinishedAt: Date | null;
  clientCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A tag as rule evaluation needs it (no client count). */
export type RuleRow = Omit<TagRow, 'clientCount'>;

export type TagValues = Pick<TagRow, 'name' | 'nameEn' | 'colour' | 'category' | 'description' | 'condition' | 'active'>;

export interface ClientTagRow {
  tagId: string;
  name: string;
  nameEn: string | null;
  colour: string;
  category: string;
  source: 'rule' | 'manual';
  ruleVersion: number | null;
  evidence: Record<string, unknown>;
  addedAt: Date;
}

export interface TagChange {
  orgId: string;
  clientId: string;
  tagId: string;
  change: 'added' | 'removed';
  source: 'rule' | 'manual';
  ruleVersion: number | null;
  evidence: Record<string, unknown>;
  actorType: ActorType;
  actorId: string | null;
}

export interface ClientTagChangeRow {
  id: string;
  tagId: string;
  name: string;
  change: 'added' | 'removed';
  source: 'rule' | 'manual';
  ruleVersion: number | null;
  evidence: Record<string, unknown>;
  createdAt: Date;
}

export function isDuplicateTagName(err: unknown): boolean {
  return (
    err instanceof QueryFailedError &&
    (err.driverError as { code?: string }).code === '23505' &&
    (err.driverError as { constraint?: string }).constraint === 'tag_name_unique'
  );
}

const RULE_COLUMNS = `t.id, t.org_id AS "orgId", t.name, t.name_en AS "nameEn", t.colour, t.category, t.description,
  t.rule_condition AS condition, t.rule_version AS "ruleVersion", t.active, t.seed_key AS "seedKey",
  t.reevaluation, t.reevaluation_total AS "reevaluationTotal", t.reevaluation_done AS "reevaluationDone",
  t.reevaluation_added AS "reevaluationAdded", t.reevaluation_removed AS "reevaluationRemoved",
  t.reevaluated_version AS "reevaluatedVersion", t.reevaluation_finished_at AS "reevaluationFinishedAt",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;
/** For the tag pages only: the count scans the tag's clients, too much for every rebuild. */
const TAG_COLUMNS = `${RULE_COLUMNS},
  (SELECT count(*)::int FROM client_tag ct JOIN client c ON c.id = ct.client_id AND c.deleted_at IS NULL
    WHERE ct.tag_id = t.id) AS "clientCount"`;

/** The only place that queries `tag`, `tag_rule_version`, `client_tag` and `client_tag_change`. */
@Injectable()
export class TagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async list(orgId: string, filter: { rules?: boolean; category?: string }): Promise<TagRow[]> {
    const params: unknown[] = [orgId];
    let where = 't.org_id = $1 AND t.deleted_at IS NULL';
    if (filter.rules !== undefined) where += filter.rules ? ' AND t.rule_condition IS NOT NULL' : ' AND t.rule_condition IS NULL';
    if (filter.category !== undefined) {
      params.push(filter.category);
      where += ` AND t.category = $${params.length}`;
    }
    return this.dataSource.query(`SELECT ${TAG_COLUMNS} FROM tag t WHERE ${where} ORDER BY t.category, t.name`, params);
  }

  async find(orgId: string, id: string, manager?: EntityManager): Promise<TagRow | null> {
    const rows: TagRow[] = await this.m(manager).query(
      `SELECT ${TAG_COLUMNS} FROM tag t WHERE t.org_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<RuleRow | null> {
    const rows: RuleRow[] = await this.dataSource.query(`SELECT ${RULE_COLUMNS} FROM tag t WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async lock(manager: EntityManager, orgId: string, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM tag WHERE org_id = $1 AND id = $2 FOR UPDATE`, [orgId, id]);
  }

  /** Active rule tags of the organisation: what a client's rebuild evaluates. */
  async activeRules(orgId: string, manager?: EntityManager): Promise<RuleRow[]> {
    return this.m(manager).query(
      `SELECT ${RULE_COLUMNS} FROM tag t
        WHERE t.org_id = $1 AND t.deleted_at IS NULL AND t.active AND t.rule_condition IS NOT NULL
        ORDER BY t.name`,
      [orgId],
    );
  }

  async insert(manager: EntityManager, orgId: string, values: TagValues & { seedKey?: string | null }): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO tag (org_id, name, name_en, colour, category, description, rule_condition, rule_version, active, seed_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        orgId,
        values.name,
        values.nameEn,
        values.colour,
        values.category,
        values.description,
        values.condition === null ? null : JSON.stringify(values.condition),
        values.condition === null ? 0 : 1,
        values.active,
        values.seedKey ?? null,
      ],
    );
    return id;
  }

  /** Updates the tag; a changed condition becomes the next rule version. Returns the rule version now. */
  async update(manager: EntityManager, id: string, values: TagValues, conditionChanged: boolean): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [[{ rule_version }]] = await manager.query(
      `UPDATE tag SET name = $2, name_en = $3, colour = $4, category = $5, description = $6, active = $7,
              rule_condition = $8, rule_version = rule_version + $9::int, updated_at = now()
        WHERE id = $1 RETURNING rule_version`,
      [
        id,
        values.name,
        values.nameEn,
        values.colour,
        values.category,
        values.description,
        values.active,
        values.condition === null ? null : JSON.stringify(values.condition),
        conditionChanged ? 1 : 0,
      ],
    );
    return rule_version;
  }

  async insertRuleVersion(
    manager: EntityManager,
    v: { tagId: string; orgId: string; version: number; condition: Condition; actorType: ActorType; actorId: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO tag_rule_version (tag_id, version, org_id, condition, actor_type, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [v.tagId, v.version, v.orgId, JSON.stringify(v.condition), v.actorType, v.actorId],
    );
  }

  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE tag SET deleted_at = now(), active = false, updated_at = now() WHERE id = $1`, [id]);
  }

  async markReevaluation(id: string, state: ReevaluationState, total?: number, manager?: EntityManager): Promise<void> {
    await this.m(manager).query(
      `UPDATE tag SET reevaluation = $2,
              reevaluation_total = coalesce($3, reevaluation_total),
              reevaluation_done = CASE WHEN $2 IN ('queued', 'running') AND $3::int IS NOT NULL THEN 0 ELSE reevaluation_done END,
              reevaluation_added = CASE WHEN $2 = 'queued' THEN 0 ELSE reevaluation_added END,
              reevaluation_removed = CASE WHEN $2 = 'queued' THEN 0 ELSE reevaluation_removed END,
              reevaluation_finished_at = CASE WHEN $2 = 'done' THEN now() ELSE reevaluation_finished_at END
        WHERE id = $1`,
      [id, state, total ?? null],
    );
  }

  async recordProgress(id: string, done: number, added: number, removed: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE tag SET reevaluation_done = reevaluation_done + $2, reevaluation_added = reevaluation_added + $3,
              reevaluation_removed = reevaluation_removed + $4 WHERE id = $1`,
      [id, done, added, removed],
    );
  }

  async finishReevaluation(id: string, version: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE tag SET reevaluation = 'done', reevaluated_version = $2, reevaluation_finished_at = now() WHERE id = $1`,
      [id, version],
    );
  }

  /** Tags whose re-evaluation was queued or interrupted: the reconciler re-enqueues their job. */
  async pendingReevaluations(afterId: string | null, limit: number): Promise<{ id: string; version: number }[]> {
    return this.dataSource.query(
      `SELECT id, rule_version AS version FROM tag
        WHERE reevaluation IN ('queued', 'running') AND deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  async organisationIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM organisation ORDER BY created_at`);
    return rows.map((r) => r.id);
  }

  /** Whether any client of the organisation has facts (then a new rule must be re-evaluated). */
  async orgHasFacts(manager: EntityManager, orgId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM client_facts WHERE org_id = $1 LIMIT 1`, [orgId]);
    return rows.length > 0;
  }

  /** Ids of the organisation's live seeded tags, by seed key. */
  async idsBySeedKey(orgId: string, seedKeys: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    const rows: { id: string; seed_key: string }[] = await this.m(manager).query(
      `SELECT id, seed_key FROM tag WHERE org_id = $1 AND seed_key = ANY($2) AND deleted_at IS NULL`,
      [orgId, seedKeys],
    );
    return new Map(rows.map((r) => [r.seed_key, r.id]));
  }

  async seedKeysOf(orgId: string, manager?: EntityManager): Promise<Set<string>> {
    const rows: { seed_key: string }[] = await this.m(manager).query(
      `SELECT seed_key FROM tag WHERE org_id = $1 AND seed_key IS NOT NULL`,
      [orgId],
    );
    return new Set(rows.map((r) => r.seed_key));
  }

  /**
   * Inserts a seeded rule tag unless the organisation has it (by seed key) or a tag of that name,
   * queued for re-evaluation; returns its id when inserted.
   */
  async insertSeed(
    manager: EntityManager,
    orgId: string,
    seed: {
      seedKey: string;
      name: string;
      nameEn: string;
      colour: string;
      category: string;
      description: string;
      condition: Condition;
    },
    reevaluate: boolean,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO tag (org_id, name, name_en, colour, category, description, rule_condition, rule_version, seed_key, reevaluation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        orgId,
        seed.name,
        seed.nameEn,
        seed.colour,
        seed.category,
        seed.description,
        JSON.stringify(seed.condition),
        seed.seedKey,
        reevaluate ? 'queued' : 'idle',
      ],
    );
    return rows[0]?.id ?? null;
  }

  async tagsOfClient(clientId: string, manager?: EntityManager): Promise<ClientTagRow[]> {
    return this.m(manager).query(
      `SELECT ct.tag_id AS "tagId", t.name, t.name_en AS "nameEn", t.colour, t.category, ct.source,
              ct.rule_version AS "ruleVersion", ct.evidence, ct.added_at AS "addedAt"
         FROM client_tag ct JOIN tag t ON t.id = ct.tag_id
        WHERE ct.client_id = $1 AND t.deleted_at IS NULL
        ORDER BY t.category, t.name`,
      [clientId],
    );
  }

  async hasTag(manager: EntityManager, clientId: string, tagId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM client_tag WHERE client_id = $1 AND tag_id = $2`, [clientId, tagId]);
    return rows.length > 0;
  }

  /** Applies one change to `client_tag` and records it; returns the change id. */
  async applyChange(manager: EntityManager, change: TagChange): Promise<string> {
    if (change.change === 'added') {
      await manager.query(
        `INSERT INTO client_tag (client_id, tag_id, org_id, source, rule_version, evidence, actor_type, actor_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          change.clientId,
          change.tagId,
          change.orgId,
          change.source,
          change.ruleVersion,
          JSON.stringify(change.evidence),
          change.actorType,
          change.actorId,
        ],
      );
    } else {
      await manager.query(`DELETE FROM client_tag WHERE client_id = $1 AND tag_id = $2`, [change.clientId, change.tagId]);
    }
    const [{ id }] = await manager.query(
      `INSERT INTO client_tag_change (org_id, client_id, tag_id, change, source, rule_version, evidence, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        change.orgId,
        change.clientId,
        change.tagId,
        change.change,
        change.source,
        change.ruleVersion,
        JSON.stringify(change.evidence),
        change.actorType,
        change.actorId,
      ],
    );
    return id;
  }

  async changesOfClient(clientId: string, limit: number): Promise<ClientTagChangeRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.tag_id AS "tagId", t.name, c.change, c.source, c.rule_version AS "ruleVersion", c.evidence,
              c.created_at AS "createdAt"
         FROM client_tag_change c JOIN tag t ON t.id = c.tag_id
        WHERE c.client_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
      [clientId, limit],
    );
  }
}
