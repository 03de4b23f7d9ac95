import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ErrorDetail } from '@health/core';
import type { ExamImportFormat } from './exam-import-sheet';

export type ExamImportStatus = 'queued' | 'running' | 'completed' | 'failed';
export const EXAM_IMPORT_STATUSES: readonly ExamImportStatus[] = ['queued', 'running', 'completed', 'failed'];

export interface ExamImportRow {
  id: string;
  orgId: string;
  status: ExamImportStatus;
  fileName: string;
  format: ExamImportFormat;
  totalRows: number;
  totalReports: number;
  processedReports: number;
  acceptedReports: number;
  rejectedReports: number;
  createdBy: string;
  createdByType: 'user' | 'api_key';
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ImportedReportOutcome {
  groupIndex: number;
  source: string;
  externalId: string;
  rowNumbers: number[];
  status: 'accepted' | 'rejected';
  reportId: string | null;
  errorCode: string | null;
  errors: ErrorDetail[];
}

const COLUMNS = `id, org_id AS "orgId", status, file_name AS "fileName", format, total_rows AS "totalRows",
  total_reports AS "totalReports", processed_reports AS "processedReports", accepted_reports AS "acceptedReports",
  rejected_reports AS "rejectedReports", created_by AS "createdBy", created_by_type AS "createdByType",
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

/** The only place that queries `exam_import` and `exam_import_report`. */
@Injectable()
export class ExamImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    values: Pick<
      ExamImportRow,
      'id' | 'orgId' | 'fileName' | 'format' | 'totalRows' | 'totalReports' | 'createdBy' | 'createdByType'
    >,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO exam_import (id, org_id, status, file_name, format, total_rows, total_reports, created_by, created_by_type)
       VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8)`,
      [
        values.id,
        values.orgId,
        values.fileName,
        values.format,
        values.totalRows,
        values.totalReports,
        values.createdBy,
        values.createdByType,
      ],
    );
  }

  async find(id: string): Promise<ExamImportRow | null> {
    const rows: ExamImportRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM exam_import WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findInOrg(orgId: string, id: string): Promise<ExamImportRow | null> {
    const rows: ExamImportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM exam_import WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async list(orgId: string, offset: number, limit: number): Promise<[ExamImportRow[], number]> {
    const [rows, count]: [ExamImportRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM exam_import WHERE org_id = $1 ORDER BY created_at DESC, id OFFSET $2 LIMIT $3`,
        [orgId, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS total FROM exam_import WHERE org_id = $1`, [orgId]),
    ]);
    return [rows, Number(count[0].total)];
  }

  /** Queued or running imports after `afterId`: those the reconciler must keep a job for. */
  async unfinishedIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM exam_import WHERE status IN ('queued', 'running') AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  async markRunning(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE exam_import SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1`,
      [id],
    );
  }

  /** Recounts outcomes into the import row; `finalStatus` also ends it. */
  async refreshProgress(id: string, finalStatus?: 'completed' | 'failed'): Promise<void> {
    await this.dataSource.query(
      `UPDATE exam_import i
          SET processed_reports = c.processed, accepted_reports = c.accepted, rejected_reports = c.rejected,
              status = coalesce($2, i.status), finished_at = CASE WHEN $2::text IS NULL THEN i.finished_at ELSE now() END
         FROM (SELECT count(*) AS processed,
                      count(*) FILTER (WHERE status = 'accepted') AS accepted,
                      count(*) FILTER (WHERE status = 'rejected') AS rejected
                 FROM exam_import_report WHERE import_id = $1) c
        WHERE i.id = $1`,
      [id, finalStatus ?? null],
    );
  }

  async doneGroups(importId: string): Promise<Set<number>> {
    const rows: { group_index: number }[] = await this.dataSource.query(
      `SELECT group_index FROM exam_import_report WHERE import_id = $1`,
      [importId],
    );
    return new Set(rows.map((row) => row.group_index));
  }

  async recordOutcome(importId: string, outcome: ImportedReportOutcome, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO exam_import_report (import_id, group_index, source, external_id, row_numbers, status, report_id, error_code, errors)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        importId,
        outcome.groupIndex,
        outcome.source,
        outcome.externalId,
        outcome.rowNumbers,
        outcome.status,
        outcome.reportId,
        outcome.errorCode,
        JSON.stringify(outcome.errors),
      ],
    );
  }

  async rejected(importId: string): Promise<ImportedReportOutcome[]> {
    return this.dataSource.query(
      `SELECT group_index AS "groupIndex", source, external_id AS "externalId", row_numbers AS "rowNumbers", status,
              report_id AS "reportId", error_code AS "errorCode", errors
         FROM exam_import_report WHERE import_id = $1 AND status = 'rejected' ORDER BY group_index`,
      [importId],
    );
  }
}
