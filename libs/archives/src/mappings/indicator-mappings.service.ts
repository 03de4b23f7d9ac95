import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { normaliseName } from '@health/clinical';
import { Actor, DomainError, ErrorDetail, JobQueues, Page, PageQueryDto, pageOf, pageOffset, RequestContext } from '@health/core';
import { orgIdOf } from '@health/iam';
import { ExamReportsService } from '../exam-reports/exam-reports.service';
import { ExamReportRepository, PendingCursor, ReprocessScope } from '../exam-reports/exam-report.repository';
import { DictionarySnapshot, IndicatorDictionaryService } from '../indicators/indicator-dictionary.service';
import {
  ChangedIndicatorMappingDto,
  CreatedIndicatorMappingDto,
  CreateIndicatorMappingDto,
  DeleteIndicatorMappingQueryDto,
  IndicatorMappingDto,
  IndicatorMappingVersionDto,
  ListIndicatorMappingsQueryDto,
  UnmappedItemNameDto,
  UpdateIndicatorMappingDto,
} from './dto/indicator-mapping.dto';
import { IndicatorMappingRepository, isDuplicateMapping, MappingRow } from './indicator-mapping.repository';
import { reprocessJobId, ReprocessMappingJob } from './indicator-mappings.jobs';

/** Up to this many stored items are re-processed in the request; more go to a worker job. */
export const INLINE_REPROCESS_LIMIT = 500;

/** Items per transaction of the re-processing job. */
const REPROCESS_BATCH = 500;

function mappingNotFound(): DomainError {
  return DomainError.notFound('INDICATOR_MAPPING_NOT_FOUND', 'Mapping not found');
}

function toDto(row: MappingRow, snapshot: DictionarySnapshot, resolvedItems: number): IndicatorMappingDto {
  return {
    id: row.id,
    source: row.source,
    name: row.name,
    categoryContext: row.categoryContext,
    code: row.code,
    textOnly: row.textOnly,
    indicatorStatus: row.code === null ? null : (snapshot.byCode.get(row.code)?.status ?? null),
    reprocessing: row.reprocessing,
    version: row.version,
    resolvedItems,
    createdBy: { type: row.actorType, id: row.actorId, displayName: row.actorName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

interface Target {
  code: string | null;
  textOnly: boolean;
}

/** What a mapping change did, for the response. */
interface Applied {
  id: string;
  reprocessedItems: number;
  /** The version whose re-processing was left to a worker job; undefined when done in the request. */
  queuedVersion?: number;
}

/**
 * The organisation's own item mappings (step 6 of indicators.md) and the workbench that shows what
 * still needs one. Creating, changing or deleting a mapping re-processes the stored items of its
 * source and name in the same transaction (or, for many, in a worker job), so the mapping and its
 * effect appear together. Every change is a version with its author.
 */
@Injectable()
export class IndicatorMappingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mappings: IndicatorMappingRepository,
    private readonly reports: ExamReportRepository,
    private readonly examReports: ExamReportsService,
    private readonly dictionary: IndicatorDictionaryService,
    private readonly queues: JobQueues,
  ) {}

  async list(actor: Actor, query: ListIndicatorMappingsQueryDto): Promise<Page<IndicatorMappingDto>> {
    const orgId = orgIdOf(actor);
    const [[rows, total], snapshot] = await Promise.all([
      this.mappings.list(orgId, query.source, pageOffset(query), query.pageSize),
      this.dictionary.snapshot(orgId),
    ]);
    const counts = await this.reports.resolvedCounts(rows.map((row) => row.id));
    return pageOf(
      rows.map((row) => toDto(row, snapshot, counts.get(row.id) ?? 0)),
      total,
      query,
    );
  }

  async unmapped(actor: Actor, query: PageQueryDto): Promise<Page<UnmappedItemNameDto>> {
    const [rows, total] = await this.reports.unmappedNames(orgIdOf(actor), pageOffset(query), query.pageSize);
    return pageOf(
      rows.map((row) => ({ ...row, lastSeen: row.lastSeen.toISOString() })),
      total,
      query,
    );
  }

  async versions(actor: Actor, id: string, query: PageQueryDto): Promise<Page<IndicatorMappingVersionDto>> {
    const found = await this.mappings.listVersions(orgIdOf(actor), id, pageOffset(query), query.pageSize);
    if (found === null) throw mappingNotFound();
    const [rows, total] = found;
    return pageOf(
      rows.map((row) => ({
        version: row.version,
        changeKind: row.changeKind,
        code: row.code,
        textOnly: row.textOnly,
        actor: { type: row.actorType, id: row.actorId, displayName: row.actorName },
        at: row.createdAt.toISOString(),
      })),
      total,
      query,
    );
  }

  async create(actor: Actor, dto: CreateIndicatorMappingDto): Promise<CreatedIndicatorMappingDto> {
    const orgId = orgIdOf(actor);
    const nameKey = normaliseName(dto.name);
    const problems: ErrorDetail[] = [];
    if (nameKey === '') problems.push({ field: 'name', code: 'isNotEmpty', message: 'name is empty after normalisation' });
    const target = await this.checkTarget(orgId, dto, problems);
    const source = dto.source;

    try {
      const applied = await this.dataSource.transaction(async (manager): Promise<Applied> => {
        // Waits for reports of this source being ingested, so re-processing sees their raw items.
        await this.mappings.lockSource(manager, orgId, source, 'exclusive');
        // The new mapping resolves no item yet: the scope is the same before and after inserting it.
        const before: ReprocessScope = {
          source,
          nameKey,
          mappingIds: await this.mappings.idsForName(manager, orgId, source, nameKey),
        };
        const inJob = (await this.reports.countPendingItems(manager, orgId, before)) > INLINE_REPROCESS_LIMIT;
        const mappingId = await this.mappings.insert(manager, orgId, {
          source,
          name: dto.name.trim(),
          nameKey,
          categoryContext: normaliseName(dto.categoryContext ?? ''),
          ...target,
          reprocessing: inJob ? 'queued' : 'done',
          actorType: actor.type,
          actorId: actor.id,
        });
        await this.mappings.insertVersion(manager, {
          orgId,
          mappingId,
          version: 1,
          changeKind: 'create',
          ...target,
          actorType: actor.type,
          actorId: actor.id,
        });
        if (inJob) return { id: mappingId, reprocessedItems: 0, queuedVersion: 1 };
        const scope = { ...before, mappingIds: [...before.mappingIds, mappingId] };
        const { resolved } = await this.examReports.reprocess(manager, orgId, scope, { limit: INLINE_REPROCESS_LIMIT });
        return { id: mappingId, reprocessedItems: resolved };
      });
      return await this.afterCommit(orgId, applied);
    } catch (err) {
      if (isDuplicateMapping(err)) {
        throw DomainError.conflict(
          'INDICATOR_MAPPING_EXISTS',
          'This source already maps this item name (in this category context)',
        );
      }
      throw err;
    }
  }

  /**
   * A new target for the mapping: another indicator, or text-only, or back from text-only. The
   * stored items of its source and name are re-processed with it: observations it made are
   * rewritten for the new indicator or removed, raw items it can now read are stored. The same
   * target again changes nothing (no version, nothing re-processed).
   */
  async update(actor: Actor, id: string, dto: UpdateIndicatorMappingDto): Promise<ChangedIndicatorMappingDto> {
    const orgId = orgIdOf(actor);
    const target = await this.checkTarget(orgId, dto, []);
    const applied = await this.change(orgId, id, dto.expectedVersion, async (manager, mapping, scope) => {
      if (mapping.code === target.code && mapping.textOnly === target.textOnly) return { id, reprocessedItems: 0 };
      const version = mapping.version + 1;
      const inJob = (await this.reports.countPendingItems(manager, orgId, scope)) > INLINE_REPROCESS_LIMIT;
      await this.mappings.update(manager, id, { ...target, version, reprocessing: inJob ? 'queued' : 'done' });
      await this.mappings.insertVersion(manager, {
        orgId,
        mappingId: id,
        version,
        changeKind: 'update',
        ...target,
        actorType: actor.type,
        actorId: actor.id,
      });
      return this.reprocessInline(manager, orgId, id, version, scope, inJob);
    });
    return this.afterCommit(orgId, applied);
  }

  /**
   * Deletes the mapping: the items it resolved are interpreted again without it — raw again (their
   * observations removed, the report `needs_mapping`, the name back in the workbench), or resolved
   * by another mapping of the name that still applies (one without category context). The row stays
   * for its history and is answered once more with `deletedAt` set.
   */
  async delete(actor: Actor, id: string, query: DeleteIndicatorMappingQueryDto): Promise<ChangedIndicatorMappingDto> {
    const orgId = orgIdOf(actor);
    const applied = await this.change(orgId, id, query.expectedVersion, async (manager, mapping, scope) => {
      const version = mapping.version + 1;
      const inJob = (await this.reports.countPendingItems(manager, orgId, scope)) > INLINE_REPROCESS_LIMIT;
      await this.mappings.markDeleted(manager, id, version, inJob ? 'queued' : 'done');
      await this.mappings.insertVersion(manager, {
        orgId,
        mappingId: id,
        version,
        changeKind: 'delete',
        code: mapping.code,
        textOnly: mapping.textOnly,
        actorType: actor.type,
        actorId: actor.id,
      });
      return this.reprocessInline(manager, orgId, id, version, scope, inJob);
    });
    return this.afterCommit(orgId, applied);
  }

  /**
   * The worker's part for a change with many affected items: batches of at most 500 items, each its
   * own transaction under the source's exclusive lock, in (report, index) order until none is left;
   * then the mapping is `done`. A job of an older version stops as soon as it sees a newer one (whose
   * own re-processing covers the same items); a retried job starts over, which changes only what is
   * still stored differently.
   */
  async reprocessQueued(mappingId: string, version?: number): Promise<void> {
    const mapping = await this.mappings.findById(mappingId);
    if (mapping === null || mapping.reprocessing === 'done') return;
    if (version !== undefined && version !== mapping.version) return;
    const actor: Actor = {
      type: 'system',
      id: 'indicator-mapping',
      orgId: mapping.orgId,
      permissions: new Set(),
      isPlatformAdmin: false,
    };
    const { orgId, source, nameKey } = mapping;
    const finished = await RequestContext.run({ requestId: `reprocess-mapping-${mappingId}`, actor }, async () => {
      let after: PendingCursor | undefined;
      for (;;) {
        const step = await this.dataSource.transaction(async (manager) => {
          await this.mappings.lockSource(manager, orgId, source, 'exclusive');
          if ((await this.mappings.findById(mappingId, manager))?.version !== mapping.version) return 'superseded' as const;
          const scope = { source, nameKey, mappingIds: await this.mappings.idsForName(manager, orgId, source, nameKey) };
          return (
            await this.examReports.reprocess(manager, orgId, scope, {
              ...(after === undefined ? {} : { after }),
              limit: REPROCESS_BATCH,
            })
          ).next;
        });
        if (step === 'superseded') return false;
        if (step === null) return true;
        after = step;
      }
    });
    if (finished) await this.mappings.markReprocessed(mappingId, mapping.version);
  }

  /**
   * Runs a change of one live mapping in a transaction that holds its source exclusively (so no
   * report of the source is stored half-way through) with the mapping row locked and checked
   * against `expectedVersion`; `apply` gets the re-processing scope of its source and name.
   */
  private async change(
    orgId: string,
    id: string,
    expectedVersion: number | undefined,
    apply: (manager: EntityManager, mapping: MappingRow, scope: ReprocessScope) => Promise<Applied>,
  ): Promise<Applied> {
    const found = await this.mappings.find(orgId, id);
    if (found === null) throw mappingNotFound();
    return this.dataSource.transaction(async (manager) => {
      await this.mappings.lockSource(manager, orgId, found.source, 'exclusive');
      const mapping = await this.mappings.find(orgId, id, manager, true);
      if (mapping === null) throw mappingNotFound();
      if (expectedVersion !== undefined && expectedVersion !== mapping.version) {
        throw DomainError.conflict('INDICATOR_MAPPING_VERSION_CONFLICT', 'The mapping was changed by someone else; reload it', [
          { field: 'expectedVersion', code: 'currentVersion', message: String(mapping.version) },
        ]);
      }
      const mappingIds = await this.mappings.idsForName(manager, orgId, mapping.source, mapping.nameKey);
      return apply(manager, mapping, { source: mapping.source, nameKey: mapping.nameKey, mappingIds });
    });
  }

  private async reprocessInline(
    manager: EntityManager,
    orgId: string,
    id: string,
    version: number,
    scope: ReprocessScope,
    inJob: boolean,
  ): Promise<Applied> {
    if (inJob) return { id, reprocessedItems: 0, queuedVersion: version };
    const { changed } = await this.examReports.reprocess(manager, orgId, scope, { limit: INLINE_REPROCESS_LIMIT });
    return { id, reprocessedItems: changed };
  }

  /** Enqueues a left-over re-processing (with Redis down the reconciler does it later) and answers the mapping. */
  private async afterCommit(orgId: string, applied: Applied): Promise<ChangedIndicatorMappingDto> {
    if (applied.queuedVersion !== undefined) {
      await this.queues.enqueueIfAvailable(
        ReprocessMappingJob,
        { mappingId: applied.id, version: applied.queuedVersion },
        { jobId: reprocessJobId(applied.id, applied.queuedVersion) },
      );
    }
    const [saved, snapshot, counts] = await Promise.all([
      this.mappings.findById(applied.id),
      this.dictionary.snapshot(orgId),
      this.reports.resolvedCounts([applied.id]),
    ]);
    if (saved === null || saved.orgId !== orgId) throw mappingNotFound();
    return { ...toDto(saved, snapshot, counts.get(applied.id) ?? 0), reprocessedItems: applied.reprocessedItems };
  }

  /**
   * Exactly one of an indicator code and `textOnly: true`; the code must be in the organisation's
   * dictionary (400 `unknownIndicator`) and not retired (409 `INDICATOR_RETIRED`). Collects into
   * `problems` (with the caller's own) and throws them as one 400.
   */
  private async checkTarget(orgId: string, dto: { code?: string; textOnly?: boolean }, problems: ErrorDetail[]): Promise<Target> {
    const textOnly = dto.textOnly === true;
    if (textOnly === (dto.code !== undefined)) {
      problems.push({ field: 'code', code: 'exactlyOne', message: 'send either code or textOnly: true' });
    }
    const row = dto.code === undefined ? undefined : (await this.dictionary.snapshot(orgId)).byCode.get(dto.code);
    if (dto.code !== undefined && row === undefined) {
      problems.push({ field: 'code', code: 'unknownIndicator', message: `no indicator ${dto.code} in the dictionary` });
    }
    if (problems.length > 0) throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', problems);
    if (row?.status === 'retired') {
      throw DomainError.conflict('INDICATOR_RETIRED', `${row.code} is retired (停用); items can no longer be mapped to it`);
    }
    return { code: dto.code ?? null, textOnly };
  }
}
