import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ClientImportStatus = 'queued' | 'running' | 'completed' | 'failed';
export const CLIENT_IMPORT_STATUSES: readonly ClientImportStatus[] = ['queued', 'running', 'completed', 'failed'];

export type ClientImportFormat = 'xlsx' | 'csv';
export const CLIENT_IMPORT_FORMATS: readonly ClientImportFormat[] = ['xlsx', 'csv'];

/** Why one cell (or the whole row, without a column) was refused: codes and column names, never values. */
export interface ClientImportRowError {
  column?: string;
  code: string;
  message: string;
}

/**
 * One uploaded file of clients. The file itself lives under `<dataDir>/imports/<id>` until the
 * import has finished; this row holds only counts and the header labels as written in the file.
 */
@Entity({ name: 'client_import' })
export class ClientImport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'text' })
  status!: ClientImportStatus;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  format!: ClientImportFormat;

  /** Column key (`idNumber`) → header as written in the file (`证件号码`), for the error report. */
  @Column({ type: 'jsonb' })
  columns!: Record<string, string>;

  @Column({ type: 'integer' })
  totalRows!: number;

  @Column({ type: 'integer', default: 0 })
  processedRows!: number;

  @Column({ type: 'integer', default: 0 })
  importedRows!: number;

  @Column({ type: 'integer', default: 0 })
  rejectedRows!: number;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export type ClientImportRowStatus = 'imported' | 'rejected';

/** The outcome of one data row of an import; its presence is what makes a retried job skip the row. */
@Entity({ name: 'client_import_row' })
export class ClientImportRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  importId!: string;

  /** Row number in the sheet (the header is row 1). */
  @Column({ type: 'integer' })
  rowNumber!: number;

  @Column({ type: 'text' })
  status!: ClientImportRowStatus;

  /** Code of the first problem, for filtering; every problem is in `errors`. */
  @Column({ type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'jsonb' })
  errors!: ClientImportRowError[];

  @Column({ type: 'uuid', nullable: true })
  clientId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

export const CLIENT_IMPORT_ENTITIES = [ClientImport, ClientImportRow];
