import { Injectable, Logger } from '@nestjs/common';
import { Actor, DomainError, ErrorDetail, RequestContext } from '@health/core';
import { ExamReportsService } from '../exam-reports/exam-reports.service';
import { toIngestDto } from '../exam-reports/ingest-body';
import { ExamImportFiles } from './exam-import-files';
import { ExamImportGroup, groupReports, readExamImportSheet, reportBodyOf } from './exam-import-sheet';
import { ExamImportRepository, ImportedReportOutcome } from './exam-import.repository';

/** Progress on the import row is refreshed after this many reports. */
const PROGRESS_EVERY = 10;

/** What the import acts with: the upload endpoint's permission, which its creator held. */
const IMPORT_PERMISSIONS = ['reports:write'];

/**
 * Does the work of one exam import job: each report of the file (its rows grouped by source and
 * external id) goes through exactly the path of `POST /exam-reports`, same checks, same
 * transaction, and gets an accepted or rejected outcome with the reasons. A report with an outcome
 * is never sent again, and re-sending an accepted one is a harmless replay, so a retried job
 * continues where the last one stopped.
 */
@Injectable()
export class ExamImportRunner {
  private readonly logger = new Logger('ExamImport');

  constructor(
    private readonly imports: ExamImportRepository,
    private readonly files: ExamImportFiles,
    private readonly reports: ExamReportsService,
  ) {}

  async run(importId: string): Promise<void> {
    const entry = await this.imports.find(importId);
    if (!entry || entry.status === 'completed' || entry.status === 'failed') return;
    const content = await this.files.read(importId);
    if (!content) {
      this.logger.warn({ msg: 'exam import file is missing', importId });
      await this.fail(importId);
      return;
    }
    await this.imports.markRunning(importId);
    let groups: ExamImportGroup[];
    try {
      groups = groupReports(await readExamImportSheet(entry.format, content));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.logger.warn({ msg: 'exam import file no longer readable', importId, code: err.code });
      await this.fail(importId);
      return;
    }
    const actor: Actor = {
      type: entry.createdByType,
      id: entry.createdBy,
      orgId: entry.orgId,
      permissions: new Set(IMPORT_PERMISSIONS),
      isPlatformAdmin: false,
    };
    await RequestContext.run({ requestId: `exam-import-${importId}`, actor }, () => this.importReports(importId, groups, actor));
    await this.imports.refreshProgress(importId, 'completed');
    await this.files.remove(importId);
  }

  /** Gives up on an import: the reports done so far stay, the rest are never attempted. */
  async fail(importId: string): Promise<void> {
    await this.imports.refreshProgress(importId, 'failed');
    await this.files.remove(importId);
  }

  private async importReports(importId: string, groups: ExamImportGroup[], actor: Actor): Promise<void> {
    const done = await this.imports.doneGroups(importId);
    let sinceProgress = 0;
    for (const [groupIndex, group] of groups.entries()) {
      if (done.has(groupIndex)) continue;
      await this.imports.recordOutcome(importId, await this.importReport(groupIndex, group, actor));
      sinceProgress += 1;
      if (sinceProgress >= PROGRESS_EVERY) {
        sinceProgress = 0;
        await this.imports.refreshProgress(importId);
      }
    }
  }

  private async importReport(groupIndex: number, group: ExamImportGroup, actor: Actor): Promise<ImportedReportOutcome> {
    const outcome = {
      groupIndex,
      source: group.source,
      externalId: group.externalId,
      rowNumbers: group.rows.map((row) => row.rowNumber),
    };
    const rejected = (errorCode: string, errors: ErrorDetail[]): ImportedReportOutcome => ({
      ...outcome,
      status: 'rejected',
      reportId: null,
      errorCode,
      errors,
    });
    const checked = await toIngestDto(reportBodyOf(group));
    if (!checked.ok) return rejected('VALIDATION_FAILED', checked.problems);
    try {
      const { body } = await this.reports.ingest(actor, checked.dto, undefined);
      return { ...outcome, status: 'accepted', reportId: body.id, errorCode: null, errors: [] };
    } catch (err) {
      if (!(err instanceof DomainError) || err.statusCode >= 500) throw err;
      return rejected(err.code, err.details?.length ? err.details : [{ code: err.code, message: err.message }]);
    }
  }
}
