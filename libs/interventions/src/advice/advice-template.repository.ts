import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorType } from '@health/core';
import type { Condition } from '@health/archives';
import type { AdviceCategory } from './advice-category';
import type { AdviceSeed } from './advice-seeds';

/** Any fixed number, distinct from the other seed locks: serialises seeding of the advice library. */
const ADVICE_SEED_LOCK_KEY = 7_310_402_631;

export interface AdviceTemplateRow {
  id: string;
  orgId: string;
  seedKey: string | null;
  category: AdviceCategory;
  textZh: string;
  textEn: string;
  condition: Condition;
  priority: number;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type AdviceTemplateValues = Pick<
  AdviceTemplateRow,
  'category' | 'textZh' | 'textEn' | 'condition' | 'priority' | 'active'
>;

export interface TemplateAuthor {
  actorType: ActorType;
  actorId: string | null;
}

const COLUMNS = `t.id, t.org_id AS "orgId", t.seed_key AS "seedKey", t.category, t.text_zh AS "textZh", t.text_en AS "textEn",
  t.condition, t.priority, t.active, t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** Library order: category, then priority (higher first), then oldest first. */
const ORDER = `ORDER BY array_position(ARRAY['diet', 'exercise', 'mental', 'tcm', 'medical'], t.category), t.priority DESC, t.created_at, t.id`;

/** The only place that queries `advice_template` and `advice_template_version`. */
@Injectable()
export class AdviceTemplateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async list(orgId: string, filter: { category?: AdviceCategory }): Promise<AdviceTemplateRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM advice_template t
        WHERE t.org_id = $1 AND t.deleted_at IS NULL AND ($2::text IS NULL OR t.category = $2) ${ORDER}`,
      [orgId, filter.category ?? null],
    );
  }

  /** Every template not deleted, active or not: what a regeneration reads (priorities of edited items too). */
  async live(orgId: string, manager?: EntityManager): Promise<AdviceTemplateRow[]> {
    return this.m(manager).query(
      `SELECT ${COLUMNS} FROM advice_template t WHERE t.org_id = $1 AND t.deleted_at IS NULL ${ORDER}`,
      [orgId],
    );
  }

  async find(orgId: string, id: string, manager?: EntityManager): Promise<AdviceTemplateRow | null> {
    const rows: AdviceTemplateRow[] = await this.m(manager).query(
      `SELECT ${COLUMNS} FROM advice_template t WHERE t.org_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async lock(manager: EntityManager, orgId: string, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM advice_template WHERE org_id = $1 AND id = $2 FOR UPDATE`, [orgId, id]);
  }

  async insert(manager: EntityManager, orgId: string, values: AdviceTemplateValues, author: TemplateAuthor): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO advice_template (org_id, category, text_zh, text_en, condition, priority, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [orgId, values.category, values.textZh, values.textEn, JSON.stringify(values.condition), values.priority, values.active],
    );
    await this.insertVersion(manager, orgId, id, 1, values, author);
    return id;
  }

  /** Saves the values; changed text or condition is the next version, with its history row. */
  async update(
    manager: EntityManager,
    orgId: string,
    id: string,
    values: AdviceTemplateValues,
    contentChanged: boolean,
    author: TemplateAuthor,
  ): Promise<void> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [[{ version }]] = await manager.query(
      `UPDATE advice_template SET category = $2, text_zh = $3, text_en = $4, condition = $5, priority = $6, active = $7,
              version = version + $8::int, updated_at = now()
        WHERE id = $1 RETURNING version`,
      [
        id,
        values.category,
        values.textZh,
        values.textEn,
        JSON.stringify(values.condition),
        values.priority,
        values.active,
        contentChanged ? 1 : 0,
      ],
    );
    if (contentChanged) await this.insertVersion(manager, orgId, id, version, values, author);
  }

  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE advice_template SET deleted_at = now(), active = false, updated_at = now() WHERE id = $1`, [id]);
  }

  async lockSeed(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ADVICE_SEED_LOCK_KEY]);
  }

  /** Organisations that lack at least one of the seed keys (deleted seeded templates count as present). */
  async organisationsMissingSeeds(manager: EntityManager, seedKeys: readonly string[], orgId?: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT o.id FROM organisation o
        WHERE ($2::uuid IS NULL OR o.id = $2::uuid)
          AND (SELECT count(*) FROM advice_template t WHERE t.org_id = o.id AND t.seed_key = ANY($1)) < cardinality($1::text[])`,
      [seedKeys, orgId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** Inserts the seeds the organisation does not have yet, each with its version 1; returns how many. */
  async insertSeeds(manager: EntityManager, orgId: string, seeds: readonly AdviceSeed[]): Promise<number> {
    const [{ n }] = await manager.query(
      `WITH seed AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb)
           AS s("seedKey" text, category text, "textZh" text, "textEn" text, condition jsonb, priority int)
       ), inserted AS (
         INSERT INTO advice_template (org_id, seed_key, category, text_zh, text_en, condition, priority)
         SELECT $1::uuid, s."seedKey", s.category, s."textZh", s."textEn", s.condition, s.priority FROM seed s
         ON CONFLICT (org_id, seed_key) WHERE seed_key IS NOT NULL DO NOTHING
         RETURNING id, text_zh, text_en, condition
       ), versions AS (
         INSERT INTO advice_template_version (template_id, version, org_id, text_zh, text_en, condition, actor_type)
         SELECT id, 1, $1::uuid, text_zh, text_en, condition, 'system' FROM inserted
       )
       SELECT count(*)::int AS n FROM inserted`,
      [orgId, JSON.stringify(seeds)],
    );
    return n;
  }

  private async insertVersion(
    manager: EntityManager,
    orgId: string,
    templateId: string,
    version: number,
    values: AdviceTemplateValues,
    author: TemplateAuthor,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO advice_template_version (template_id, version, org_id, text_zh, text_en, condition, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        templateId,
        version,
        orgId,
        values.textZh,
        values.textEn,
        JSON.stringify(values.condition),
        author.actorType,
        author.actorId,
      ],
    );
  }
}
