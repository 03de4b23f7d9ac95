import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale } from '@/i18n';
import { trendTable } from '@/test/trends';
import { buildYearTable, defaultCodes, numericIndicators } from './trend-table';

afterEach(() => applyLocale('zh-CN'));

describe('year-over-year table view model', () => {
  it('has one column per exam year and groups every measured indicator by category', () => {
    const sbp = trendTable.rows.find((row) => row.code === 'SBP')!;
    const table = { ...trendTable, rows: [...trendTable.rows, { ...sbp, code: 'DBP', name: '舒张压' }] };
    const view = buildYearTable(table);
    expect(view.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(view.rows.map((row) => row.code)).toEqual(['U_PRO', 'SBP', 'DBP', 'TG', 'HSCRP']);
    expect(view.rows.every((row) => row.cells.length === 5)).toBe(true);
  });

  it('keeps only the chosen indicators, in the order chosen', () => {
    expect(buildYearTable(trendTable, ['TG', 'SBP', 'LDL_C']).rows.map((row) => row.code)).toEqual(['TG', 'SBP']);
    expect(buildYearTable(trendTable, []).rows).toEqual([]);
  });

  it('shows values with arrows, and abnormal values marked', () => {
    const sbp = buildYearTable(trendTable, ['SBP']).rows[0]!;
    expect(sbp.reference).toBe('90–139');
    expect(sbp.abnormalYears).toBe(2);
    expect(sbp.cells[0]).toMatchObject({ display: '128', arrow: null, abnormal: false, mark: '', verdictLabel: '正常' });
    expect(sbp.cells[4]).toMatchObject({ display: '146', arrow: '↑', abnormal: true, mark: '↑', verdictLabel: '偏高' });
    // The change is drawn apart from the abnormal mark.
    expect(sbp.cells[4]!.change).toEqual({ glyph: '▲', label: '较上一年升高' });
    expect(sbp.cells[0]!.change).toBeNull();
    // A year with two measurements says so; the others show the date alone.
    expect(sbp.cells[3]!.hint).toBe('2024-07-02（当年共 2 次，显示最近一次）');
    expect(sbp.cells[4]!.hint).toBe('2025-07-08');
  });

  it('leaves years without a measurement empty and shows grades, text and censored values as sent', () => {
    const [protein, crp] = buildYearTable(trendTable, ['U_PRO', 'HSCRP']).rows;
    expect(protein!.cells.map((cell) => cell?.display ?? null)).toEqual(['阴性', null, '+', null, null]);
    expect(protein!.cells[2]).toMatchObject({ abnormal: true, mark: '!', arrow: null, verdictLabel: '异常' });
    expect(protein!.reference).toBe('');
    expect(crp!.cells.map((cell) => cell?.display ?? null)).toEqual([null, null, null, '<0.5', '<0.5']);
    expect(crp!.cells[4]!.arrow).toBe('→');
    expect(crp!.cells[4]!.change).toEqual({ glyph: '▬', label: '与上一年基本持平' });
    expect(crp!.reference).toBe('≤ 3');
  });

  it('names indicators and categories in the current language', () => {
    expect(buildYearTable(trendTable, ['SBP']).rows[0]!.category).toBe('一般检查');
    applyLocale('en');
    expect(buildYearTable(trendTable, ['SBP']).rows[0]!).toMatchObject({
      name: 'Systolic blood pressure',
      category: 'General examination',
    });
    expect(buildYearTable(trendTable, ['SBP']).rows[0]!.cells[4]!.verdictLabel).toBe('High');
    expect(buildYearTable(trendTable).rows.map((row) => row.category)).toEqual([
      'Routine urinalysis',
      'General examination',
      'Blood lipids',
      'Cardiovascular and inflammation',
    ]);
  });

  it('shows numbers at the indicator’s display decimals', () => {
    const tg = trendTable.rows.find((row) => row.code === 'TG')!;
    const converted = { ...tg, cells: tg.cells.map((cell) => (cell ? { ...cell, value: 2.05 * 1.00013 } : null)) };
    const [row] = buildYearTable({ ...trendTable, rows: [converted] }, ['TG']).rows;
    expect(row!.cells[1]!.display).toBe('2.05');
  });
});

describe('indicator picker', () => {
  it('offers the numeric indicators measured', () => {
    expect(numericIndicators(trendTable).map((option) => option.code)).toEqual(['SBP', 'TG', 'HSCRP']);
  });

  it('starts with the issue’s default indicators the client has, in their order', () => {
    expect(defaultCodes(['TG', 'HSCRP', 'SBP', 'BMI'])).toEqual(['SBP', 'TG', 'BMI']);
    expect(defaultCodes(['HSCRP'])).toEqual([]);
  });
});
