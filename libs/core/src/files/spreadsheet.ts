import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../errors/domain-error';

export type SpreadsheetFormat = 'xlsx' | 'csv';

function unreadable(): DomainError {
  return DomainError.badRequest('IMPORT_FILE_UNREADABLE', 'The file could not be read as a spreadsheet of the stated type');
}

/** The text of a UTF-8 file without its byte order mark; Excel's default ANSI/GBK CSV is refused. */
function utf8Text(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw DomainError.badRequest('IMPORT_FILE_ENCODING', 'A CSV file must be encoded as UTF-8 (save as "CSV UTF-8")');
  }
}

/**
 * The first worksheet of an uploaded `.xlsx` file or UTF-8 `.csv` file (a byte order mark is
 * allowed): 400 `IMPORT_FILE_ENCODING` or `IMPORT_FILE_UNREADABLE` otherwise.
 */
export async function readFirstWorksheet(format: SpreadsheetFormat, content: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  let worksheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'csv') {
      // Every value stays text: the default CSV mapping would turn ID numbers into lossy numbers.
      worksheet = await workbook.csv.read(Readable.from([utf8Text(content)]), { map: (value: string) => value });
    } else {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
      worksheet = workbook.worksheets[0];
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw unreadable();
  }
  if (!worksheet) throw unreadable();
  return worksheet;
}

/** The visible text of a cell: rich text, hyperlinks and formula results included; dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  return '';
}
