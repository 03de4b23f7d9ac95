import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ageAtExam, type Comparator, type IndicatorDefinition, type Subject } from '@health/clinical';
import {
  Actor,
  AppConfig,
  AuditService,
  calendarDateIn,
  DomainError,
  ErrorDetail,
  IdempotencyService,
  OutboxWriter,
  Page,
  pageOf,
  pageOffset,
  requestHash,
  StoredResponse,
} from '@health/core';
import { calendarDate, checkIdNumber, checkMobile, ClientFacts, ClientsService } from '@health/cards';
import { orgIdOf } from '@health/iam';
import { ReportIngested, ReportReprocessed } from '../archives.events';
import { displayDecimals } from '../indicators/display-precision';
import { DictionarySnapshot, IndicatorDictionaryService } from '../indicators/indicator-dictionary.service';
import { IndicatorMappingRepository } from '../mappings/indicator-mapping.repository';
import { mappingLookup } from '../mappings/mapping-lookup';
import { NewObservation, ObservationWriterRepository } from '../observations/observation-writer.repository';
import {
  ExamReportDto,
  ExamReportIngestedDto,
  ExamReportSummaryDto,
  IngestedItemDto,
  IngestExamReportDto,
  ListExamReportsQueryDto,
  ReportItemDto,
  ReportItemGroupDto,
} from './dto/exam-report.dto';
import {
  ExamReportRepository,
  isDuplicateReport,
  NewReportItem,
  PendingCursor,
  PendingItem,
  ReportItemRow,
  ReportRow,
  ReprocessScope,
} from './exam-report.repository';
import { displayValue, ItemInput, MappingLookup, processItem, ProcessedItem, readItems } from './report-items';

/** The operation name `Idempotency-Key`s of ingestion are stored under. */
const INGEST_OPERATION = 'ingestExamReport';
const NO_CATEGORY = '其他';

function invalid(details: ErrorDetail[]): DomainError {
  return DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', details);
}

function reportNotFound(): DomainError {
  return DomainError.notFound('EXAM_REPORT_NOT_FOUND', 'Exam report not found');
}

interface Dictionary {
  snapshot: DictionarySnapshot;
  lookup: MappingLookup;
}

/** Interprets every item for one person; any item that maps but cannot be read → 400 naming it. */
function interpretAll(items: readonly ItemInput[], dictionary: Dictionary, subject: Subject): ProcessedItem[] {
  const problems: ErrorDetail[] = [];
  const processed = items.map((input, index) => {
    const { item, problem } = processItem(index, input, dictionary.snapshot, dictionary.lookup, subject);
    if (problem !== undefined) problems.push(problem);
    return item;
  });
  if (problems.length > 0) throw invalid(problems);
  return processed;
}

function isAbnormal(item: ProcessedItem): boolean {
  return item.verdict !== undefined && item.verdict !== 'normal';
}

function toNewItem(item: ProcessedItem, problem: string | null = null): NewReportItem {
  const { input } = item;
  return {
    index: item.index,
    name: input.name,
    nameKey: item.nameKey,
    category: input.category ?? null,
    senderCode: input.code ?? null,
    value: input.value,
    unit: input.unit ?? null,
    referenceRange: input.referenceRange ?? null,
    flag: input.flag ?? null,
    status: item.status,
    code: item.definition?.code ?? null,
    mappingId: item.mappingId ?? null,
    problem,
  };
}

/** Whether a re-processed item ends up stored as it already is (nothing to write). */
function unchanged(stored: PendingItem, next: NewReportItem): boolean {
  return (
    stored.status === next.status &&
    stored.code === next.code &&
    stored.mappingId === next.mappingId &&
    stored.problem === next.problem
  );
}

/**
 * Whether the item's observation must be rewritten: it gains or loses one, or the indicator
 * changes. An item that stays mapped to the same indicator keeps its observation, with the verdict
 * and interval of when it was stored, even if another mapping now resolves it.
 */
function observationChanges(stored: PendingItem, next: NewReportItem): boolean {
  return (stored.status === 'mapped') !== (next.status === 'mapped') || (next.status === 'mapped' && stored.code !== next.code);
}

function toObservation(
  item: ProcessedItem,
  context: { orgId: string; clientId: string; examDate: string; reportId: string },
): NewObservation[] {
  const { definition, value, verdict } = item;
  if (item.status !== 'mapped' || definition === undefined || value === undefined || verdict === undefined) return [];
  return [
    {
      orgId: context.orgId,
      clientId: context.clientId,
      code: definition.code,
      measuredOn: context.examDate,
      valueType: value.kind,
      valueNum: value.kind === 'numeric' ? value.value : null,
      comparator: value.kind === 'numeric' ? (value.comparator ?? null) : null,
      valueText: value.kind === 'ordinal' ? value.grade : value.kind === 'text' ? value.text : null,
      unit: definition.unit,
      verdict,
      referenceLow: item.interval?.low ?? null,
      referenceHigh: item.interval?.high ?? null,
      referenceText: definition.valueType === 'numeric' ? null : definition.refText,
      source: 'exam-report',
      reportId: context.reportId,
      itemIndex: item.index,
    },
  ];
}

function toIngestedItem(item: ProcessedItem): IngestedItemDto {
  return {
    index: item.index,
    name: item.input.name,
    code: item.definition?.code ?? null,
    value: item.value === undefined ? item.input.value : displayValue(item.value),
    unit: item.definition?.unit ?? '',
    abnormal: item.verdict ?? null,
  };
}

function storedValue(row: ReportItemRow): string | null {
  if (row.valueType === null) return null;
  if (row.valueType === 'numeric' && row.valueNum !== null) {
    return displayValue({
      kind: 'numeric',
      value: row.valueNum,
      ...(row.comparator ? { comparator: row.comparator as Comparator } : {}),
    });
  }
  return row.valueText;
}

function toSummary(row: ReportRow): ExamReportSummaryDto {
  return {
    id: row.id,
    clientId: row.clientId,
    clientName: row.clientName,
    source: row.source,
    externalId: row.externalId,
    examDate: row.examDate,
    institution: row.institution,
    status: row.status,
    itemCount: row.itemCount,
    abnormalCount: row.abnormalCount,
    unmappedCount: row.unmappedCount,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Exam reports (同步检查报告数据): ingestion as API.md specifies it, the report list and detail,
 * and re-processing of raw items once the organisation maps their name.
 */
@Injectable()
export class ExamReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ExamReportRepository,
    private readonly observations: ObservationWriterRepository,
    private readonly mappings: IndicatorMappingRepository,
    private readonly dictionary: IndicatorDictionaryService,
    private readonly clients: ClientsService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxWriter,
    private readonly config: AppConfig,
  ) {}

  /**
   * One transaction: the key, the client (matched or created), the report, its items, the
   * observations, the audit row and `report.ingested`. Answers 201 for a new report and 200 with
   * the stored report for a replay of the same `(source, externalId)` and content.
   */
  async ingest(
    actor: Actor,
    dto: IngestExamReportDto,
    rawKey: string | undefined,
  ): Promise<StoredResponse<ExamReportIngestedDto>> {
    const orgId = orgIdOf(actor);
    const key = this.idempotency.parseKey(rawKey);
    const items = this.checkRequest(dto);
    const hash = requestHash(dto);
    const snapshot = await this.dictionary.snapshot(orgId);

    const attempt = () =>
      this.dataSource.transaction(async (manager): Promise<StoredResponse<ExamReportIngestedDto>> => {
        if (key !== undefined) {
          const claim = await this.idempotency.claim<ExamReportIngestedDto>(manager, orgId, INGEST_OPERATION, key, hash);
          if (claim.replay) return claim.response;
        }
        // Shared with other reports of the source, exclusive against a new mapping of it: either this
        // report sees the mapping, or the mapping's re-processing sees this report's raw items.
        await this.mappings.lockSource(manager, orgId, dto.source, 'shared');
        const lookup = mappingLookup(await this.mappings.forSource(orgId, dto.source, manager));
        const response = await this.store(manager, actor, orgId, dto, items, hash, { snapshot, lookup });
        if (key !== undefined) await this.idempotency.complete(manager, orgId, INGEST_OPERATION, key, response);
        // Last: appending to the organisation's audit chain holds its lock until the commit, and
        // every report of the organisation waits for it, so that window is kept as short as possible.
        if (response.statusCode === 201) {
          await this.audit.record({ action: INGEST_OPERATION, targetType: 'exam_report', targetId: response.body.id }, manager);
        }
        return response;
      });
    try {
      return await attempt();
    } catch (err) {
      // A concurrent request stored the same report or created the same client first: once more,
      // its rows are visible and the replay or match path answers.
      if (isDuplicateReport(err) || (err instanceof DomainError && err.code === 'CLIENT_DUPLICATE_ID_NUMBER')) return attempt();
      throw err;
    }
  }

  async list(actor: Actor, query: ListExamReportsQueryDto): Promise<Page<ExamReportSummaryDto>> {
    const [rows, total] = await this.reports.list(
      orgIdOf(actor),
      {
        clientId: query.clientId,
        from: query.from,
        to: query.to,
        source: query.source,
        status: query.status,
        abnormal: query.abnormal,
        sort: query.sort ?? '-examDate',
      },
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(rows.map(toSummary), total, query);
  }

  /** Audited as `exam_report.read`: a report is health data of a person. */
  async get(actor: Actor, id: string): Promise<ExamReportDto> {
    const orgId = orgIdOf(actor);
    const report = await this.reports.findReport(orgId, id);
    if (report === null) throw reportNotFound();
    const rows = await this.reports.findItems(report.id);
    const definitions = new Map((await this.dictionary.snapshot(orgId)).rows.map((row) => [row.code, row.definition]));
    const groups: ReportItemGroupDto[] = [];
    for (const row of rows) {
      const definition = row.code === null ? undefined : definitions.get(row.code);
      const category = row.category?.trim() || definition?.category || NO_CATEGORY;
      let group = groups.find((candidate) => candidate.category === category);
      if (group === undefined) {
        group = { category, items: [] };
        groups.push(group);
      }
      group.items.push(this.toItemDto(row, definition));
    }
    await this.audit.record({ action: 'exam_report.read', targetType: 'exam_report', targetId: report.id });
    return {
      ...toSummary(report),
      conclusions: report.conclusions,
      groups,
      unmapped: rows.filter((row) => row.status === 'unmapped').map((row) => row.name),
    };
  }

  /**
   * After the mappings of `(source, nameKey)` changed (one created, changed or deleted): interprets
   * again the stored items of the scope — those still raw and those a mapping of the name resolved —
   * with the mappings as they are now (one batch of at most `limit`, after `after`). Items whose
   * outcome differs are updated, their observations written or removed, the report's counts and
   * status refreshed (`needs_mapping` again when an item is raw again), and `report.reprocessed`
   * emitted per report whose observations or status changed. A mapped item whose value cannot be
   * read stays raw with the reason in `problem`. Returns how many items became observations or
   * text-only (`resolved`), how many were stored differently (`changed`), and where the batch ended
   * (null when there was nothing left).
   */
  async reprocess(
    manager: EntityManager,
    orgId: string,
    scope: ReprocessScope,
    page: { after?: PendingCursor; limit: number },
  ): Promise<{ resolved: number; changed: number; next: PendingCursor | null }> {
    const pending = await this.reports.lockPendingItems(manager, orgId, scope, page);
    if (pending.length === 0) return { resolved: 0, changed: 0, next: null };
    const snapshot = await this.dictionary.snapshot(orgId, manager);
    const lookup = mappingLookup(await this.mappings.forSource(orgId, scope.source, manager));
    const byReport = new Map<string, typeof pending>();
    for (const item of pending) byReport.set(item.reportId, [...(byReport.get(item.reportId) ?? []), item]);

    let resolved = 0;
    let changed = 0;
    for (const [reportId, items] of byReport) {
      const { clientId, examDate } = items[0];
      const client = await this.clients.factsOf(clientId, manager);
      const subject = this.subjectOf(client, examDate);
      const updates: NewReportItem[] = [];
      const removed: number[] = [];
      const observations: NewObservation[] = [];
      let countsChange = false;
      for (const stored of items) {
        const input: ItemInput = {
          name: stored.name,
          value: stored.value,
          ...(stored.unit === null ? {} : { unit: stored.unit }),
          ...(stored.category === null ? {} : { category: stored.category }),
        };
        const { item, problem } = processItem(stored.index, input, snapshot, lookup, subject);
        const next = toNewItem(item, problem?.message ?? null);
        if (unchanged(stored, next)) continue;
        updates.push(next);
        if (next.status !== 'unmapped') resolved += 1;
        if ((stored.status === 'unmapped') !== (next.status === 'unmapped')) countsChange = true;
        if (!observationChanges(stored, next)) continue;
        countsChange = true;
        if (stored.status === 'mapped') removed.push(stored.index);
        observations.push(...toObservation(item, { orgId, clientId, examDate, reportId }));
      }
      if (updates.length === 0) continue;
      changed += updates.length;
      await this.reports.updateItems(manager, reportId, updates);
      if (!countsChange) continue;
      await this.observations.deleteForItems(manager, reportId, removed);
      await this.observations.insertMany(manager, observations);
      const { abnormalCodes } = await this.reports.refreshCounts(manager, reportId);
      await this.outbox.append(manager, {
        event: ReportReprocessed,
        orgId,
        aggregateId: reportId,
        payload: { reportId, clientId, abnormalCodes },
      });
    }
    const last = pending[pending.length - 1];
    return { resolved, changed, next: { reportId: last.reportId, index: last.index } };
  }

  private async store(
    manager: EntityManager,
    actor: Actor,
    orgId: string,
    dto: IngestExamReportDto,
    items: ItemInput[],
    hash: string,
    dictionary: Dictionary,
  ): Promise<StoredResponse<ExamReportIngestedDto>> {
    const existing = await this.reports.findBySourceAndExternalId(orgId, dto.source, dto.externalId, manager);
    if (existing !== null) {
      if (existing.contentHash !== hash) {
        throw DomainError.conflict(
          'EXAM_REPORT_CONFLICT',
          'A different report with this source and externalId is already stored',
          [{ field: 'externalId', code: 'existingReportId', message: existing.id }],
        );
      }
      return { statusCode: 200, body: await this.ingestedResponse(orgId, existing.id, manager) };
    }

    const client = await this.resolveClient(manager, actor, dto);
    const processed = interpretAll(items, dictionary, this.subjectOf(client, dto.examDate));

    const unmapped = processed.filter((item) => item.status === 'unmapped');
    const abnormalCodes = [...new Set(processed.filter(isAbnormal).map((item) => item.definition?.code ?? ''))].sort();
    const reportId = await this.reports.insertReport(manager, {
      orgId,
      clientId: client.id,
      source: dto.source,
      externalId: dto.externalId,
      examDate: dto.examDate,
      institution: dto.institution ?? null,
      conclusions: dto.conclusions ?? [],
      status: unmapped.length > 0 ? 'needs_mapping' : 'processed',
      contentHash: hash,
      itemCount: processed.length,
      unmappedCount: unmapped.length,
      abnormalCount: processed.filter(isAbnormal).length,
    });
    await this.reports.insertItems(
      manager,
      orgId,
      dto.source,
      reportId,
      processed.map((item) => toNewItem(item)),
    );
    const context = { orgId, clientId: client.id, examDate: dto.examDate, reportId };
    await this.observations.insertMany(
      manager,
      processed.flatMap((item) => toObservation(item, context)),
    );
    await this.outbox.append(manager, {
      event: ReportIngested,
      orgId,
      aggregateId: reportId,
      payload: { reportId, clientId: client.id, abnormalCodes },
    });
    return {
      statusCode: 201,
      body: {
        id: reportId,
        clientId: client.id,
        examDate: dto.examDate,
        status: unmapped.length > 0 ? 'needs_mapping' : 'processed',
        items: processed.filter((item) => item.status !== 'unmapped').map(toIngestedItem),
        unmapped: unmapped.map((item) => item.input.name),
      },
    };
  }

  /** The 201 body rebuilt from what is stored (for a replay of the same report). */
  private async ingestedResponse(orgId: string, reportId: string, manager: EntityManager): Promise<ExamReportIngestedDto> {
    const report = await this.reports.findReport(orgId, reportId, manager);
    if (report === null) throw reportNotFound();
    const rows = await this.reports.findItems(reportId, manager);
    return {
      id: report.id,
      clientId: report.clientId,
      examDate: report.examDate,
      status: report.status,
      items: rows
        .filter((row) => row.status !== 'unmapped')
        .map((row) => ({
          index: row.index,
          name: row.name,
          code: row.code,
          value: storedValue(row) ?? row.value,
          unit: row.canonicalUnit ?? '',
          abnormal: (row.verdict as IngestedItemDto['abnormal']) ?? null,
        })),
      unmapped: rows.filter((row) => row.status === 'unmapped').map((row) => row.name),
    };
  }

  private toItemDto(row: ReportItemRow, definition: IndicatorDefinition | undefined): ReportItemDto {
    const numeric = row.valueType === 'numeric';
    return {
      index: row.index,
      name: row.name,
      status: row.status,
      code: row.code,
      indicatorName: definition?.nameZh ?? null,
      indicatorNameEn: definition?.nameEn ?? null,
      value: storedValue(row),
      numericValue: numeric ? row.valueNum : null,
      comparator: numeric ? row.comparator || null : null,
      unit: row.canonicalUnit ?? '',
      decimals: numeric && definition !== undefined ? displayDecimals(definition) : null,
      verdict: row.verdict,
      reference: row.valueType === null ? null : { low: row.referenceLow, high: row.referenceHigh, text: row.referenceText },
      sender: { value: row.value, unit: row.unit, referenceRange: row.referenceRange, flag: row.flag, code: row.senderCode },
      problem: row.problem,
    };
  }

  /**
   * `clientId` as sent, the client matching the sent identity, or a new client (API.md: only from a
   * name with an ID number or a phone), all in the report's transaction: a refused report leaves
   * no client behind.
   */
  private async resolveClient(manager: EntityManager, actor: Actor, dto: IngestExamReportDto): Promise<ClientFacts> {
    if (dto.clientId !== undefined) return this.clients.factsOf(dto.clientId, manager);
    const client = dto.client;
    if (client === undefined) throw invalid([{ field: 'client', code: 'required', message: 'send client or clientId' }]);
    const identity = {
      name: client.name,
      ...(client.idNumber ? { idNumber: client.idNumber } : {}),
      ...(client.phone ? { phone: client.phone } : {}),
    };
    const found = await this.clients.findByIdentity(identity, manager);
    if (found !== null) return found;
    if (!client.idNumber && !client.phone) {
      throw DomainError.unprocessable(
        'CLIENT_NOT_MATCHED',
        'No client matches, and a client is only created from a name with an ID number or a phone',
      );
    }
    const created = await this.clients.create(
      actor,
      { ...identity, gender: client.gender, birthDate: client.birthDate, sourceChannel: `体检报告:${dto.source}`.slice(0, 50) },
      manager,
    );
    return { id: created.id, gender: created.gender, birthDate: created.birthDate };
  }

  private subjectOf(client: Pick<ClientFacts, 'gender' | 'birthDate'>, examDate: string): Subject {
    const age = ageAtExam(client.birthDate, examDate);
    return { sex: client.gender, ...(age === undefined ? {} : { age }) };
  }

  /**
   * Everything that can be refused before touching the database, collected into one 400: item
   * shapes, dates that cannot exist or lie in the future, ID number checksum and agreement with
   * birth date and sex, the mobile number, and exactly one of `client` and `clientId`.
   */
  private checkRequest(dto: IngestExamReportDto): ItemInput[] {
    const today = calendarDateIn(this.config.tzDefault);
    const problems: ErrorDetail[] = [];
    const read = readItems(dto.items);
    if (!read.ok) problems.push(...read.problems);

    const realDate = (text: string) => {
      const [year, month, day] = text.split('-').map(Number);
      return calendarDate(year, month, day) !== null;
    };
    if (!realDate(dto.examDate) || dto.examDate < '1900-01-01' || dto.examDate > today) {
      problems.push({ field: 'examDate', code: 'impossibleDate', message: 'examDate must be a real date, not in the future' });
    }
    if ((dto.client === undefined) === (dto.clientId === undefined)) {
      problems.push({ field: 'client', code: 'exactlyOne', message: 'send either client or clientId' });
    }
    const client = dto.client;
    if (client !== undefined) {
      if (
        !realDate(client.birthDate) ||
        client.birthDate < '1900-01-01' ||
        client.birthDate > today ||
        client.birthDate > dto.examDate
      ) {
        problems.push({
          field: 'client.birthDate',
          code: 'impossibleDate',
          message: 'client.birthDate must be a real date, not after today or the exam',
        });
      } else if (client.idNumber !== undefined) {
        const checked = checkIdNumber('resident_id', client.idNumber, client, today);
        if (!checked.ok)
          problems.push({ field: 'client.idNumber', code: checked.problem, message: `client.idNumber ${checked.reason}` });
      }
      if (client.phone !== undefined) {
        const checked = checkMobile(client.phone);
        if (!checked.ok)
          problems.push({ field: 'client.phone', code: checked.problem, message: `client.phone ${checked.reason}` });
      }
    }
    if (problems.length > 0) throw invalid(problems);
    return read.ok ? read.items : [];
  }
}
