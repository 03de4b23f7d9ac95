import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor, AuditService, DomainError, OutboxWriter, Page, pageOf, pageOffset } from '@health/core';
import { ClientsService } from '@health/cards';
import { orgIdOf } from '@health/iam';
import { ArchiveUpdated } from '../archives.events';
import { ArchiveProfile, canonicalProfile, changedPaths, emptyProfile, inconsistencies } from './archive-profile';
import { ArchiveRepository, ArchiveVersionRow, VersionAuthor } from './archive.repository';
import { ArchiveActorDto, ArchiveDto, ArchiveVersionDto, ListArchiveHistoryQueryDto, UpdateArchiveDto } from './dto/archive.dto';

function versionConflict(current: number): DomainError {
  return DomainError.conflict('ARCHIVE_VERSION_CONFLICT', 'The archive was changed by someone else; reload it and edit again', [
    { field: 'expectedVersion', code: 'currentVersion', message: String(current) },
  ]);
}

/** Two first saves of one archive at the same moment: the loser's insert hits the primary key. */
function isConcurrentFirstSave(err: unknown): boolean {
  const driverError = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  return (
    driverError?.code === '23505' &&
    (driverError.constraint === 'health_archive_pkey' || driverError.constraint === 'health_archive_version_unique')
  );
}

function toActorDto(author: VersionAuthor): ArchiveActorDto | null {
  return author.id ? { id: author.id, type: author.type, displayName: author.displayName } : null;
}

function toArchiveDto(clientId: string, current: ArchiveVersionRow | null): ArchiveDto {
  if (!current) return { clientId, version: 0, updatedAt: null, updatedBy: null, profile: emptyProfile() };
  return {
    clientId,
    version: current.version,
    updatedAt: current.createdAt.toISOString(),
    updatedBy: toActorDto(current.author),
    profile: current.profile,
  };
}

/**
 * The health profile (健康档案) of a client: read, replaced as a whole, and versioned. A save that
 * changes nothing creates no version; each version keeps the full snapshot, the changed paths and
 * its author, and announces itself with `archive.updated` in the same transaction.
 */
@Injectable()
export class ArchiveProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly archives: ArchiveRepository,
    private readonly clients: ClientsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(actor: Actor, clientId: string): Promise<ArchiveDto> {
    await this.clients.assertClientExists(clientId);
    const current = await this.archives.findCurrent(orgIdOf(actor), clientId);
    await this.audit.record({ action: 'archive.read', targetType: 'client', targetId: clientId });
    return toArchiveDto(clientId, current);
  }

  async history(actor: Actor, clientId: string, query: ListArchiveHistoryQueryDto): Promise<Page<ArchiveVersionDto>> {
    await this.clients.assertClientExists(clientId);
    const [rows, total] = await this.archives.listVersions(orgIdOf(actor), clientId, pageOffset(query), query.pageSize);
    await this.audit.record({ action: 'archive.history_read', targetType: 'client', targetId: clientId });
    return pageOf(
      rows.map((row) => ({
        version: row.version,
        at: row.createdAt.toISOString(),
        actor: toActorDto(row.author),
        changedPaths: row.changedPaths,
        profile: row.profile,
      })),
      total,
      query,
    );
  }

  async update(actor: Actor, clientId: string, dto: UpdateArchiveDto): Promise<ArchiveDto> {
    const orgId = orgIdOf(actor);
    const profile = canonicalProfile(dto.profile);
    const problems = inconsistencies(profile);
    if (problems.length > 0) {
      throw DomainError.badRequest(
        'VALIDATION_FAILED',
        'Request validation failed',
        problems.map((p) => ({ ...p, field: `profile.${p.field}` })),
      );
    }
    let version: number;
    try {
      version = await this.dataSource.transaction(async (manager) => {
        const gender = await this.clients.genderOf(clientId, manager);
        if (profile.womensHistory && gender !== 'female') {
          throw DomainError.badRequest(
            'WOMENS_HISTORY_NOT_APPLICABLE',
            "Women's history can only be recorded for female clients",
            [{ field: 'profile.womensHistory', code: 'notApplicable', message: 'the client is not female' }],
          );
        }
        return this.saveVersion(manager, actor, orgId, clientId, profile, dto.expectedVersion);
      });
    } catch (err) {
      if (isConcurrentFirstSave(err)) throw versionConflict((await this.archives.findCurrent(orgId, clientId))?.version ?? 0);
      throw err;
    }
    return toArchiveDto(clientId, version === 0 ? null : await this.archives.findVersion(orgId, clientId, version));
  }

  /** Returns the new version number, or the current one when the profile is unchanged (no version, no event). */
  private async saveVersion(
    manager: EntityManager,
    actor: Actor,
    orgId: string,
    clientId: string,
    profile: ArchiveProfile,
    expectedVersion: number | undefined,
  ): Promise<number> {
    const current = await this.archives.lockCurrent(manager, orgId, clientId);
    const currentVersion = current?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== currentVersion) throw versionConflict(currentVersion);
    const paths = changedPaths(current?.profile ?? emptyProfile(), profile);
    if (paths.length === 0) return currentVersion;

    const version = currentVersion + 1;
    await this.archives.saveCurrent(manager, { orgId, clientId, version, profile }, !current);
    await this.archives.insertVersion(manager, {
      orgId,
      clientId,
      version,
      profile,
      changedPaths: paths,
      actorType: actor.type,
      actorId: actor.id,
    });
    await this.outbox.append(manager, { event: ArchiveUpdated, orgId, aggregateId: clientId, payload: { clientId, version } });
    return version;
  }
}
