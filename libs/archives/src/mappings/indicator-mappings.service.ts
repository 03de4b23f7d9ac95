import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normaliseName } from '@health/clinical';
import { Actor, DomainError, JobQueues, Page, PageQueryDto, pageOf, pageOffset, RequestContext } from '@health/core';
import { orgIdOf } from '@health/iam';
import { ExamReportsService } from '../exam-reports/exam-reports.service';
import { ExamReportRepository, PendingCursor } from '../exam-reports/exam-report.repository';
import { IndicatorDictionaryService } from '../indicators/indicator-dictionary.service';
import {
  CreatedIndicatorMappingDto,
  CreateIndicatorMappingDto,
  IndicatorMappingDto,
  ListIndicatorMappingsQueryDto,
  UnmappedItemNameDto,
} from './dto/indicator-mapping.dto';
import { IndicatorMappingRepository, isDuplicateMapping, MappingRow } from './indicator-mapping.repository';
import { ReprocessMappingJob } from './indicator-mappings.jobs';

/** Up to this many stored raw items are re-processed in the request; more go to a worker job. */
export const INLINE_REPROCESS_LIMIT = 500;

/** Raw items per transaction of the re-processing job. */
const REPROCESS_BATCH = 500;

function toDto(row: MappingRow): IndicatorMappingDto {
  return {
    id: row.id,
    source: row.source,
    name: row.name,
    categoryContext: row.categoryContext,
    code: row.code,
    textOnly: row.textOnly,
    reprocessing: row.reprocessing,
    createdBy: { type: row.actorType, id: row.actorId, displayName: row.actorName },
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The organisation's own item mappings (step 6 of indicators.md) and the workbench that shows what
 * still needs one. Saving a mapping re-processes every stored raw item with that source and name in
 * the same transaction, so the mapping and its effect appear together.
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
    const [rows, total] = await this.mappings.list(orgIdOf(actor), query.source, pageOffset(query), query.pageSize);
    return pageOf(rows.map(toDto), total, query);
  }

  async unmapped(actor: Actor, query: PageQueryDto): Promise<Page<UnmappedItemNameDto>> {
    const [rows, total] = await this.reports.unmappedNames(orgIdOf(actor), pageOffset(query), query.pageSize);
    return pageOf(
      rows.map((row) => ({ ...row, lastSeen: row.lastSeen.toISOString() })),
      total,
      query,
    );
  }

  async create(actor: Actor, dto: CreateIndicatorMappingDto): Promise<CreatedIndicatorMappingDto> {
    const orgId = orgIdOf(actor);
    const nameKey = normaliseName(dto.name);
    const textOnly = dto.textOnly === true;
    const problems = [];
    if (nameKey === '') problems.push({ field: 'name', code: 'isNotEmpty', message: 'name is empty after normalisation' });
    if (textOnly === (dto.code !== undefined)) {
      problems.push({ field: 'code', code: 'exactlyOne', message: 'send either code or textOnly: true' });
    }
    if (dto.code !== undefined && !(await this.dictionary.snapshot(orgId)).byCode.has(dto.code)) {
      problems.push({ field: 'code', code: 'unknownIndicator', message: `no indicator ${dto.code} in the dictionary` });
    }
    if (problems.length > 0) throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', problems);

    try {
      const { id, reprocessedItems, queued } = await this.dataSource.transaction(async (manager) => {
        // Waits for reports of this source being ingested, so re-processing sees their raw items.
        await this.mappings.lockSource(manager, orgId, dto.source, 'exclusive');
        const inJob = (await this.reports.countPendingItems(manager, orgId, dto.source, nameKey)) > INLINE_REPROCESS_LIMIT;
        const mappingId = await this.mappings.insert(manager, orgId, {
          source: dto.source,
          name: dto.name.trim(),
          nameKey,
          categoryContext: normaliseName(dto.categoryContext ?? ''),
          code: dto.code ?? null,
          textOnly,
          reprocessing: inJob ? 'queued' : 'done',
          actorType: actor.type,
          actorId: actor.id,
        });
        const resolved = inJob
          ? 0
          : (await this.examReports.reprocess(manager, orgId, dto.source, nameKey, { limit: INLINE_REPROCESS_LIMIT })).resolved;
        return { id: mappingId, reprocessedItems: resolved, queued: inJob };
      });
      // After the commit; with Redis down the reconciler enqueues it later.
      if (queued) await this.queues.enqueueIfAvailable(ReprocessMappingJob, { mappingId: id }, { jobId: id });
      const saved = await this.mappings.find(orgId, id);
      if (saved === null) throw DomainError.notFound('INDICATOR_MAPPING_NOT_FOUND', 'Mapping not found');
      return { ...toDto(saved), reprocessedItems };
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
   * The worker's part for a mapping with many raw items: batches of at most 500 items, each its own
   * transaction, in (report, index) order until none is left; then the mapping is `done`. A retried
   * job starts over, which only meets the items still raw.
   */
  async reprocessQueued(mappingId: string): Promise<void> {
    const mapping = await this.mappings.findById(mappingId);
    if (mapping === null || mapping.reprocessing === 'done') return;
    const actor: Actor = {
      type: 'system',
      id: 'indicator-mapping',
      orgId: mapping.orgId,
      permissions: new Set(),
      isPlatformAdmin: false,
    };
    await RequestContext.run({ requestId: `reprocess-mapping-${mappingId}`, actor }, async () => {
      let after: PendingCursor | undefined;
      for (;;) {
        const { next } = await this.dataSource.transaction((manager) =>
          this.examReports.reprocess(manager, mapping.orgId, mapping.source, mapping.nameKey, {
            ...(after === undefined ? {} : { after }),
            limit: REPROCESS_BATCH,
          }),
        );
        if (next === null) break;
        after = next;
      }
    });
    await this.mappings.markReprocessed(mappingId);
  }
}
