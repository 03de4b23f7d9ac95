/**
 * RFC 4180 CSV records: comma-separated fields, fields optionally enclosed in double quotes, a doubled
 * quote inside a quoted field is one quote, quoted fields may contain commas and line breaks. Lines
 * end in CRLF or LF. Pure string work, so the browser admin can read a dictionary file too.
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Each record with the line number it starts on (1-based), so callers can report bad rows. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export function parseCsvRecords(text: string): CsvRecord[] {
  // A spreadsheet saving UTF-8 may prepend a byte-order mark; it is not part of the first field.
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  // True after a field's closing quote: only a separator or a line end may follow.
  let afterClosingQuote = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    afterClosingQuote = false;
  };
  const endRecord = (): void => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };

  while (index < input.length) {
    const char = input[index];
    if (char === '"' && field === '' && !afterClosingQuote) {
      // Quoted field: read up to the closing quote.
      const startLine = line;
      index += 1;
      for (;;) {
        if (index >= input.length) throw new CsvSyntaxError('unterminated quoted field', startLine);
        const inner = input[index];
        if (inner === '"') {
          if (input[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        index += 1;
      }
      afterClosingQuote = true;
      continue;
    }
    if (char === ',') {
      endField();
      index += 1;
      continue;
    }
    if (char === '\r' && input[index + 1] === '\n') {
      index += 1;
      continue;
    }
    if (char === '\n') {
      endRecord();
      line += 1;
      recordLine = line;
      index += 1;
      continue;
    }
    if (afterClosingQuote) throw new CsvSyntaxError('text after a closing quote', line);
    if (char === '"') throw new CsvSyntaxError('quote inside an unquoted field', line);
    field += char;
    index += 1;
  }
  // The last record need not end with a line break; a final line break adds no empty record.
  if (field !== '' || fields.length > 0 || afterClosingQuote) endRecord();
  return records;
}
