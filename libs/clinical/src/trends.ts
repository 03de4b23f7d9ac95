/**
 * Trend statistics over one indicator's history (历年指标趋势) and the year-over-year table (历年对比).
 * Pure: callers pass points already sorted by date, values in the indicator's canonical unit, and
 * the reference interval that applies to the person.
 */
import type { ReferenceInterval } from './indicator-dictionary';
import { ORDINAL_GRADES, type Comparator, type OrdinalGrade, type ValueType } from './parse-value';
import type { Verdict } from './verdict';

export type TrendDirection = 'improving' | 'worsening' | 'stable';

/** One measured value on one date; `date` is `YYYY-MM-DD`. */
export interface TrendPoint {
  readonly date: string;
  readonly value: number;
  readonly verdict: Verdict;
}

export interface TrendStats {
  readonly first: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  /** last − first. */
  readonly change: number;
  /** Least-squares slope of value over years (days / 365.25); null with fewer than two distinct dates. */
  readonly slopePerYear: number | null;
  readonly direction: TrendDirection;
  /** How many of the latest consecutive points are not `normal`. */
  readonly abnormalStreak: number;
}

/**
 * How far outside the reference interval a value may be, as a fraction of the limit it passes, and
 * still count as "near" the interval; also the smallest change of that distance that counts as a
 * movement. 2 % is below the usual between-visit variation of the measured indicators, so that one
 * reading a hair outside a limit is not called a trend.
 */
export const DIRECTION_TOLERANCE = 0.02;

/** Relative change between two year columns below which the arrow is `→` (see `yearArrow`). */
export const ARROW_TOLERANCE = 0.01;

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.25;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on anything else, since points come from the database. */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/**
 * Statistics of a series in date order; undefined for an empty series. `reference` is the interval
 * the direction is judged against (no limits at all → `stable`: there is nothing to move toward).
 */
export function trendStats(points: readonly TrendPoint[], reference: ReferenceInterval): TrendStats | undefined {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const values = points.map((point) => point.value);
  return {
    first: first.value,
    last: last.value,
    min: Math.min(...values),
    max: Math.max(...values),
    change: last.value - first.value,
    slopePerYear: slopePerYear(points),
    direction: trendDirection(first.value, last.value, reference),
    abnormalStreak: abnormalStreak(points.map((point) => point.verdict)),
  };
}

/** Ordinary least squares of value on time in years; null when all points share one date. */
export function slopePerYear(points: readonly Pick<TrendPoint, 'date' | 'value'>[]): number | null {
  if (points.length < 2) return null;
  const origin = dayNumber(points[0]!.date);
  const xs = points.map((point) => (dayNumber(point.date) - origin) / DAYS_PER_YEAR);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, i) => {
    covariance += (x - meanX) * (points[i]!.value - meanY);
    variance += (x - meanX) ** 2;
  });
  return variance === 0 ? null : covariance / variance;
}

/**
 * How far a value lies outside the interval, as a fraction of the limit it passes (0 inside).
 * Relative, so that one tolerance fits mmHg and mmol/L alike; a limit of 0 is taken as an absolute
 * distance because no fraction of it exists.
 */
export function excessOutside(value: number, { low, high }: ReferenceInterval): number {
  if (high !== undefined && value > high) return (value - high) / (high === 0 ? 1 : Math.abs(high));
  if (low !== undefined && value < low) return (low - value) / (low === 0 ? 1 : Math.abs(low));
  return 0;
}

/**
 * Direction of the series relative to the reference interval, from the first and the last point:
 * with e = how far outside the interval a value is, as a fraction of the limit it passes (0 inside),
 * `worsening` when e(last) − e(first) > 2 %, `improving` when e(first) − e(last) > 2 %, otherwise
 * `stable` (staying within the interval, or within 2 % of it, or not moving by more than that).
 * Moving about inside the interval is `stable`. Without any limit the answer is `stable`.
 */
export function trendDirection(first: number, last: number, reference: ReferenceInterval): TrendDirection {
  if (reference.low === undefined && reference.high === undefined) return 'stable';
  const delta = excessOutside(last, reference) - excessOutside(first, reference);
  // The tolerance is compared on values rounded to 6 decimals, so 0.02 exactly is not a movement.
  const moved = Math.round(Math.abs(delta) * 1e6) / 1e6 > DIRECTION_TOLERANCE;
  if (!moved) return 'stable';
  return delta > 0 ? 'worsening' : 'improving';
}

/** How many of the latest consecutive verdicts (in date order) are not `normal`. */
export function abnormalStreak(verdicts: readonly Verdict[]): number {
  return verdicts.length - 1 - verdicts.lastIndexOf('normal');
}

export type YearArrow = '↑' | '↓' | '→';

/** One stored observation of any value type, as the table needs it. */
export interface TableObservation {
  readonly code: string;
  readonly date: string;
  readonly valueType: ValueType;
  /** Canonical number for numeric values. */
  readonly value: number | null;
  readonly comparator: Comparator | null;
  /** Normalised grade for ordinal values, the printed text for text values. */
  readonly text: string | null;
  readonly verdict: Verdict;
}

export interface YearCell {
  readonly year: number;
  /** The date of the value shown: the latest measurement of that year. */
  readonly date: string;
  readonly value: number | null;
  readonly comparator: Comparator | null;
  readonly text: string | null;
  readonly verdict: Verdict;
  readonly abnormal: boolean;
  /** Versus the previous column; null when that column is empty or the values cannot be ordered (text). */
  readonly arrow: YearArrow | null;
  /** Measurements of the indicator in that year (the cell shows the latest). */
  readonly count: number;
}

export interface YearRow {
  readonly code: string;
  /** Aligned with `YearTable.years`; null where the indicator was not measured that year. */
  readonly cells: readonly (YearCell | null)[];
}

export interface YearTable {
  /** Ascending. */
  readonly years: readonly number[];
  readonly rows: readonly YearRow[];
}

/**
 * Builds the year-over-year table: the columns are the `years` most recent calendar years in which
 * any of the given observations was measured (ascending), the rows follow `codes` (codes without a
 * value in those years are left out). A cell shows the latest measurement of its year; its arrow
 * compares it with the cell of the column before (see `yearArrow`).
 */
export function buildYearTable(observations: readonly TableObservation[], codes: readonly string[], years: number): YearTable {
  const examYears = [...new Set(observations.map((observation) => yearOf(observation.date)))].sort((a, b) => a - b);
  const columns = examYears.slice(Math.max(0, examYears.length - years));
  const columnIndex = new Map(columns.map((year, index) => [year, index]));

  const byCode = new Map<string, { latest: TableObservation; count: number }[]>();
  for (const observation of observations) {
    const column = columnIndex.get(yearOf(observation.date));
    if (column === undefined) continue;
    let slots = byCode.get(observation.code);
    if (slots === undefined) {
      slots = new Array(columns.length);
      byCode.set(observation.code, slots);
    }
    const slot = slots[column];
    if (slot === undefined) slots[column] = { latest: observation, count: 1 };
    else slots[column] = { latest: observation.date >= slot.latest.date ? observation : slot.latest, count: slot.count + 1 };
  }

  const rows: YearRow[] = [];
  for (const code of codes) {
    const slots = byCode.get(code);
    if (slots === undefined) continue;
    const cells: (YearCell | null)[] = [];
    columns.forEach((year, index) => {
      const slot = slots[index];
      if (slot === undefined) {
        cells.push(null);
        return;
      }
      const previous = index > 0 ? slots[index - 1] : undefined;
      const { latest } = slot;
      cells.push({
        year,
        date: latest.date,
        value: latest.value,
        comparator: latest.comparator,
        text: latest.text,
        verdict: latest.verdict,
        abnormal: latest.verdict !== 'normal',
        arrow: previous === undefined ? null : yearArrow(previous.latest, latest),
        count: slot.count,
      });
    });
    rows.push({ code, cells });
  }
  return { years: columns, rows };
}

/**
 * The arrow of a cell versus the previous column. Numeric: `↑`/`↓` when the value moved by more than
 * 1 % of the previous value (any change when the previous value is 0), else `→`. Ordinal: by grade
 * (阴性 < ± < 1+ < 2+ < 3+ < 4+); `阳性` without a grade is only comparable to itself (`→`). Text: none.
 */
export function yearArrow(
  previous: Pick<TableObservation, 'valueType' | 'value' | 'text'>,
  current: Pick<TableObservation, 'valueType' | 'value' | 'text'>,
): YearArrow | null {
  if (previous.valueType !== current.valueType) return null;
  if (current.valueType === 'numeric') {
    if (previous.value === null || current.value === null) return null;
    const delta = current.value - previous.value;
    // The epsilon keeps binary noise (101 − 100 against 1.0000000000000002) on the `→` side.
    if (Math.abs(delta) <= Math.abs(previous.value) * ARROW_TOLERANCE + 1e-9) return '→';
    return delta > 0 ? '↑' : '↓';
  }
  if (current.valueType === 'ordinal') {
    if (previous.text === current.text) return '→';
    const before = gradeRank(previous.text);
    const after = gradeRank(current.text);
    if (before === undefined || after === undefined) return null;
    return after > before ? '↑' : '↓';
  }
  return null;
}

const RANKED_GRADES: readonly OrdinalGrade[] = ORDINAL_GRADES.filter((grade) => grade !== '阳性');

function gradeRank(grade: string | null): number | undefined {
  const rank = RANKED_GRADES.indexOf(grade as OrdinalGrade);
  return rank < 0 ? undefined : rank;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
