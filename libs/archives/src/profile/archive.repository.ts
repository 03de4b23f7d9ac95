import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorType } from '@health/core';
import type { ArchiveProfile } from './archive-profile';
import { HealthArchive, HealthArchiveVersion } from './entities';

/** Who saved a version; the display name is the user's or the API key's, null once it is gone. */
export interface VersionAuthor {
  type: ActorType;
  id: string | null;
  displayName: string | null;
}

export interface ArchiveVersionRow {
  version: number;
  profile: ArchiveProfile;
  changedPaths: string[];
  createdAt: Date;
  author: VersionAuthor;
}

interface VersionSqlRow {
  version: number;
  profile: ArchiveProfile;
  changed_paths: string[];
  created_at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  display_name: string | null;
}

const VERSION_COLUMNS = `v.version, v.profile, v.changed_paths, v.created_at, v.actor_type, v.actor_id,
       coalesce(u.display_name, k.name) AS display_name`;

const AUTHOR_JOIN = `
  LEFT JOIN staff_user u ON v.actor_type = 'user' AND u.id::text = v.actor_id
  LEFT JOIN api_key k ON v.actor_type = 'api_key' AND k.id::text = v.actor_id`;

function toVersionRow(row: VersionSqlRow): ArchiveVersionRow {
  return {
    version: row.version,
    profile: row.profile,
    changedPaths: row.changed_paths,
    createdAt: row.created_at,
    author: { type: row.actor_type, id: row.actor_id, displayName: row.display_name },
  };
}

/** The only place that queries `health_archive` and `health_archive_version`. */
@Injectable()
export class ArchiveRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The current version with its snapshot and author; null while the client has no archive. */
  async findCurrent(orgId: string, clientId: string): Promise<ArchiveVersionRow | null> {
    const rows: VersionSqlRow[] = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS}
         FROM health_archive a
         JOIN health_archive_version v ON v.client_id = a.client_id AND v.version = a.version
         ${AUTHOR_JOIN}
        WHERE a.org_id = $1 AND a.client_id = $2`,
      [orgId, clientId],
    );
    return rows.length > 0 ? toVersionRow(rows[0]) : null;
  }

  /** The stored current profile alone (for client facts); null while the client has no archive. */
  async currentProfile(orgId: string, clientId: string, manager?: EntityManager): Promise<ArchiveProfile | null> {
    const rows: { profile: ArchiveProfile }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT profile FROM health_archive WHERE org_id = $1 AND client_id = $2`,
      [orgId, clientId],
    );
    return rows[0]?.profile ?? null;
  }

  async findVersion(orgId: string, clientId: string, version: number): Promise<ArchiveVersionRow | null> {
    const rows: VersionSqlRow[] = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS}
         FROM health_archive_version v
         ${AUTHOR_JOIN}
        WHERE v.org_id = $1 AND v.client_id = $2 AND v.version = $3`,
      [orgId, clientId, version],
    );
    return rows.length > 0 ? toVersionRow(rows[0]) : null;
  }

  /** The current archive, locked until the transaction ends so concurrent edits take turns. */
  lockCurrent(manager: EntityManager, orgId: string, clientId: string): Promise<HealthArchive | null> {
    return manager
      .getRepository(HealthArchive)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.org_id = :orgId AND a.client_id = :clientId', { orgId, clientId })
      .getOne();
  }

  async saveCurrent(
    manager: EntityManager,
    values: Pick<HealthArchive, 'orgId' | 'clientId' | 'version' | 'profile'>,
    isNew: boolean,
  ): Promise<void> {
    const repo = manager.getRepository(HealthArchive);
    if (isNew) await repo.insert(values);
    else await repo.update({ clientId: values.clientId }, { version: values.version, profile: values.profile });
  }

  async insertVersion(
    manager: EntityManager,
    values: Pick<HealthArchiveVersion, 'orgId' | 'clientId' | 'version' | 'profile' | 'changedPaths' | 'actorType' | 'actorId'>,
  ): Promise<HealthArchiveVersion> {
    const repo = manager.getRepository(HealthArchiveVersion);
    return repo.save(repo.create(values));
  }

  /** Versions newest first. */
  async listVersions(orgId: string, clientId: string, offset: number, limit: number): Promise<[ArchiveVersionRow[], number]> {
    const [rows, count]: [VersionSqlRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${VERSION_COLUMNS}
           FROM health_archive_version v
           ${AUTHOR_JOIN}
          WHERE v.org_id = $1 AND v.client_id = $2
          ORDER BY v.version DESC
          OFFSET $3 LIMIT $4`,
        [orgId, clientId, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS total FROM health_archive_version WHERE org_id = $1 AND client_id = $2`, [
        orgId,
        clientId,
      ]),
    ]);
    return [rows.map(toVersionRow), Number(count[0].total)];
  }
}
