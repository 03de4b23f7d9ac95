import { CsvSyntaxError, parseCsvRecords } from './parse-csv';

const fieldsOf = (text: string): (readonly string[])[] => parseCsvRecords(text).map((record) => record.fields);

describe('parseCsvRecords', () => {
  it('splits records and fields, keeping empty fields', () => {
    expect(fieldsOf('a,b,c\n1,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fieldsOf('PSA,"Prostate specific antigen, total","say ""hi""","two\nlines"')).toEqual([
      ['PSA', 'Prostate specific antigen, total', 'say "hi"', 'two\nlines'],
    ]);
    expect(fieldsOf('"",x')).toEqual([['', 'x']]);
  });

  it('accepts CRLF, no final line break, and a byte-order mark', () => {
    expect(fieldsOf('\uFEFFa,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('numbers records by the line they start on', () => {
    expect(parseCsvRecords('h\n"x\ny"\nz\n').map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('rejects malformed quoting with the line number', () => {
    expect(() => parseCsvRecords('a\n"open')).toThrow(new CsvSyntaxError('unterminated quoted field', 2));
    expect(() => parseCsvRecords('"a"b')).toThrow(CsvSyntaxError);
    expect(() => parseCsvRecords('a"b')).toThrow(/quote inside an unquoted field/);
  });
});
