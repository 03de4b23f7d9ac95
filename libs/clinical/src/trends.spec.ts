import { ageAtExam } from './age-at-exam';
import { referenceIntervalFor } from './reference-interval';
import { definitionOf } from './testing/shared-files';
import {
  abnormalStreak,
  buildYearTable,
  excessOutside,
  slopePerYear,
  trendDirection,
  trendStats,
  yearArrow,
  type TableObservation,
  type TrendPoint,
} from './trends';
import { numericVerdict, type Verdict } from './verdict';

/**
 * samples/README.md, "The five-year series (王志强)": canonical values, change, slope per year to
 * 2 decimals and the abnormal streak, computed here from the listed values and dates with the
 * dictionary verdicts (male, born 1970-03-18).
 */
describe('the five-year series of 王志强', () => {
  const BIRTH_DATE = '1970-03-18';
  const DATES = ['2021-06-01', '2022-06-15', '2023-06-20', '2024-07-02', '2025-07-08'];
  const SERIES: readonly [string, readonly (number | null)[], number, number, number][] = [
    ['SBP', [128, 132, 136, 141, 146], 18, 4.39, 2],
    ['DBP', [82, 84, 86, 89, 93], 11, 2.63, 1],
    ['FPG', [5.6, 5.88, 6.3, 6.6, 7.1], 1.5, 0.36, 3],
    ['HBA1C', [null, 5.8, 6.0, 6.2, 6.5], 0.7, 0.22, 2],
    ['TC', [5.12, 5.35, 5.48, 5.61, 5.74], 0.62, 0.15, 4],
    ['TG', [1.85, 2.05, 2.21, 2.36, 2.52], 0.67, 0.16, 5],
    ['HDL_C', [1.08, 1.03, 1.01, 0.98, 0.95], -0.13, -0.03, 2],
    ['LDL_C', [3.21, 3.44, 3.52, 3.66, 3.79], 0.58, 0.13, 4],
    ['UA', [398, 410.41, 426, 437, 448], 50, 12.35, 3],
    ['BMI', [25.1, 25.6, 26.0, 26.3, 26.8], 1.7, 0.4, 5],
  ];

  function pointsOf(code: string, values: readonly (number | null)[]): TrendPoint[] {
    const definition = definitionOf(code);
    return DATES.flatMap((date, i) => {
      const value = values[i];
      if (value === null || value === undefined) return [];
      const interval = referenceIntervalFor(definition, { sex: 'male', age: ageAtExam(BIRTH_DATE, date) });
      return [{ date, value, verdict: numericVerdict({ value }, interval) }];
    });
  }

  it.each(SERIES)(
    '%s: change, slope per year, abnormal streak, and a worsening direction',
    (code, values, change, slope, streak) => {
      const points = pointsOf(code, values);
      const stats = trendStats(points, definitionOf(code).limits.male);
      expect(stats).toBeDefined();
      expect(stats!.change).toBeCloseTo(change, 10);
      expect(Number(stats!.slopePerYear!.toFixed(2))).toBe(slope);
      expect(stats!.abnormalStreak).toBe(streak);
      expect(stats!.first).toBe(points[0]!.value);
      expect(stats!.last).toBe(points[points.length - 1]!.value);
      // Every series of this client drifts out of its interval (HDL-C downward, the rest upward).
      expect(stats!.direction).toBe('worsening');
    },
  );

  it('SBP stats as the API example shows them', () => {
    const stats = trendStats(pointsOf('SBP', [128, 132, 136, 141, 146]), definitionOf('SBP').limits.male);
    expect(stats).toEqual({
      first: 128,
      last: 146,
      min: 128,
      max: 146,
      change: 18,
      slopePerYear: expect.closeTo(4.3898, 4),
      direction: 'worsening',
      abnormalStreak: 2,
    });
  });
});

describe('slopePerYear', () => {
  it('is the least-squares slope over days / 365.25', () => {
    expect(
      slopePerYear([
        { date: '2020-01-01', value: 10 },
        { date: '2020-12-31', value: 12 },
      ]),
    ).toBeCloseTo((2 * 365.25) / 365, 10);
    // Values on a line of exactly 1 per year of 365.25 days, across a leap year.
    expect(
      slopePerYear([
        { date: '2020-01-01', value: 0 },
        { date: '2021-01-01', value: 366 / 365.25 },
        { date: '2022-01-01', value: 731 / 365.25 },
      ]),
    ).toBeCloseTo(1, 10);
  });

  it('is null for one point or points on one date', () => {
    expect(slopePerYear([{ date: '2024-05-01', value: 3 }])).toBeNull();
    expect(
      slopePerYear([
        { date: '2024-05-01', value: 3 },
        { date: '2024-05-01', value: 4 },
      ]),
    ).toBeNull();
  });
});

describe('trendDirection', () => {
  const SBP = { low: 90, high: 139 };

  it('is stable inside the interval, whatever the movement', () => {
    expect(trendDirection(92, 138, SBP)).toBe('stable');
    expect(trendDirection(138, 95, SBP)).toBe('stable');
  });

  it('is stable within 2 % of a limit (near the interval)', () => {
    // 141 is 2/139 = 1.4 % above 139.
    expect(trendDirection(130, 141, SBP)).toBe('stable');
    expect(trendDirection(141, 130, SBP)).toBe('stable');
  });

  it('is worsening when the distance outside grows by more than 2 % of the limit, improving when it shrinks', () => {
    expect(trendDirection(130, 143, SBP)).toBe('worsening');
    expect(trendDirection(150, 145, SBP)).toBe('improving');
    expect(trendDirection(150, 135, SBP)).toBe('improving');
    expect(trendDirection(150, 160, SBP)).toBe('worsening');
    expect(trendDirection(92, 80, SBP)).toBe('worsening');
    expect(trendDirection(80, 95, SBP)).toBe('improving');
  });

  it('treats exactly 2 % as no movement', () => {
    // 1.0 → 0.98 for a lower limit of 1.0 is 2 % exactly.
    expect(trendDirection(1.0, 0.98, { low: 1 })).toBe('stable');
    expect(trendDirection(1.0, 0.97, { low: 1 })).toBe('worsening');
  });

  it('counts a swing from one side to the other by the distances, not the sign', () => {
    expect(trendDirection(150, 70, SBP)).toBe('worsening');
    expect(trendDirection(70, 142, SBP)).toBe('improving');
  });

  it('is stable without any limit', () => {
    expect(trendDirection(70, 90, {})).toBe('stable');
  });

  it('measures a limit of 0 as an absolute distance', () => {
    expect(excessOutside(0.2, { low: 0, high: 0.06 })).toBeCloseTo(2.333, 3);
    expect(excessOutside(-0.5, { low: 0 })).toBe(0.5);
    expect(excessOutside(-2.5, { low: -1 })).toBe(1.5);
  });
});

describe('abnormalStreak', () => {
  it('counts the latest consecutive non-normal verdicts', () => {
    const v = (...verdicts: Verdict[]) => verdicts;
    expect(abnormalStreak(v('high', 'normal', 'high', 'high'))).toBe(2);
    expect(abnormalStreak(v('high', 'low', 'abnormal'))).toBe(3);
    expect(abnormalStreak(v('high', 'normal'))).toBe(0);
    expect(abnormalStreak([])).toBe(0);
  });
});

describe('trendStats', () => {
  it('is undefined for no points', () => {
    expect(trendStats([], {})).toBeUndefined();
  });

  it('takes min and max over all points, not only the ends', () => {
    const stats = trendStats(
      [
        { date: '2021-01-10', value: 5, verdict: 'normal' },
        { date: '2022-01-10', value: 9, verdict: 'high' },
        { date: '2023-01-10', value: 2, verdict: 'low' },
        { date: '2024-01-10', value: 6, verdict: 'normal' },
      ],
      { low: 3, high: 7 },
    );
    expect(stats).toMatchObject({ first: 5, last: 6, min: 2, max: 9, change: 1, direction: 'stable', abnormalStreak: 0 });
  });
});

describe('buildYearTable', () => {
  const numeric = (code: string, date: string, value: number, verdict: Verdict = 'normal'): TableObservation => ({
    code,
    date,
    valueType: 'numeric',
    value,
    comparator: null,
    text: null,
    verdict,
  });
  const graded = (
    code: string,
    date: string,
    text: string,
    valueType: 'ordinal' | 'text',
    verdict: Verdict,
  ): TableObservation => ({
    code,
    date,
    valueType,
    value: null,
    comparator: null,
    text,
    verdict,
  });

  it('has one column per exam year (the most recent ones, ascending) and one row per code in the order asked', () => {
    const table = buildYearTable(
      [
        numeric('SBP', '2019-05-01', 120),
        numeric('SBP', '2021-06-01', 128),
        numeric('SBP', '2022-06-15', 132),
        numeric('SBP', '2024-07-02', 141, 'high'),
        numeric('FPG', '2022-06-15', 5.88),
        numeric('FPG', '2024-07-02', 6.6, 'high'),
      ],
      ['FPG', 'SBP', 'TC'],
      3,
    );
    expect(table.years).toEqual([2021, 2022, 2024]);
    expect(table.rows.map((row) => row.code)).toEqual(['FPG', 'SBP']);
    const [fpg, sbp] = table.rows;
    expect(fpg!.cells.map((cell) => cell?.value ?? null)).toEqual([null, 5.88, 6.6]);
    // The first cell after an empty column has nothing to compare with.
    expect(fpg!.cells.map((cell) => cell?.arrow ?? null)).toEqual([null, null, '↑']);
    expect(sbp!.cells.map((cell) => [cell?.value, cell?.arrow, cell?.abnormal])).toEqual([
      [128, null, false],
      [132, '↑', false],
      [141, '↑', true],
    ]);
  });

  it('shows the latest value of a year with the number of measurements', () => {
    const table = buildYearTable(
      [numeric('SBP', '2024-11-02', 150, 'high'), numeric('SBP', '2024-03-01', 130), numeric('SBP', '2023-03-01', 150, 'high')],
      ['SBP'],
      5,
    );
    expect(table.rows[0]!.cells).toEqual([
      expect.objectContaining({ year: 2023, value: 150, count: 1, arrow: null }),
      expect.objectContaining({
        year: 2024,
        date: '2024-11-02',
        value: 150,
        count: 2,
        arrow: '→',
        verdict: 'high',
        abnormal: true,
      }),
    ]);
  });

  it('includes ordinal and text rows with abnormal marks', () => {
    const table = buildYearTable(
      [
        graded('U_PRO', '2024-05-01', '阴性', 'ordinal', 'normal'),
        graded('U_PRO', '2025-05-01', '1+', 'ordinal', 'abnormal'),
        graded('ECG_CONCL', '2024-05-01', '正常心电图', 'text', 'normal'),
        graded('ECG_CONCL', '2025-05-01', '窦性心动过缓', 'text', 'abnormal'),
      ],
      ['U_PRO', 'ECG_CONCL'],
      5,
    );
    expect(table.rows.map((row) => row.cells.map((cell) => [cell?.text, cell?.arrow, cell?.abnormal]))).toEqual([
      [
        ['阴性', null, false],
        ['1+', '↑', true],
      ],
      [
        ['正常心电图', null, false],
        ['窦性心动过缓', null, true],
      ],
    ]);
  });

  it('is empty without observations', () => {
    expect(buildYearTable([], ['SBP'], 5)).toEqual({ years: [], rows: [] });
  });
});

describe('yearArrow', () => {
  const n = (value: number) => ({ valueType: 'numeric' as const, value, text: null });
  const o = (text: string) => ({ valueType: 'ordinal' as const, value: null, text });

  it('numeric: → within 1 % of the previous value, else ↑ or ↓', () => {
    expect(yearArrow(n(100), n(101))).toBe('→');
    expect(yearArrow(n(100), n(99))).toBe('→');
    expect(yearArrow(n(100), n(101.5))).toBe('↑');
    expect(yearArrow(n(1.03), n(1.01))).toBe('↓');
    expect(yearArrow(n(0), n(0.01))).toBe('↑');
    expect(yearArrow(n(0), n(0))).toBe('→');
    expect(yearArrow(n(-1.2), n(-2.1))).toBe('↓');
  });

  it('ordinal: by grade; 阳性 without a grade only equals itself', () => {
    expect(yearArrow(o('2+'), o('±'))).toBe('↓');
    expect(yearArrow(o('阴性'), o('±'))).toBe('↑');
    expect(yearArrow(o('阳性'), o('阳性'))).toBe('→');
    expect(yearArrow(o('阳性'), o('2+'))).toBeNull();
  });

  it('text: none', () => {
    expect(yearArrow({ valueType: 'text', value: null, text: 'a' }, { valueType: 'text', value: null, text: 'b' })).toBeNull();
  });
});
