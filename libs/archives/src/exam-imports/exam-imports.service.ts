import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Actor, AuditService, DomainError, JobQueues, Page, pageOf, pageOffset, PageQueryDto } from '@health/core';
import type { ImportDownload, UploadedImportFile } from '@health/cards';
import { orgIdOf } from '@health/iam';
import { ExamImportAcceptedDto, ExamImportDto } from './dto/exam-import.dto';
import { ExamImportFiles } from './exam-import-files';
import { ExamImportFormat, groupReports, readExamImportSheet } from './exam-import-sheet';
import { ExamImportRepository, ExamImportRow } from './exam-import.repository';
import { RunExamImportJob } from './exam-imports.jobs';

const CONTENT_TYPES: Record<ExamImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel opens a CSV as UTF-8 only when it starts with a byte order mark. */
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function importNotFound(): DomainError {
  return DomainError.notFound('EXAM_IMPORT_NOT_FOUND', 'Exam import not found');
}

function toDto(entry: ExamImportRow): ExamImportDto {
  return {
    id: entry.id,
    status: entry.status,
    fileName: entry.fileName,
    totalRows: entry.totalRows,
    totalReports: entry.totalReports,
    processedReports: entry.processedReports,
    acceptedReports: entry.acceptedReports,
    rejectedReports: entry.rejectedReports,
    createdAt: entry.createdAt.toISOString(),
    ...(entry.startedAt ? { startedAt: entry.startedAt.toISOString() } : {}),
    ...(entry.finishedAt ? { finishedAt: entry.finishedAt.toISOString() } : {}),
  };
}

/**
 * Bulk exam imports: the upload is checked (type, size, header, row count) and stored, and a job
 * sends each report through ingestion (`ExamImportRunner`). Reports of rejected reports carry row
 * numbers, fields and codes, never the values.
 */
@Injectable()
export class ExamImportsService {
  constructor(
    private readonly imports: ExamImportRepository,
    private readonly files: ExamImportFiles,
    private readonly queues: JobQueues,
    private readonly audit: AuditService,
  ) {}

  /**
   * Accepts a file once its header row and size are right. The job is enqueued after the import
   * row is committed; with Redis down the import stays queued and the reconciler enqueues it later.
   */
  async upload(actor: Actor, file: UploadedImportFile | undefined): Promise<ExamImportAcceptedDto> {
    if (!file) throw DomainError.badRequest('IMPORT_FILE_REQUIRED', 'Send the file as multipart/form-data field "file"');
    const format = formatOf(file.originalname);
    const rows = await readExamImportSheet(format, file.buffer);
    const id = randomUUID();
    await this.files.write(id, file.buffer);
    try {
      await this.imports.insert({
        id,
        orgId: orgIdOf(actor),
        fileName: file.originalname.slice(0, 200),
        format,
        totalRows: rows.length,
        totalReports: groupReports(rows).length,
        createdBy: actor.id,
        createdByType: actor.type === 'api_key' ? 'api_key' : 'user',
      });
    } catch (err) {
      await this.files.remove(id);
      throw err;
    }
    await this.queues.enqueueIfAvailable(RunExamImportJob, { importId: id }, { jobId: id });
    return { id, status: 'queued' };
  }

  async get(actor: Actor, id: string): Promise<ExamImportDto> {
    return toDto(await this.require(actor, id));
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<ExamImportDto>> {
    const [rows, total] = await this.imports.list(orgIdOf(actor), pageOffset(query), query.pageSize);
    return pageOf(rows.map(toDto), total, query);
  }

  /**
   * The rejected reports, one line per reason: the file's row numbers of the report, its source
   * and externalId, the field, the code and the message. Audited as `exam_import.errors_exported`.
   */
  async rejectedRows(actor: Actor, id: string, format: ExamImportFormat): Promise<ImportDownload> {
    const entry = await this.require(actor, id);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('rejected');
    sheet.addRow(['rows', 'source', 'externalId', 'field', 'code', 'message']);
    for (const report of await this.imports.rejected(entry.id)) {
      const rows = `${report.rowNumbers[0]}-${report.rowNumbers[report.rowNumbers.length - 1]}`;
      for (const error of report.errors) {
        sheet.addRow([
          rows,
          report.source,
          report.externalId,
          error.field ?? '',
          error.code ?? report.errorCode ?? '',
          error.message,
        ]);
      }
    }
    await this.audit.record({ action: 'exam_import.errors_exported', targetType: 'exam_import', targetId: entry.id });
    const body =
      format === 'csv'
        ? Buffer.concat([UTF8_BOM, Buffer.from(await workbook.csv.writeBuffer())])
        : Buffer.from(await workbook.xlsx.writeBuffer());
    return { body, contentType: CONTENT_TYPES[format], fileName: `exam-import-${entry.id}-rejected.${format}` };
  }

  private async require(actor: Actor, id: string): Promise<ExamImportRow> {
    const entry = await this.imports.findInOrg(orgIdOf(actor), id);
    if (!entry) throw importNotFound();
    return entry;
  }
}

function formatOf(fileName: string): ExamImportFormat {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  throw DomainError.badRequest('IMPORT_FILE_TYPE_INVALID', 'Only .xlsx and .csv files can be imported');
}
