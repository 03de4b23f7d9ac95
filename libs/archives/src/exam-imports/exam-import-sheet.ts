import { cellText, DomainError, readFirstWorksheet } from '@health/core';

export type ExamImportFormat = 'xlsx' | 'csv';

/** The columns of samples/reports-bulk-20.csv, one row per item. */
export const EXAM_IMPORT_COLUMNS = [
  'source',
  'externalId',
  'examDate',
  'institution',
  'clientName',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'category',
  'itemName',
  'itemCode',
  'value',
  'unit',
  'referenceRange',
  'flag',
  'conclusions',
] as const;
export type ExamImportColumn = (typeof EXAM_IMPORT_COLUMNS)[number];

const REQUIRED: readonly ExamImportColumn[] = ['source', 'externalId', 'examDate', 'clientName', 'itemName', 'value'];

export const MAX_EXAM_IMPORT_ROWS = 50_000;

export interface ExamImportRow {
  /** Row number in the sheet; the header is row 1. */
  rowNumber: number;
  cells: Partial<Record<ExamImportColumn, string>>;
}

/** The rows of one report, in file order. */
export interface ExamImportGroup {
  source: string;
  externalId: string;
  rows: ExamImportRow[];
}

/** Reads the first worksheet of an .xlsx or a UTF-8 .csv; every cell is read as text. */
export async function readExamImportSheet(format: ExamImportFormat, content: Buffer): Promise<ExamImportRow[]> {
  const worksheet = await readFirstWorksheet(format, content);

  const byIndex = new Map<number, ExamImportColumn>();
  const unknown: string[] = [];
  worksheet.getRow(1).eachCell((cell, index) => {
    const header = cellText(cell.value);
    const column = EXAM_IMPORT_COLUMNS.find((name) => name.toLowerCase() === header.toLowerCase());
    if (column) byIndex.set(index, column);
    else if (header !== '') unknown.push(header);
  });
  const present = new Set(byIndex.values());
  const missing = REQUIRED.filter((column) => !present.has(column));
  if (missing.length > 0 || unknown.length > 0) {
    throw DomainError.badRequest('IMPORT_COLUMNS_INVALID', 'The header row does not match the exam import layout', [
      ...missing.map((column) => ({ field: column, code: 'missing', message: `required column ${column} is missing` })),
      ...unknown.map((header) => ({ field: header, code: 'unknown', message: `column "${header}" is not recognised` })),
    ]);
  }

  const rows: ExamImportRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: ExamImportRow['cells'] = {};
    for (const [index, column] of byIndex) {
      const text = cellText(row.getCell(index).value);
      if (text !== '') cells[column] = text;
    }
    if (Object.keys(cells).length > 0) rows.push({ rowNumber, cells });
  });
  if (rows.length === 0) throw DomainError.badRequest('IMPORT_FILE_EMPTY', 'The file has a header row but no data rows');
  if (rows.length > MAX_EXAM_IMPORT_ROWS) {
    throw new DomainError(413, 'IMPORT_TOO_MANY_ROWS', `An import may hold at most ${MAX_EXAM_IMPORT_ROWS} rows`);
  }
  return rows;
}

/** Rows grouped into reports by `(source, externalId)`, in order of first appearance. */
export function groupReports(rows: readonly ExamImportRow[]): ExamImportGroup[] {
  const groups = new Map<string, ExamImportGroup>();
  for (const row of rows) {
    const source = row.cells.source ?? '';
    const externalId = row.cells.externalId ?? '';
    const key = JSON.stringify([source, externalId]);
    const group = groups.get(key) ?? { source, externalId, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The request body of `POST /exam-reports` for one group: report and client columns from its first
 * row, one item per row, conclusions split on `|`.
 */
export function reportBodyOf(group: ExamImportGroup): Record<string, unknown> {
  const first = group.rows[0]?.cells ?? {};
  const client: Record<string, string> = { name: first.clientName ?? '' };
  for (const [column, field] of [
    ['gender', 'gender'],
    ['birthDate', 'birthDate'],
    ['idNumber', 'idNumber'],
    ['phone', 'phone'],
  ] as const) {
    const value = first[column];
    if (value !== undefined) client[field] = value;
  }
  const conclusions = group.rows
    .flatMap((row) => (row.cells.conclusions ?? '').split('|'))
    .map((text) => text.trim())
    .filter((text) => text !== '');
  return {
    source: group.source,
    externalId: group.externalId,
    examDate: first.examDate ?? '',
    ...(first.institution === undefined ? {} : { institution: first.institution }),
    client,
    items: group.rows.map(({ cells }) => ({
      name: cells.itemName ?? '',
      ...(cells.value === undefined ? {} : { value: cells.value }),
      ...(cells.unit === undefined ? {} : { unit: cells.unit }),
      ...(cells.referenceRange === undefined ? {} : { referenceRange: cells.referenceRange }),
      ...(cells.flag === undefined ? {} : { flag: cells.flag }),
      ...(cells.category === undefined ? {} : { category: cells.category }),
      ...(cells.itemCode === undefined ? {} : { code: cells.itemCode }),
    })),
    ...(conclusions.length === 0 ? {} : { conclusions }),
  };
}
