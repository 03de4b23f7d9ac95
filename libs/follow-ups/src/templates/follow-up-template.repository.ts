import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorType } from '@health/core';
import type { Condition } from '@health/archives';
import type { FollowUpStep } from './template-steps';
import type { TemplateTrigger, TriggerType } from './template-trigger';

export interface FollowUpTemplateRow {
  id: string;
  orgId: string;
  seedKey: string | null;
  name: string;
  description: string | null;
  trigger: TemplateTrigger;
  condition: Condition | null;
  steps: FollowUpStep[];
  stopWhenCardEnds: boolean;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type FollowUpTemplateValues = Pick<
  FollowUpTemplateRow,
  'name' | 'description' | 'trigger' | 'condition' | 'steps' | 'stopWhenCardEnds' | 'active'
>;

export interface TemplateAuthor {
  actorType: ActorType;
  actorId: string | null;
}

export interface TemplateVersionRow {
  version: number;
  definition: Pick<FollowUpTemplateRow, 'name' | 'trigger' | 'condition' | 'steps' | 'stopWhenCardEnds'>;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
}

const COLUMNS = `t.id, t.org_id AS "orgId", t.seed_key AS "seedKey", t.name, t.description, t.trigger, t.condition, t.steps,
  t.stop_when_card_ends AS "stopWhenCardEnds", t.active, t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** The only place that queries `follow_up_template` and `follow_up_template_version`. */
@Injectable()
export class FollowUpTemplateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  list(orgId: string, filter: { triggerType?: TriggerType; active?: boolean }): Promise<FollowUpTemplateRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM follow_up_template t
        WHERE t.org_id = $1 AND t.deleted_at IS NULL AND ($2::text IS NULL OR t.trigger_type = $2)
          AND ($3::boolean IS NULL OR t.active = $3)
        ORDER BY t.name, t.id`,
      [orgId, filter.triggerType ?? null, filter.active ?? null],
    );
  }

  /** Active templates a trigger of this type may start (the event handlers' query). */
  activeFor(manager: EntityManager, orgId: string, triggerType: TriggerType): Promise<FollowUpTemplateRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM follow_up_template t
        WHERE t.org_id = $1 AND t.trigger_type = $2 AND t.active AND t.deleted_at IS NULL ORDER BY t.id`,
      [orgId, triggerType],
    );
  }

  async find(orgId: string, id: string, manager?: EntityManager): Promise<FollowUpTemplateRow | null> {
    const rows: FollowUpTemplateRow[] = await this.m(manager).query(
      `SELECT ${COLUMNS} FROM follow_up_template t WHERE t.org_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async lock(manager: EntityManager, orgId: string, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM follow_up_template WHERE org_id = $1 AND id = $2 FOR UPDATE`, [orgId, id]);
  }

  async insert(
    manager: EntityManager,
    orgId: string,
    values: FollowUpTemplateValues,
    author: TemplateAuthor,
    seedKey: string | null = null,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO follow_up_template (org_id, seed_key, name, description, trigger_type, trigger, condition, steps, stop_when_card_ends, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (org_id, seed_key) WHERE seed_key IS NOT NULL DO NOTHING RETURNING id`,
      [
        orgId,
        seedKey,
        values.name,
        values.description,
        values.trigger.type,
        JSON.stringify(values.trigger),
        values.condition === null ? null : JSON.stringify(values.condition),
        JSON.stringify(values.steps),
        values.stopWhenCardEnds,
        values.active,
      ],
    );
    if (rows.length === 0) return null;
    await this.insertVersion(manager, orgId, rows[0].id, 1, values, author);
    return rows[0].id;
  }

  /** Saves the values; a changed definition (trigger, condition, steps, name, card rule) is the next version. */
  async update(
    manager: EntityManager,
    orgId: string,
    id: string,
    values: FollowUpTemplateValues,
    definitionChanged: boolean,
    author: TemplateAuthor,
  ): Promise<void> {
    const [[{ version }]] = await manager.query(
      `UPDATE follow_up_template SET name = $2, description = $3, trigger_type = $4, trigger = $5, condition = $6, steps = $7,
              stop_when_card_ends = $8, active = $9, version = version + $10::int, updated_at = now()
        WHERE id = $1 RETURNING version`,
      [
        id,
        values.name,
        values.description,
        values.trigger.type,
        JSON.stringify(values.trigger),
        values.condition === null ? null : JSON.stringify(values.condition),
        JSON.stringify(values.steps),
        values.stopWhenCardEnds,
        values.active,
        definitionChanged ? 1 : 0,
      ],
    );
    if (definitionChanged) await this.insertVersion(manager, orgId, id, version, values, author);
  }

  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE follow_up_template SET deleted_at = now(), active = false, updated_at = now() WHERE id = $1`, [
      id,
    ]);
  }

  /** Newest first, each with the name of who saved it (staff user or API key). */
  versions(orgId: string, id: string): Promise<TemplateVersionRow[]> {
    return this.dataSource.query(
      `SELECT v.version, v.definition, v.actor_type AS "actorType", v.actor_id AS "actorId",
              coalesce(u.display_name, k.name) AS "actorName", v.created_at AS "createdAt"
         FROM follow_up_template_version v
         LEFT JOIN staff_user u ON v.actor_type = 'user' AND u.id::text = v.actor_id
         LEFT JOIN api_key k ON v.actor_type = 'api_key' AND k.id::text = v.actor_id
        WHERE v.org_id = $1 AND v.template_id = $2 ORDER BY v.version DESC`,
      [orgId, id],
    );
  }

  /** The organisation's template made from a seed, unless it was deleted. */
  async idBySeedKey(orgId: string, seedKey: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM follow_up_template WHERE org_id = $1 AND seed_key = $2 AND deleted_at IS NULL`,
      [orgId, seedKey],
    );
    return rows[0]?.id ?? null;
  }

  /** Seed keys the organisation has, deleted templates included (a deleted seed is not seeded again). */
  async seedKeysOf(manager: EntityManager, orgId: string): Promise<Set<string>> {
    const rows: { seedKey: string }[] = await manager.query(
      `SELECT seed_key AS "seedKey" FROM follow_up_template WHERE org_id = $1 AND seed_key IS NOT NULL`,
      [orgId],
    );
    return new Set(rows.map((r) => r.seedKey));
  }

  async organisationIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM organisation ORDER BY created_at`);
    return rows.map((r) => r.id);
  }

  private async insertVersion(
    manager: EntityManager,
    orgId: string,
    id: string,
    version: number,
    values: FollowUpTemplateValues,
    author: TemplateAuthor,
  ): Promise<void> {
    const definition = {
      name: values.name,
      trigger: values.trigger,
      condition: values.condition,
      steps: values.steps,
      stopWhenCardEnds: values.stopWhenCardEnds,
    };
    await manager.query(
      `INSERT INTO follow_up_template_version (template_id, version, org_id, definition, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, version, orgId, JSON.stringify(definition), author.actorType, author.actorId],
    );
  }
}
