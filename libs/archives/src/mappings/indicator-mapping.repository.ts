import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { ActorType } from '@health/core';

export interface MappingRow {
  id: string;
  orgId: string;
  source: string;
  name: string;
  nameKey: string;
  /** Normalised; '' applies under any category. */
  categoryContext: string;
  code: string | null;
  textOnly: boolean;
  reprocessing: 'done' | 'queued';
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
}

export type NewMapping = Pick<
  MappingRow,
  'source' | 'name' | 'nameKey' | 'categoryContext' | 'code' | 'textOnly' | 'reprocessing' | 'actorType' | 'actorId'
>;

export function isDuplicateMapping(err: unknown): boolean {
  return (
    err instanceof QueryFailedError &&
    (err.driverError as { code?: string }).code === '23505' &&
    (err.driverError as { constraint?: string }).constraint === 'indicator_mapping_unique'
  );
}

const COLUMNS = `m.id, m.source, m.name, m.name_key AS "nameKey", m.category_context AS "categoryContext", m.code,
  m.text_only AS "textOnly", m.reprocessing, m.org_id AS "orgId", m.actor_type AS "actorType", m.actor_id AS "actorId",
  coalesce(u.display_name, k.name) AS "actorName", m.created_at AS "createdAt"`;
const AUTHOR_JOIN = `
  LEFT JOIN staff_user u ON m.actor_type = 'user' AND u.id::text = m.actor_id
  LEFT JOIN api_key k ON m.actor_type = 'api_key' AND k.id::text = m.actor_id`;

/** First key of the mapping locks: any fixed number, for the two-key advisory lock space. */
const MAPPING_LOCK_CLASS = 46_021;

/** The only place that queries `indicator_mapping`. */
@Injectable()
export class IndicatorMappingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A transaction-scoped lock on one source of one organisation (two-key advisory lock, a space
   * apart from the single-key locks of migrations and seeding): ingestion holds it shared, a new
   * mapping exclusive.
   */
  async lockSource(manager: EntityManager, orgId: string, source: string, mode: 'shared' | 'exclusive'): Promise<void> {
    const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await manager.query(`SELECT ${lock}($1, hashtext($2 || ':' || $3))`, [MAPPING_LOCK_CLASS, orgId, source]);
  }

  /** The organisation's mappings for one sending system (a handful; read once per report). */
  forSource(orgId: string, source: string, manager?: EntityManager): Promise<MappingRow[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM indicator_mapping m ${AUTHOR_JOIN} WHERE m.org_id = $1 AND m.source = $2`,
      [orgId, source],
    );
  }

  async find(orgId: string, id: string, manager?: EntityManager): Promise<MappingRow | null> {
    const rows: MappingRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM indicator_mapping m ${AUTHOR_JOIN} WHERE m.org_id = $1 AND m.id = $2`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async insert(manager: EntityManager, orgId: string, mapping: NewMapping): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO indicator_mapping (org_id, source, name, name_key, category_context, code, text_only, reprocessing,
                                      actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        orgId,
        mapping.source,
        mapping.name,
        mapping.nameKey,
        mapping.categoryContext,
        mapping.code,
        mapping.textOnly,
        mapping.reprocessing,
        mapping.actorType,
        mapping.actorId,
      ],
    );
    return rows[0].id;
  }

  /** Any organisation's mapping by id: for its re-processing job. */
  async findById(id: string): Promise<MappingRow | null> {
    const rows: MappingRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM indicator_mapping m ${AUTHOR_JOIN} WHERE m.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markReprocessed(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE indicator_mapping SET reprocessing = 'done' WHERE id = $1`, [id]);
  }

  /** Mappings still queued for re-processing after `afterId`: those the reconciler keeps a job for. */
  async queuedIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM indicator_mapping WHERE reprocessing = 'queued' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  async list(orgId: string, source: string | undefined, offset: number, limit: number): Promise<[MappingRow[], number]> {
    const where = source === undefined ? 'm.org_id = $1' : 'm.org_id = $1 AND m.source = $2';
    const params = source === undefined ? [orgId] : [orgId, source];
    const [rows, count]: [MappingRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM indicator_mapping m ${AUTHOR_JOIN} WHERE ${where}
          ORDER BY m.created_at DESC, m.id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS total FROM indicator_mapping m WHERE ${where}`, params),
    ]);
    return [rows, Number(count[0].total)];
  }
}
