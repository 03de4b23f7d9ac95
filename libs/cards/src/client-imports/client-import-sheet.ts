import ExcelJS from 'exceljs';
import { cellText, DomainError, readFirstWorksheet } from '@health/core';
import { calendarDate } from '../clients/client-identity';
import type { ClientImportFormat } from './client-import.entity';

/** The columns an import understands, keyed like the fields of `CreateClientDto`. */
export const IMPORT_COLUMNS = [
  'name',
  'gender',
  'birthDate',
  'idType',
  'idNumber',
  'phone',
  'address',
  'sourceChannel',
  'notes',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['name', 'gender', 'birthDate'];

/** Chinese header of each column; the English one is the key itself. The template uses these. */
export const CHINESE_HEADERS: Record<ImportColumn, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idType: '证件类型',
  idNumber: '证件号码',
  phone: '手机号',
  address: '地址',
  sourceChannel: '来源渠道',
  notes: '备注',
};

export const MAX_IMPORT_ROWS = 10_000;

const COLUMN_BY_HEADER = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((key) => [
    [key.toLowerCase(), key],
    [CHINESE_HEADERS[key], key],
  ]),
);

/** A cell as read: text (trimmed), or a date when the spreadsheet stored one. */
export type ImportCell = string | Date;

export interface ImportSheetRow {
  /** Row number in the sheet; the header is row 1. */
  rowNumber: number;
  cells: Partial<Record<ImportColumn, ImportCell>>;
}

export interface ImportSheet {
  /** Column key → header as written in the file. */
  columns: Partial<Record<ImportColumn, string>>;
  rows: ImportSheetRow[];
}

/** Reads the first worksheet of an `.xlsx` file or a UTF-8 `.csv` file (a byte order mark is allowed). */
export async function readImportSheet(format: ClientImportFormat, content: Buffer): Promise<ImportSheet> {
  const worksheet = await readFirstWorksheet(format, content);
  return sheetOf(worksheet);
}

function sheetOf(worksheet: ExcelJS.Worksheet): ImportSheet {
  const headerCells = new Map<number, string>();
  worksheet.getRow(1).eachCell((cell, index) => {
    const header = cellText(cell.value);
    if (header) headerCells.set(index, header);
  });
  const columns: Partial<Record<ImportColumn, string>> = {};
  const byIndex = new Map<number, ImportColumn>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const [index, header] of headerCells) {
    const key = COLUMN_BY_HEADER.get(header) ?? COLUMN_BY_HEADER.get(header.toLowerCase());
    if (!key) unknown.push(header);
    else if (columns[key]) repeated.push(header);
    else {
      columns[key] = header;
      byIndex.set(index, key);
    }
  }
  const missing = REQUIRED_COLUMNS.filter((key) => !columns[key]);
  if (unknown.length || missing.length || repeated.length) {
    throw DomainError.badRequest('IMPORT_COLUMNS_INVALID', 'The header row does not match the import template', [
      ...missing.map((key) => ({
        field: key,
        code: 'missing',
        message: `required column ${CHINESE_HEADERS[key]}/${key} is missing`,
      })),
      ...unknown.map((header) => ({ field: header, code: 'unknown', message: `column "${header}" is not recognised` })),
      ...repeated.map((header) => ({ field: header, code: 'repeated', message: `column "${header}" appears twice` })),
    ]);
  }

  const rows: ImportSheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: ImportSheetRow['cells'] = {};
    for (const [index, key] of byIndex) {
      const value = row.getCell(index).value;
      const cell = value instanceof Date ? value : cellText(value);
      if (cell !== '') cells[key] = cell;
    }
    if (Object.keys(cells).length > 0) rows.push({ rowNumber, cells });
  });
  if (rows.length === 0) throw DomainError.badRequest('IMPORT_FILE_EMPTY', 'The file has a header row but no data rows');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError(413, 'IMPORT_TOO_MANY_ROWS', `An import may hold at most ${MAX_IMPORT_ROWS} rows`);
  }
  return { columns, rows };
}

/** Days from Excel's epoch (1899-12-30, which absorbs its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

/**
 * `YYYY-MM-DD` of a birth date cell: a date cell, an Excel serial number, or text such as
 * `1978-04-02`, `1978/4/2`, `1978.4.2`, `1978年4月2日` or `19780402`; null when it is none of these or not a real date.
 */
export function importDate(cell: ImportCell): string | null {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? null : calendarDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (/^\d{1,5}(\.\d+)?$/.test(cell)) {
    const serial = Math.floor(Number(cell));
    if (serial < 1) return null;
    return importDate(new Date((serial - EXCEL_EPOCH_OFFSET) * 86_400_000));
  }
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(cell);
  return parts ? calendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) : null;
}
