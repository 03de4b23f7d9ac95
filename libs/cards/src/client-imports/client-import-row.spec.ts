import { residentIdCheckChar } from '../clients/client-identity';
import { parseImportRow } from './client-import-row';
import { importDate } from './client-import-sheet';

const TODAY = '2026-01-01';
const ZHANG_ID = `11010119780402001${residentIdCheckChar('11010119780402001')}`;

describe('importDate', () => {
  it('reads the date forms spreadsheets produce', () => {
    expect(importDate('1978-04-02')).toBe('1978-04-02');
    expect(importDate('1978/4/2')).toBe('1978-04-02');
    expect(importDate('1978.4.2')).toBe('1978-04-02');
    expect(importDate('1978年4月2日')).toBe('1978-04-02');
    expect(importDate('19780402')).toBe('1978-04-02');
    expect(importDate(new Date(Date.UTC(1978, 3, 2)))).toBe('1978-04-02');
    // Excel's serial day number of 1978-04-02.
    expect(importDate('28582')).toBe('1978-04-02');
  });

  it('refuses impossible dates and other text', () => {
    expect(importDate('1990-02-30')).toBeNull();
    expect(importDate('1989/2/29')).toBeNull();
    expect(importDate('April 2nd')).toBeNull();
    expect(importDate('0')).toBeNull();
  });
});

describe('parseImportRow', () => {
  it('turns a complete Chinese row into a create request with a duplicate key of the ID number', () => {
    const parsed = parseImportRow(
      {
        rowNumber: 2,
        cells: {
          name: '张三',
          gender: '男',
          birthDate: '1978/4/2',
          idType: '身份证',
          idNumber: ZHANG_ID.toLowerCase(),
          phone: '+86 138 0013 8000',
          notes: '备注',
        },
      },
      TODAY,
    );
    expect(parsed).toEqual({
      ok: true,
      client: {
        name: '张三',
        gender: 'male',
        birthDate: '1978-04-02',
        idType: 'resident_id',
        idNumber: ZHANG_ID,
        phone: '13800138000',
        notes: '备注',
      },
      duplicateKey: `id:resident_id:${ZHANG_ID}`,
    });
  });

  it('names every problem by column and code, never by value', () => {
    const parsed = parseImportRow(
      { rowNumber: 3, cells: { gender: '未知', birthDate: '1978-13-01', idType: '驾照', idNumber: '123', phone: '12345' } },
      TODAY,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.column, e.code])).toEqual([
      ['name', 'REQUIRED'],
      ['gender', 'GENDER_INVALID'],
      ['birthDate', 'BIRTH_DATE_INVALID'],
      ['idType', 'ID_TYPE_INVALID'],
      ['phone', 'PHONE_INVALID'],
    ]);
    expect(JSON.stringify(parsed.errors)).not.toMatch(/12345|未知|驾照/);
  });

  it('checks an ID number against birth date and sex, and accepts other document types', () => {
    const mismatch = parseImportRow(
      { rowNumber: 4, cells: { name: '甲', gender: 'female', birthDate: '1978-04-02', idNumber: ZHANG_ID } },
      TODAY,
    );
    expect(mismatch).toMatchObject({ ok: false, errors: [{ column: 'idNumber', code: 'ID_NUMBER_MISMATCH' }] });
    const passport = parseImportRow(
      { rowNumber: 5, cells: { name: 'Anna', gender: 'F', birthDate: '1980-01-01', idType: '护照', idNumber: 'E1234567' } },
      TODAY,
    );
    expect(passport).toMatchObject({ ok: true, client: { idType: 'passport', idNumber: 'E1234567', gender: 'female' } });
  });
});
