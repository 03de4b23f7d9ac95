import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AppConfig, AuditService, DomainError, RequestContext } from '@health/core';
import { todayIn } from '../cards/card-dates';
import { ClientsService } from '../clients/clients.service';
import { CreateClientDto, ListClientsQueryDto } from '../clients/dto/client.dto';
import { ClientImport, ClientImportRowError } from './client-import.entity';
import { ClientImportFiles } from './client-import-files';
import { parseImportRow, ParsedImportRow } from './client-import-row';
import { CHINESE_HEADERS, IMPORT_COLUMNS, ImportColumn, ImportSheet, readImportSheet } from './client-import-sheet';
import { ClientImportRepository } from './client-import.repository';

/** Counts on the import row are refreshed after this many rows, so the progress bar moves. */
const PROGRESS_EVERY = 50;

/** Permissions the import acts with: those of the upload endpoint, which its creator held. */
const IMPORT_PERMISSIONS = ['clients:read', 'clients:write'];

/**
 * Does the work of one import job: every row of the file becomes a client through
 * `ClientsService.create` (validated, encrypted, indexed) or a rejected row with its reasons.
 * Each row is its own transaction, and a row with a recorded outcome is never done again, so a
 * retried or re-enqueued job continues where the last one stopped.
 */
@Injectable()
export class ClientImportRunner {
  private readonly logger = new Logger('ClientImport');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ClientImportRepository,
    private readonly files: ClientImportFiles,
    private readonly clients: ClientsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async run(importId: string): Promise<void> {
    const entry = await this.imports.find(importId);
    if (!entry || entry.status === 'completed' || entry.status === 'failed') return;
    const content = await this.files.read(importId);
    if (!content) {
      this.logger.warn({ msg: 'import file is missing', importId });
      await this.fail(importId);
      return;
    }
    await this.imports.update(importId, { status: 'running', startedAt: entry.startedAt ?? new Date() });
    let sheet: ImportSheet;
    try {
      sheet = await readImportSheet(entry.format, content);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.logger.warn({ msg: 'import file no longer readable', importId, code: err.code });
      await this.fail(importId);
      return;
    }
    const actor: Actor = {
      type: 'user',
      id: entry.createdBy,
      orgId: entry.orgId,
      permissions: new Set(IMPORT_PERMISSIONS),
      isPlatformAdmin: false,
    };
    const today = this.today();
    const rows = sheet.rows.map((row) => ({ rowNumber: row.rowNumber, parsed: parseImportRow(row, today) }));
    await RequestContext.run({ requestId: `client-import-${importId}`, actor }, () => this.importRows(entry, rows, actor));
    const counts = await this.imports.counts(importId);
    await this.imports.update(importId, {
      status: 'completed',
      processedRows: counts.imported + counts.rejected,
      importedRows: counts.imported,
      rejectedRows: counts.rejected,
      finishedAt: new Date(),
    });
    await this.files.remove(importId);
  }

  /** Gives up on an import: the rows done so far stay, the rest are never attempted. */
  async fail(importId: string): Promise<void> {
    const counts = await this.imports.counts(importId);
    await this.imports.update(importId, {
      status: 'failed',
      processedRows: counts.imported + counts.rejected,
      importedRows: counts.imported,
      rejectedRows: counts.rejected,
      finishedAt: new Date(),
    });
    await this.files.remove(importId);
  }

  private async importRows(
    entry: ClientImport,
    rows: { rowNumber: number; parsed: ParsedImportRow }[],
    actor: Actor,
  ): Promise<void> {
    // The first valid row of a person owns it; later rows of the same person are duplicates.
    const ownerByKey = new Map<string, number>();
    for (const { rowNumber, parsed } of rows) {
      if (parsed.ok && !ownerByKey.has(parsed.duplicateKey)) ownerByKey.set(parsed.duplicateKey, rowNumber);
    }
    const done = await this.imports.recordedRowNumbers(entry.id);
    let sinceProgress = 0;
    for (const { rowNumber, parsed } of rows) {
      if (done.has(rowNumber)) continue;
      if (!parsed.ok) {
        await this.reject(entry.id, rowNumber, parsed.errors);
      } else if (ownerByKey.get(parsed.duplicateKey) !== rowNumber) {
        await this.reject(entry.id, rowNumber, [
          {
            column: parsed.client.idNumber ? 'idNumber' : undefined,
            code: 'DUPLICATE_IN_FILE',
            message: `the same person as row ${ownerByKey.get(parsed.duplicateKey)}`,
          },
        ]);
      } else {
        await this.importRow(entry.id, rowNumber, parsed.client, actor);
      }
      sinceProgress += 1;
      if (sinceProgress >= PROGRESS_EVERY) {
        sinceProgress = 0;
        await this.reportProgress(entry.id);
      }
    }
  }

  private async importRow(importId: string, rowNumber: number, client: CreateClientDto, actor: Actor): Promise<void> {
    if (!client.idNumber && client.phone && (await this.samePersonExists(actor, client))) {
      await this.reject(importId, rowNumber, [
        {
          column: 'phone',
          code: 'CLIENT_DUPLICATE',
          message: 'a client with the same name, birth date and phone already exists',
        },
      ]);
      return;
    }
    try {
      // The client and the row's outcome commit together, so a retried job never meets its own row as a duplicate.
      await this.dataSource.transaction(async (m) => {
        const clientId = (await this.clients.create(actor, client, m)).id;
        await this.imports.insertRow(m, { importId, rowNumber, status: 'imported', errorCode: null, errors: [], clientId });
        await this.audit.record({ action: 'client.imported', targetType: 'client', targetId: clientId }, m);
      });
    } catch (err) {
      if (!(err instanceof DomainError) || err.statusCode >= 500) throw err;
      await this.reject(importId, rowNumber, rowErrorsOf(err));
    }
  }

  /**
   * Without an ID number the blind index of the phone is the only exact handle: a client with the
   * same phone, name and birth date is the same person.
   */
  private async samePersonExists(actor: Actor, client: CreateClientDto): Promise<boolean> {
    const query = Object.assign(new ListClientsQueryDto(), { page: 1, pageSize: 100, phone: client.phone });
    const matches = await this.clients.list(actor, query);
    return matches.items.some((c) => c.name === client.name.trim() && c.birthDate === client.birthDate);
  }

  private async reject(importId: string, rowNumber: number, errors: ClientImportRowError[]): Promise<void> {
    await this.dataSource.transaction((m) =>
      this.imports.insertRow(m, {
        importId,
        rowNumber,
        status: 'rejected',
        errorCode: errors[0]?.code ?? null,
        errors,
        clientId: null,
      }),
    );
  }

  private async reportProgress(importId: string): Promise<void> {
    const counts = await this.imports.counts(importId);
    await this.imports.update(importId, {
      processedRows: counts.imported + counts.rejected,
      importedRows: counts.imported,
      rejectedRows: counts.rejected,
    });
  }

  private today(): string {
    return todayIn(this.config.tzDefault);
  }
}

/** A refusal of `ClientsService.create` as row errors: its code, the column, and its value-free details. */
function rowErrorsOf(err: DomainError): ClientImportRowError[] {
  const columnOf = (field: string | undefined): ImportColumn | undefined => IMPORT_COLUMNS.find((column) => column === field);
  if (err.code === 'CLIENT_DUPLICATE_ID_NUMBER') {
    const existing = err.details?.[0]?.message;
    return [
      {
        column: 'idNumber',
        code: err.code,
        message: `${CHINESE_HEADERS.idNumber}/idNumber: a client with this ID number already exists${existing ? ` (${existing})` : ''}`,
      },
    ];
  }
  if (!err.details?.length) return [{ code: err.code, message: err.message }];
  return err.details.map((detail) => {
    const column = columnOf(detail.field);
    return {
      column,
      code: err.code === 'VALIDATION_FAILED' ? (detail.code ?? err.code) : err.code,
      message: column ? `${CHINESE_HEADERS[column]}/${column}: ${detail.message}` : detail.message,
    };
  });
}
