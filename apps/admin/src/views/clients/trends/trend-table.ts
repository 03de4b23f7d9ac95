import type { TrendTable, TrendTableCell, TrendTableRow, Verdict } from '@/api/types';
import { currentLocale, t } from '@/i18n';
import { categoryLabel } from '@/utils/indicator-display';
import { formatReference, formatValue, verdictMark } from './trend-chart';

export interface YearCellView {
  year: number;
  /** `146`, `<0.5`, `2+`, or the conclusion text. */
  display: string;
  /** The API's change versus the previous column (↑ ↓ →), or null. */
  arrow: string | null;
  /**
   * How the change is drawn: triangles, so it is not mistaken for the ↑/↓ that marks an abnormal
   * value beside it; `label` says it in words.
   */
  change: { glyph: string; label: string } | null;
  abnormal: boolean;
  /** ↑ ↓ ! beside an abnormal value; empty when normal. */
  mark: string;
  verdictLabel: string;
  /** The date shown, and how many measurements the year had. */
  hint: string;
}

export interface YearRowView {
  code: string;
  name: string;
  unit: string;
  /** In the current language. */
  category: string;
  reference: string;
  valueType: string;
  /** Aligned with the table's years; null where the indicator was not measured. */
  cells: (YearCellView | null)[];
  abnormalYears: number;
}

export interface YearTableView {
  years: number[];
  rows: YearRowView[];
}

function cellDisplay(cell: TrendTableCell, decimals: number | null): string {
  if (cell.value !== null) return formatValue(cell.value, cell.comparator, decimals);
  return cell.text ?? '—';
}

const CHANGE_GLYPH: Record<string, { glyph: string; key: string }> = {
  '↑': { glyph: '▲', key: 'trends.change.up' },
  '↓': { glyph: '▼', key: 'trends.change.down' },
  '→': { glyph: '▬', key: 'trends.change.flat' },
};

function changeOf(arrow: string | null): YearCellView['change'] {
  const known = arrow ? CHANGE_GLYPH[arrow] : undefined;
  return known ? { glyph: known.glyph, label: t(known.key) } : null;
}

function cellView(cell: TrendTableCell, decimals: number | null): YearCellView {
  const verdict = cell.verdict as Verdict;
  return {
    year: cell.year,
    display: cellDisplay(cell, decimals),
    arrow: cell.arrow,
    change: changeOf(cell.arrow),
    abnormal: cell.abnormal,
    mark: cell.abnormal ? verdictMark(verdict) : '',
    verdictLabel: t(`trends.verdicts.${verdict}`),
    hint: cell.count > 1 ? t('trends.cellHintMany', { date: cell.date, count: cell.count }) : cell.date,
  };
}

function referenceText(row: TrendTableRow): string {
  return formatReference(row.reference);
}

/**
 * The year-over-year table (历年对比) as the page shows it: one row per indicator in the order of
 * `codes` when given (only those), otherwise every measured indicator grouped by category; names
 * and categories in the current language; each cell with its display text (at the indicator's
 * display decimals), arrow and abnormal mark.
 */
export function buildYearTable(table: TrendTable, codes?: readonly string[]): YearTableView {
  const english = currentLocale() === 'en';
  let rows: TrendTableRow[];
  if (codes) {
    const byCode = new Map(table.rows.map((row) => [row.code, row]));
    rows = codes.flatMap((code) => byCode.get(code) ?? []);
  } else {
    const categoryOrder = new Map<string, number>();
    for (const row of table.rows) if (!categoryOrder.has(row.category)) categoryOrder.set(row.category, categoryOrder.size);
    rows = [...table.rows].sort((a, b) => categoryOrder.get(a.category)! - categoryOrder.get(b.category)!);
  }
  return {
    years: table.years,
    rows: rows.map((row) => {
      const cells = row.cells.map((cell) => (cell ? cellView(cell, row.decimals) : null));
      return {
        code: row.code,
        name: english ? row.nameEn : row.name,
        unit: row.unit,
        category: categoryLabel(row.category),
        reference: referenceText(row),
        valueType: row.valueType,
        cells: table.years.map((_, index) => cells[index] ?? null),
        abnormalYears: cells.filter((cell) => cell?.abnormal).length,
      };
    }),
  };
}

/** The numeric indicators measured, for the indicator picker: `[code, name]` in table order. */
export function numericIndicators(table: TrendTable): { code: string; name: string; unit: string }[] {
  const english = currentLocale() === 'en';
  return table.rows
    .filter((row) => row.valueType === 'numeric')
    .map((row) => ({ code: row.code, name: english ? row.nameEn : row.name, unit: row.unit }));
}

/** The chart defaults of issue 4, kept in this order, limited to what the client has. */
export const DEFAULT_TREND_CODES = ['SBP', 'DBP', 'FPG', 'TC', 'TG', 'LDL_C', 'HDL_C', 'UA', 'BMI'] as const;

export function defaultCodes(available: readonly string[]): string[] {
  const present = new Set(available);
  return DEFAULT_TREND_CODES.filter((code) => present.has(code));
}
