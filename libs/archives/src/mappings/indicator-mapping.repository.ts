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
  /** 1 when created; every change or the deletion adds one. */
  version: number;
  /** Who created the mapping (each change's author is in its version). */
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export type NewMapping = Pick<
  MappingRow,
  'source' | 'name' | 'nameKey' | 'categoryContext' | 'code' | 'textOnly' | 'reprocessing' | 'actorType' | 'actorId'
>;

export type MappingChangeKind = 'create' | 'update' | 'delete';

export interface MappingVersionRow {
  version: number;
  changeKind: MappingChangeKind;
  code: string | null;
  textOnly: boolean;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
}

export interface NewMappingVersion {
  orgId: string;
  mappingId: string;
  version: number;
  changeKind: MappingChangeKind;
  code: string | null;
  textOnly: boolean;
  actorType: ActorType;
  actorId: string | null;
}

export function isDuplicateMapping(err: unknown): boolean {
  return (
    err instanceof QueryFailedError &&
    (err.driverError as { code?: string }).code === '23505' &&
    (err.driverError as { constraint?: string }).constraint === 'indicator_mapping_unique'
  );
}

const COLUMNS = `m.id, m.source, m.name, m.name_key AS "nameKey", m.category_context AS "categoryContext", m.code,
  m.text_only AS "textOnly", m.reprocessing, m.org_id AS "orgId", m.actor_type AS "actorType", m.actor_id AS "actorId",
  coalesce(u.display_name, k.name) AS "actorName", m.created_at AS "createdAt", m.version,
  m.updated_at AS "updatedAt", m.deleted_at AS "deletedAt"`;
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
   * apart from the single-key locks of migrations and seeding): ingestion holds it shared; creating,
   * changing or deleting a mapping, and each batch of a re-processing job, exclusive.
   */
  async lockSource(manager: EntityManager, orgId: string, source: string, mode: 'shared' | 'exclusive'): Promise<void> {
    const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await manager.query(`SELECT ${lock}($1, hashtext($2 || ':' || $3))`, [MAPPING_LOCK_CLASS, orgId, source]);
  }

  /** The organisation's live mappings for one sending system (a handful; read once per report). */
  forSource(orgId: string, source: string, manager?: EntityManager): Promise<MappingRow[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM indicator_mapping m ${AUTHOR_JOIN}
        WHERE m.org_id = $1 AND m.source = $2 AND m.deleted_at IS NULL`,
      [orgId, source],
    );
  }

  /** A live mapping of the organisation; `lock` holds its row until the transaction ends. */
  async find(orgId: string, id: string, manager?: EntityManager, lock = false): Promise<MappingRow | null> {
    const rows: MappingRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM indicator_mapping m ${AUTHOR_JOIN}
        WHERE m.org_id = $1 AND m.id = $2 AND m.deleted_at IS NULL${lock ? ' FOR UPDATE OF m' : ''}`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  /** Ids of every mapping of a source and name, live or deleted: the items they resolved are re-processed together. */
  async idsForName(manager: EntityManager, orgId: string, source: string, nameKey: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM indicator_mapping WHERE org_id = $1 AND source = $2 AND name_key = $3`,
      [orgId, source, nameKey],
    );
    return rows.map((row) => row.id);
  }

  /** A new target (an indicator or text-only) as the next version. */
  async update(
    manager: EntityManager,
    id: string,
    change: { code: string | null; textOnly: boolean; version: number; reprocessing: 'done' | 'queued' },
  ): Promise<void> {
    await manager.query(
      `UPDATE indicator_mapping SET code = $2, text_only = $3, version = $4, reprocessing = $5, updated_at = now()
        WHERE id = $1`,
      [id, change.code, change.textOnly, change.version, change.reprocessing],
    );
  }

  /** Kept as a row (history, and the re-processing job), gone for matching, lists and uniqueness. */
  async markDeleted(manager: EntityManager, id: string, version: number, reprocessing: 'done' | 'queued'): Promise<void> {
    await manager.query(
      `UPDATE indicator_mapping SET deleted_at = now(), updated_at = now(), version = $2, reprocessing = $3 WHERE id = $1`,
      [id, version, reprocessing],
    );
  }

  async insertVersion(manager: EntityManager, version: NewMappingVersion): Promise<void> {
    await manager.query(
      `INSERT INTO indicator_mapping_version (org_id, mapping_id, version, change_kind, code, text_only, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        version.orgId,
        version.mappingId,
        version.version,
        version.changeKind,
        version.code,
        version.textOnly,
        version.actorType,
        version.actorId,
      ],
    );
  }

  /** A mapping's versions, newest first; also of a deleted mapping (null: no such mapping). */
  async listVersions(orgId: string, id: string, offset: number, limit: number): Promise<[MappingVersionRow[], number] | null> {
    const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM indicator_mapping WHERE org_id = $1 AND id = $2`, [
      orgId,
      id,
    ]);
    if (exists.length === 0) return null;
    const [rows, count]: [MappingVersionRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT v.version, v.change_kind AS "changeKind", v.code, v.text_only AS "textOnly", v.actor_type AS "actorType",
                v.actor_id AS "actorId", coalesce(u.display_name, k.name) AS "actorName", v.created_at AS "createdAt"
           FROM indicator_mapping_version v
           LEFT JOIN staff_user u ON v.actor_type = 'user' AND u.id::text = v.actor_id
           LEFT JOIN api_key k ON v.actor_type = 'api_key' AND k.id::text = v.actor_id
          WHERE v.mapping_id = $1
          ORDER BY v.version DESC OFFSET $2 LIMIT $3`,
        [id, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS total FROM indicator_mapping_version WHERE mapping_id = $1`, [id]),
    ]);
    return [rows, Number(count[0].total)];
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

  /** Any organisation's mapping by id, deleted or not: for its re-processing job. */
  async findById(id: string, manager?: EntityManager): Promise<MappingRow | null> {
    const rows: MappingRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM indicator_mapping m ${AUTHOR_JOIN} WHERE m.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Done with the re-processing of `version` (a later version has its own). */
  async markReprocessed(id: string, version: number): Promise<void> {
    await this.dataSource.query(`UPDATE indicator_mapping SET reprocessing = 'done' WHERE id = $1 AND version = $2`, [
      id,
      version,
    ]);
  }

  /** Mappings still queued for re-processing after `afterId`: those the reconciler keeps a job for. */
  async queued(afterId: string | null, limit: number): Promise<{ id: string; version: number }[]> {
    return this.dataSource.query(
      `SELECT id, version FROM indicator_mapping
        WHERE reprocessing = 'queued' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  async list(orgId: string, source: string | undefined, offset: number, limit: number): Promise<[MappingRow[], number]> {
    const live = 'm.org_id = $1 AND m.deleted_at IS NULL';
    const where = source === undefined ? live : `${live} AND m.source = $2`;
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
