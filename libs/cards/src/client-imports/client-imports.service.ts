import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Actor, AuditService, DomainError, JobQueues, Page, pageOf, pageOffset, PageQueryDto } from '@health/core';
import { orgIdOf } from '@health/iam';
import { residentIdCheckChar } from '../clients/client-identity';
import { ClientImport, ClientImportFormat } from './client-import.entity';
import { ClientImportFiles } from './client-import-files';
import { CHINESE_HEADERS, IMPORT_COLUMNS, readImportSheet } from './client-import-sheet';
import { ClientImportRepository } from './client-import.repository';
import { RunClientImportJob } from './client-imports.jobs';
import { ClientImportAcceptedDto, ClientImportDto } from './dto/client-import.dto';

/** The part of an uploaded file the service needs (the multipart interceptor's file object). */
export interface UploadedImportFile {
  originalname: string;
  buffer: Buffer;
}

/** A file to send back: the bytes, their type and the name to save them under. */
export interface ImportDownload {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ClientImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel opens a CSV as UTF-8 only when it starts with a byte order mark. */
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const TEMPLATE_EXAMPLE: Record<(typeof IMPORT_COLUMNS)[number], string> = {
  name: '张三',
  gender: '男',
  birthDate: '1978-04-02',
  idType: '身份证',
  idNumber: `11010119780402001${residentIdCheckChar('11010119780402001')}`,
  phone: '13800138000',
  address: '北京市东城区',
  sourceChannel: '体检中心转介',
  notes: '示例行，导入前请删除',
};

function importNotFound(): DomainError {
  return DomainError.notFound('CLIENT_IMPORT_NOT_FOUND', 'Client import not found');
}

/**
 * Bulk imports of clients: the upload is checked (type, size, headers, row count) and stored, and
 * a job does the rows (`ClientImportRunner`). Reports carry row numbers, columns and codes only.
 */
@Injectable()
export class ClientImportsService {
  constructor(
    private readonly imports: ClientImportRepository,
    private readonly files: ClientImportFiles,
    private readonly queues: JobQueues,
    private readonly audit: AuditService,
  ) {}

  /**
   * Accepts a file once its header row and size are right. The job is enqueued after the import
   * row is committed; with Redis down the import stays queued and the reconciler enqueues it later.
   */
  async upload(actor: Actor, file: UploadedImportFile | undefined): Promise<ClientImportAcceptedDto> {
    if (!file) {
      throw DomainError.badRequest('IMPORT_FILE_REQUIRED', 'Send the file as multipart/form-data field "file"');
    }
    const format = formatOf(file.originalname);
    const sheet = await readImportSheet(format, file.buffer);
    const id = randomUUID();
    await this.files.write(id, file.buffer);
    let created: ClientImport;
    try {
      created = await this.imports.insert({
        id,
        orgId: orgIdOf(actor),
        status: 'queued',
        fileName: file.originalname.slice(0, 200),
        format,
        columns: sheet.columns,
        totalRows: sheet.rows.length,
        createdBy: actor.id,
      });
    } catch (err) {
      await this.files.remove(id);
      throw err;
    }
    await this.queues.enqueueIfAvailable(RunClientImportJob, { importId: id }, { jobId: id });
    return { id: created.id, status: created.status };
  }

  async get(actor: Actor, id: string): Promise<ClientImportDto> {
    return toDto(await this.require(actor, id));
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<ClientImportDto>> {
    const [rows, total] = await this.imports.list(orgIdOf(actor), pageOffset(query), query.pageSize);
    return pageOf(rows.map(toDto), total, query);
  }

  /** One line per problem of every rejected row; audited as an export (`client_import.errors_exported`). */
  async errorReport(actor: Actor, id: string, format: ClientImportFormat): Promise<ImportDownload> {
    const entry = await this.require(actor, id);
    const rows = await this.imports.rejectedRows(entry.id);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('errors');
    sheet.addRow(['row', 'column', 'code', 'message']);
    for (const row of rows) {
      for (const error of row.errors) {
        sheet.addRow([
          row.rowNumber,
          error.column ? (entry.columns[error.column] ?? error.column) : '',
          error.code,
          error.message,
        ]);
      }
    }
    await this.audit.record({ action: 'client_import.errors_exported', targetType: 'client_import', targetId: entry.id });
    return {
      body: await workbookBytes(workbook, format),
      contentType: CONTENT_TYPES[format],
      fileName: `client-import-${entry.id}-errors.${format}`,
    };
  }

  /** The header row (Chinese) and one fictional example row. */
  async template(format: ClientImportFormat): Promise<ImportDownload> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('clients');
    sheet.addRow(IMPORT_COLUMNS.map((column) => CHINESE_HEADERS[column]));
    sheet.addRow(IMPORT_COLUMNS.map((column) => TEMPLATE_EXAMPLE[column]));
    // Text cells: Excel would round an 18-digit ID number typed into a number cell.
    for (const column of ['idNumber', 'phone', 'birthDate'] as const) {
      sheet.getColumn(IMPORT_COLUMNS.indexOf(column) + 1).numFmt = '@';
    }
    sheet.columns.forEach((column) => (column.width = 16));
    return {
      body: await workbookBytes(workbook, format),
      contentType: CONTENT_TYPES[format],
      fileName: `client-import-template.${format}`,
    };
  }

  private async require(actor: Actor, id: string): Promise<ClientImport> {
    const entry = await this.imports.findInOrg(orgIdOf(actor), id);
    if (!entry) throw importNotFound();
    return entry;
  }
}

function formatOf(fileName: string): ClientImportFormat {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  throw DomainError.badRequest('IMPORT_FILE_TYPE_INVALID', 'Only .xlsx and .csv files can be imported');
}

async function workbookBytes(workbook: ExcelJS.Workbook, format: ClientImportFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.concat([UTF8_BOM, Buffer.from(await workbook.csv.writeBuffer())]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function toDto(entry: ClientImport): ClientImportDto {
  return {
    id: entry.id,
    status: entry.status,
    fileName: entry.fileName,
    totalRows: entry.totalRows,
    processedRows: entry.processedRows,
    importedRows: entry.importedRows,
    rejectedRows: entry.rejectedRows,
    createdAt: entry.createdAt.toISOString(),
    startedAt: entry.startedAt?.toISOString(),
    finishedAt: entry.finishedAt?.toISOString(),
  };
}
