import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { ExamReportSort, ReportStatus } from './dto/exam-report.dto';
import type { ItemStatus } from './report-items';

export interface NewReport {
  orgId: string;
  clientId: string;
  source: string;
  externalId: string;
  examDate: string;
  institution: string | null;
  conclusions: string[];
  status: ReportStatus;
  contentHash: string;
  itemCount: number;
  unmappedCount: number;
  abnormalCount: number;
}

export interface NewReportItem {
  index: number;
  name: string;
  nameKey: string;
  category: string | null;
  senderCode: string | null;
  value: string;
  unit: string | null;
  referenceRange: string | null;
  flag: string | null;
  status: ItemStatus;
  code: string | null;
  /** The organisation's mapping that resolved the item; null when the dictionary did or nothing did. */
  mappingId: string | null;
  problem: string | null;
}

export interface ReportRow {
  id: string;
  orgId: string;
  clientId: string;
  clientName: string;
  source: string;
  externalId: string;
  examDate: string;
  institution: string | null;
  conclusions: string[];
  status: ReportStatus;
  contentHash: string;
  itemCount: number;
  unmappedCount: number;
  abnormalCount: number;
  createdAt: Date;
}

/** An item joined with its observation (when it has one). */
export interface ReportItemRow extends NewReportItem {
  valueType: string | null;
  valueNum: number | null;
  comparator: string | null;
  valueText: string | null;
  canonicalUnit: string | null;
  verdict: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  referenceText: string | null;
}

export interface ReportListFilter {
  clientId?: string;
  from?: string;
  to?: string;
  source?: string;
  status?: ReportStatus;
  abnormal?: boolean;
  sort: ExamReportSort;
}

/** Where a batch of re-processing stopped. */
export interface PendingCursor {
  reportId: string;
  index: number;
}

/**
 * The stored items a change to the mappings of one source and name may affect: those still raw, and
 * those one of the name's mappings resolved.
 */
export interface ReprocessScope {
  source: string;
  nameKey: string;
  /** Every mapping of the source and name, live or deleted. */
  mappingIds: readonly string[];
}

/** An item a mapping change may affect: how it was printed, how it is stored, and its report. */
export interface PendingItem {
  reportId: string;
  clientId: string;
  examDate: string;
  index: number;
  name: string;
  category: string | null;
  value: string;
  unit: string | null;
  status: ItemStatus;
  code: string | null;
  mappingId: string | null;
  problem: string | null;
}

/** Items of the scope: raw ones through the workbench's partial index, mapped ones through `mapping_id`'s. */
const IN_SCOPE = `((i.org_id = $1 AND i.source = $2 AND i.name_key = $3 AND i.status = 'unmapped')
                   OR i.mapping_id = ANY($4::uuid[]))`;

export interface UnmappedName {
  source: string;
  nameKey: string;
  name: string;
  count: number;
  reports: number;
  examples: string[];
  categories: string[];
  lastSeen: Date;
}

interface UnmappedNameSqlRow {
  source: string;
  name_key: string;
  name: string;
  count: string;
  reports: string;
  examples: string[];
  categories: string[] | null;
  last_seen: Date;
}

const REPORT_COLUMNS = `r.id, r.org_id, r.client_id, c.name AS client_name, r.source, r.external_id,
  to_char(r.exam_date, 'YYYY-MM-DD') AS exam_date, r.institution, r.conclusions, r.status, r.content_hash,
  r.item_count, r.unmapped_count, r.abnormal_count, r.created_at`;

interface ReportSqlRow {
  id: string;
  org_id: string;
  client_id: string;
  client_name: string;
  source: string;
  external_id: string;
  exam_date: string;
  institution: string | null;
  conclusions: string[];
  status: ReportStatus;
  content_hash: string;
  item_count: number;
  unmapped_count: number;
  abnormal_count: number;
  created_at: Date;
}

const toReport = (row: ReportSqlRow): ReportRow => ({
  id: row.id,
  orgId: row.org_id,
  clientId: row.client_id,
  clientName: row.client_name,
  source: row.source,
  externalId: row.external_id,
  examDate: row.exam_date,
  institution: row.institution,
  conclusions: row.conclusions,
  status: row.status,
  contentHash: row.content_hash.trim(),
  itemCount: row.item_count,
  unmappedCount: row.unmapped_count,
  abnormalCount: row.abnormal_count,
  createdAt: row.created_at,
});

const SORT_SQL: Readonly<Record<ExamReportSort, string>> = {
  examDate: 'r.exam_date ASC, r.id ASC',
  '-examDate': 'r.exam_date DESC, r.id DESC',
  createdAt: 'r.created_at ASC, r.id ASC',
  '-createdAt': 'r.created_at DESC, r.id DESC',
};

/** A concurrent request stored the same `(source, externalId)` first. */
export function isDuplicateReport(err: unknown): boolean {
  return (
    err instanceof QueryFailedError &&
    (err.driverError as { code?: string }).code === '23505' &&
    (err.driverError as { constraint?: string }).constraint === 'exam_report_source_external_unique'
  );
}

/** The only place that queries `exam_report` and `exam_report_item`. */
@Injectable()
export class ExamReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async findBySourceAndExternalId(
    orgId: string,
    source: string,
    externalId: string,
    manager?: EntityManager,
  ): Promise<{ id: string; contentHash: string } | null> {
    const rows: { id: string; content_hash: string }[] = await this.manager(manager).query(
      `SELECT id, content_hash FROM exam_report WHERE org_id = $1 AND source = $2 AND external_id = $3`,
      [orgId, source, externalId],
    );
    return rows.length > 0 ? { id: rows[0].id, contentHash: rows[0].content_hash.trim() } : null;
  }

  async insertReport(manager: EntityManager, report: NewReport): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO exam_report (org_id, client_id, source, external_id, exam_date, institution, conclusions, status,
                                content_hash, item_count, unmapped_count, abnormal_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING id`,
      [
        report.orgId,
        report.clientId,
        report.source,
        report.externalId,
        report.examDate,
        report.institution,
        report.conclusions,
        report.status,
        report.contentHash,
        report.itemCount,
        report.unmappedCount,
        report.abnormalCount,
      ],
    );
    return rows[0].id;
  }

  async insertItems(
    manager: EntityManager,
    orgId: string,
    source: string,
    reportId: string,
    items: readonly NewReportItem[],
  ): Promise<void> {
    const column = <K extends keyof NewReportItem>(key: K) => items.map((item) => item[key]);
    await manager.query(
      `INSERT INTO exam_report_item (report_id, org_id, source, item_index, name, name_key, category, sender_code, value,
                                     unit, reference_range, flag, status, code, problem, mapping_id)
       SELECT $1, $2, $3, * FROM unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                                       $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                                       $16::uuid[])`,
      [
        reportId,
        orgId,
        source,
        column('index'),
        column('name'),
        column('nameKey'),
        column('category'),
        column('senderCode'),
        column('value'),
        column('unit'),
        column('referenceRange'),
        column('flag'),
        column('status'),
        column('code'),
        column('problem'),
        column('mappingId'),
      ],
    );
  }

  async findReport(orgId: string, id: string, manager?: EntityManager): Promise<ReportRow | null> {
    const rows: ReportSqlRow[] = await this.manager(manager).query(
      `SELECT ${REPORT_COLUMNS} FROM exam_report r JOIN client c ON c.id = r.client_id WHERE r.org_id = $1 AND r.id = $2`,
      [orgId, id],
    );
    return rows.length > 0 ? toReport(rows[0]) : null;
  }

  async findItems(reportId: string, manager?: EntityManager): Promise<ReportItemRow[]> {
    return this.manager(manager).query(
      `SELECT i.item_index AS "index", i.name, i.name_key AS "nameKey", i.category, i.sender_code AS "senderCode",
              i.value, i.unit, i.reference_range AS "referenceRange", i.flag, i.status, i.code, i.problem,
              i.mapping_id AS "mappingId",
              o.value_type AS "valueType", o.value_num AS "valueNum", o.comparator, o.value_text AS "valueText",
              o.unit AS "canonicalUnit", o.verdict, o.reference_low AS "referenceLow",
              o.reference_high AS "referenceHigh", o.reference_text AS "referenceText"
         FROM exam_report_item i
         LEFT JOIN observation o ON o.report_id = i.report_id AND o.item_index = i.item_index
        WHERE i.report_id = $1
        ORDER BY i.item_index`,
      [reportId],
    );
  }

  async list(orgId: string, filter: ReportListFilter, offset: number, limit: number): Promise<[ReportRow[], number]> {
    const conditions = ['r.org_id = $1'];
    const params: unknown[] = [orgId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.clientId !== undefined) add('r.client_id = ?', filter.clientId);
    if (filter.from !== undefined) add('r.exam_date >= ?', filter.from);
    if (filter.to !== undefined) add('r.exam_date <= ?', filter.to);
    if (filter.source !== undefined) add('r.source = ?', filter.source);
    if (filter.status !== undefined) add('r.status = ?', filter.status);
    if (filter.abnormal !== undefined) conditions.push(filter.abnormal ? 'r.abnormal_count > 0' : 'r.abnormal_count = 0');
    const where = conditions.join(' AND ');
    const [rows, count]: [ReportSqlRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${REPORT_COLUMNS} FROM exam_report r JOIN client c ON c.id = r.client_id
          WHERE ${where} ORDER BY ${SORT_SQL[filter.sort]} OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS total FROM exam_report r WHERE ${where}`, params),
    ]);
    return [rows.map(toReport), Number(count[0].total)];
  }

  /**
   * Items of the scope after `after` in (report, index) order, at most `limit`, with their reports
   * locked until the transaction ends (ingestion of the same report cannot interleave).
   */
  async lockPendingItems(
    manager: EntityManager,
    orgId: string,
    scope: ReprocessScope,
    page: { after?: PendingCursor; limit: number },
  ): Promise<PendingItem[]> {
    return manager.query(
      `SELECT i.report_id AS "reportId", r.client_id AS "clientId", to_char(r.exam_date, 'YYYY-MM-DD') AS "examDate",
              i.item_index AS "index", i.name, i.category, i.value, i.unit, i.status, i.code,
              i.mapping_id AS "mappingId", i.problem
         FROM exam_report_item i
         JOIN exam_report r ON r.id = i.report_id
        WHERE ${IN_SCOPE}
          AND ($5::uuid IS NULL OR (i.report_id, i.item_index) > ($5::uuid, $6::int))
        ORDER BY i.report_id, i.item_index
        LIMIT $7
          FOR UPDATE OF r`,
      [orgId, scope.source, scope.nameKey, scope.mappingIds, page.after?.reportId ?? null, page.after?.index ?? 0, page.limit],
    );
  }

  async countPendingItems(manager: EntityManager, orgId: string, scope: ReprocessScope): Promise<number> {
    const rows: { n: string }[] = await manager.query(`SELECT count(*) AS n FROM exam_report_item i WHERE ${IN_SCOPE}`, [
      orgId,
      scope.source,
      scope.nameKey,
      scope.mappingIds,
    ]);
    return Number(rows[0].n);
  }

  async updateItems(
    manager: EntityManager,
    reportId: string,
    updates: readonly Pick<NewReportItem, 'index' | 'status' | 'code' | 'mappingId' | 'problem'>[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await manager.query(
      `UPDATE exam_report_item i SET status = u.status, code = u.code, mapping_id = u.mapping_id, problem = u.problem
         FROM unnest($2::int[], $3::text[], $4::text[], $5::uuid[], $6::text[])
           AS u (item_index, status, code, mapping_id, problem)
        WHERE i.report_id = $1 AND i.item_index = u.item_index`,
      [
        reportId,
        updates.map((u) => u.index),
        updates.map((u) => u.status),
        updates.map((u) => u.code),
        updates.map((u) => u.mappingId),
        updates.map((u) => u.problem),
      ],
    );
  }

  /** How many stored items each mapping resolves now (what changing or deleting it re-processes). */
  async resolvedCounts(mappingIds: readonly string[]): Promise<Map<string, number>> {
    if (mappingIds.length === 0) return new Map();
    const rows: { mapping_id: string; n: string }[] = await this.dataSource.query(
      `SELECT mapping_id, count(*) AS n FROM exam_report_item WHERE mapping_id = ANY($1::uuid[]) GROUP BY mapping_id`,
      [mappingIds],
    );
    return new Map(rows.map((row) => [row.mapping_id, Number(row.n)]));
  }

  /** Recounts unmapped and abnormal items and sets the status from them; returns the abnormal codes. */
  async refreshCounts(manager: EntityManager, reportId: string): Promise<{ status: ReportStatus; abnormalCodes: string[] }> {
    // A top-level SELECT: TypeORM answers an UPDATE … RETURNING as [rows, count], a SELECT as rows.
    const rows: { status: ReportStatus; abnormal_codes: string[] }[] = await manager.query(
      `WITH counts AS (
         SELECT (SELECT count(*) FROM exam_report_item i WHERE i.report_id = $1 AND i.status = 'unmapped') AS unmapped,
                count(*) FILTER (WHERE o.verdict <> 'normal') AS abnormal,
                coalesce(array_agg(DISTINCT o.indicator_code ORDER BY o.indicator_code)
                           FILTER (WHERE o.verdict <> 'normal'), '{}') AS abnormal_codes
           FROM observation o WHERE o.report_id = $1),
       updated AS (
         UPDATE exam_report r
            SET unmapped_count = counts.unmapped, abnormal_count = counts.abnormal,
                status = CASE WHEN counts.unmapped > 0 THEN 'needs_mapping' ELSE 'processed' END, updated_at = now()
           FROM counts
          WHERE r.id = $1
         RETURNING r.status)
       SELECT updated.status, counts.abnormal_codes FROM updated, counts`,
      [reportId],
    );
    return { status: rows[0].status, abnormalCodes: rows[0].abnormal_codes };
  }

  /** The mapping workbench: unmapped names by source, most frequent first, with up to three recent values. */
  async unmappedNames(orgId: string, offset: number, limit: number): Promise<[UnmappedName[], number]> {
    const [rows, count]: [UnmappedNameSqlRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT i.source, i.name_key, min(i.name) AS name, count(*) AS count, count(DISTINCT i.report_id) AS reports,
                (array_agg(i.value ORDER BY r.created_at DESC))[1:3] AS examples,
                array_agg(DISTINCT i.category) FILTER (WHERE i.category IS NOT NULL) AS categories,
                max(r.created_at) AS last_seen
           FROM exam_report_item i JOIN exam_report r ON r.id = i.report_id
          WHERE i.org_id = $1 AND i.status = 'unmapped'
          GROUP BY i.source, i.name_key
          ORDER BY count(*) DESC, i.source, i.name_key
          OFFSET $2 LIMIT $3`,
        [orgId, offset, limit],
      ),
      this.dataSource.query(
        `SELECT count(*) AS total FROM (SELECT 1 FROM exam_report_item WHERE org_id = $1 AND status = 'unmapped'
          GROUP BY source, name_key) g`,
        [orgId],
      ),
    ]);
    return [
      rows.map((row) => ({
        source: row.source,
        nameKey: row.name_key,
        name: row.name,
        count: Number(row.count),
        reports: Number(row.reports),
        examples: row.examples,
        categories: row.categories ?? [],
        lastSeen: row.last_seen,
      })),
      Number(count[0].total),
    ];
  }
}
