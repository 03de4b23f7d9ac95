import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { GroupCommit, type ActorType } from '@health/core';
import type { IndicatorDefinition } from '@health/clinical';

export type IndicatorChangeKind = 'seed' | 'create' | 'update';

/** `retired`: kept with its observations and history, but matches and takes no new items. */
export type IndicatorStatus = 'active' | 'retired';

/** One current dictionary row as an organisation sees it. */
export interface IndicatorRow {
  code: string;
  version: number;
  definition: IndicatorDefinition;
  status: IndicatorStatus;
  /** null: the platform dictionary; otherwise the organisation's own row. */
  orgId: string | null;
  /** The platform dictionary has this code (its own row, or the one an organisation's edit hides). */
  fromPlatform: boolean;
  updatedAt: Date;
}

export interface IndicatorVersionRow {
  code: string;
  version: number;
  definition: IndicatorDefinition;
  status: IndicatorStatus;
  orgId: string | null;
  changeKind: IndicatorChangeKind;
  changedFields: string[];
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
}

export interface NewIndicatorVersion {
  orgId: string | null;
  code: string;
  version: number;
  definition: IndicatorDefinition;
  status: IndicatorStatus;
  changeKind: IndicatorChangeKind;
  changedFields: string[];
  actorType: ActorType;
  actorId: string | null;
}

interface IndicatorSqlRow {
  code: string;
  version: number;
  definition: IndicatorDefinition;
  status: IndicatorStatus;
  org_id: string | null;
  from_platform: boolean;
  updated_at: Date;
}

interface VersionSqlRow {
  code: string;
  version: number;
  definition: IndicatorDefinition;
  status: IndicatorStatus;
  org_id: string | null;
  change_kind: IndicatorChangeKind;
  changed_fields: string[];
  actor_type: ActorType;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
}

const toRow = (row: IndicatorSqlRow): IndicatorRow => ({
  code: row.code,
  version: row.version,
  definition: row.definition,
  status: row.status,
  orgId: row.org_id,
  fromPlatform: row.from_platform,
  updatedAt: row.updated_at,
});

/** Whether the platform dictionary has the code of the row `i`. */
const FROM_PLATFORM = `(i.org_id IS NULL OR EXISTS (SELECT 1 FROM indicator p WHERE p.org_id IS NULL AND p.code = i.code))`;
const ROW_COLUMNS = `i.code, i.version, i.definition, i.status, i.org_id, ${FROM_PLATFORM} AS from_platform, i.updated_at`;

/** Rows an organisation sees: its own, and the platform's where it has none of that code. */
const EFFECTIVE = `
  SELECT DISTINCT ON (i.code) ${ROW_COLUMNS}
    FROM indicator i
   WHERE i.org_id IS NULL OR i.org_id = $1
   ORDER BY i.code, i.org_id NULLS LAST`;

/** Global rows are serialised by this lock while the seed compares and writes them. */
const SEED_LOCK_KEY = 7_310_402_733;

/** The only place that queries `indicator` and `indicator_version`. */
@Injectable()
export class IndicatorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Changes whenever a row the organisation can see is written (see the migration). */
  /**
   * The dictionary's revision for the organisation. Outside a transaction, concurrent calls share
   * one statement (`GroupCommit`); each still reads a revision no older than itself.
   */
  async revision(orgId: string, manager?: EntityManager): Promise<string> {
    if (!manager) return this.revisions.submit(orgId);
    const rows: { revision: string | null }[] = await manager.query(
      `SELECT max(revision)::text AS revision FROM indicator WHERE org_id IS NULL OR org_id = $1`,
      [orgId],
    );
    return rows[0]?.revision ?? '0';
  }

  private readonly revisions = new GroupCommit<string, string>(async (orgIds) => {
    const rows: { org_id: string; revision: string | null }[] = await this.dataSource.query(
      `SELECT o.org_id, (SELECT max(revision)::text FROM indicator WHERE org_id IS NULL OR org_id = o.org_id) AS revision
         FROM unnest($1::uuid[]) AS o(org_id)`,
      [[...new Set(orgIds)]],
    );
    const byOrg = new Map(rows.map((row) => [row.org_id, row.revision ?? '0']));
    return orgIds.map((orgId) => byOrg.get(orgId) ?? '0');
  });

  async effective(orgId: string, manager?: EntityManager): Promise<IndicatorRow[]> {
    const rows: IndicatorSqlRow[] = await this.manager(manager).query(EFFECTIVE, [orgId]);
    return rows.map(toRow);
  }

  async findEffective(orgId: string, code: string, manager?: EntityManager): Promise<IndicatorRow | null> {
    const rows: IndicatorSqlRow[] = await this.manager(manager).query(
      `SELECT ${ROW_COLUMNS}
         FROM indicator i
        WHERE i.code = $2 AND (i.org_id IS NULL OR i.org_id = $1)
        ORDER BY i.org_id NULLS LAST
        LIMIT 1`,
      [orgId, code],
    );
    return rows.length > 0 ? toRow(rows[0]) : null;
  }

  /** Holds the organisation's row of the code (if any) until the transaction ends. */
  async lockOwn(manager: EntityManager, orgId: string, code: string): Promise<void> {
    await manager.query(`SELECT 1 FROM indicator WHERE org_id = $1 AND code = $2 FOR UPDATE`, [orgId, code]);
  }

  async lockSeed(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
  }

  async platformRows(manager: EntityManager): Promise<IndicatorRow[]> {
    const rows: IndicatorSqlRow[] = await manager.query(`SELECT ${ROW_COLUMNS} FROM indicator i WHERE i.org_id IS NULL`);
    return rows.map(toRow);
  }

  /** Inserts or replaces current rows of one scope, each with a fresh revision. */
  async saveCurrent(
    manager: EntityManager,
    orgId: string | null,
    rows: readonly { code: string; version: number; definition: IndicatorDefinition; status: IndicatorStatus }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO indicator (org_id, code, version, definition, status)
       SELECT $1::uuid, code, version, definition, status
         FROM unnest($2::text[], $3::int[], $4::jsonb[], $5::text[]) AS t (code, version, definition, status)
       ON CONFLICT ON CONSTRAINT indicator_scope_code_unique DO UPDATE
         SET version = excluded.version, definition = excluded.definition, status = excluded.status,
             revision = nextval('indicator_revision_seq'), updated_at = now()`,
      [
        orgId,
        rows.map((r) => r.code),
        rows.map((r) => r.version),
        rows.map((r) => JSON.stringify(r.definition)),
        rows.map((r) => r.status),
      ],
    );
  }

  async insertVersions(manager: EntityManager, versions: readonly NewIndicatorVersion[]): Promise<void> {
    if (versions.length === 0) return;
    await manager.query(
      `INSERT INTO indicator_version (org_id, code, version, definition, change_kind, changed_fields, actor_type, actor_id,
                                     status)
       SELECT org_id, code, version, definition, change_kind,
              ARRAY(SELECT jsonb_array_elements_text(changed_fields)), actor_type, actor_id, status
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::jsonb[], $5::text[], $6::jsonb[], $7::text[], $8::text[],
                     $9::text[])
           AS t (org_id, code, version, definition, change_kind, changed_fields, actor_type, actor_id, status)`,
      [
        versions.map((v) => v.orgId),
        versions.map((v) => v.code),
        versions.map((v) => v.version),
        versions.map((v) => JSON.stringify(v.definition)),
        versions.map((v) => v.changeKind),
        versions.map((v) => JSON.stringify(v.changedFields)),
        versions.map((v) => v.actorType),
        versions.map((v) => v.actorId),
        versions.map((v) => v.status),
      ],
    );
  }

  /**
   * The history an organisation sees for a code, newest first: its own versions, preceded by the
   * platform's versions up to the one its first own version replaced.
   */
  async listVersions(orgId: string, code: string, offset: number, limit: number): Promise<[IndicatorVersionRow[], number]> {
    const visible = `
      FROM indicator_version v
      LEFT JOIN staff_user u ON v.actor_type = 'user' AND u.id::text = v.actor_id
      LEFT JOIN api_key k ON v.actor_type = 'api_key' AND k.id::text = v.actor_id
     WHERE v.code = $2
       AND (v.org_id = $1
            OR (v.org_id IS NULL AND v.version < coalesce(
                 (SELECT min(o.version) FROM indicator_version o WHERE o.org_id = $1 AND o.code = $2), 2147483647)))`;
    const [rows, count]: [VersionSqlRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT v.code, v.version, v.definition, v.status, v.org_id, v.change_kind, v.changed_fields, v.actor_type, v.actor_id,
                coalesce(u.display_name, k.name) AS actor_name, v.created_at
           ${visible}
          ORDER BY v.version DESC
          OFFSET $3 LIMIT $4`,
        [orgId, code, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS total ${visible}`, [orgId, code]),
    ]);
    return [
      rows.map((row) => ({
        code: row.code,
        version: row.version,
        definition: row.definition,
        status: row.status,
        orgId: row.org_id,
        changeKind: row.change_kind,
        changedFields: row.changed_fields,
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorName: row.actor_name,
        createdAt: row.created_at,
      })),
      Number(count[0].total),
    ];
  }
}
