import { afterEach, describe, expect, it } from 'vitest';
import type { TrendSeries } from '@/api/types';
import { applyLocale } from '@/i18n';
import { hdlSeries, sbpSeries } from '@/test/trends';
import {
  axisBounds,
  buildTrendOption,
  formatValue,
  niceStep,
  pointTooltip,
  signed,
  TREND_COLORS,
  trendStatsView,
} from './trend-chart';

type Series = {
  name: string;
  data: { value: [string, number]; symbolSize: number; itemStyle: { color: string } }[];
  markArea?: { data: [{ yAxis: number; name: string }, { yAxis: number }][] };
  markPoint?: { data: { name: string; coord: [string, number] }[] };
};

function firstSeries(series: TrendSeries): Series {
  return (buildTrendOption(series).series as Series[])[0]!;
}

afterEach(() => applyLocale('zh-CN'));

describe('trend chart option', () => {
  it('shades the reference interval between its limits', () => {
    expect(firstSeries(sbpSeries).markArea!.data).toEqual([[{ yAxis: 90, name: '参考范围 90–139' }, { yAxis: 139 }]]);
  });

  it('runs an open-ended band to the edge of the axis', () => {
    const option = buildTrendOption(hdlSeries);
    const yAxis = option.yAxis as { min: number; max: number };
    const [from, to] = firstSeries(hdlSeries).markArea!.data[0]!;
    expect(from).toEqual({ yAxis: 1, name: '参考范围 ≥ 1' });
    expect(to).toEqual({ yAxis: yAxis.max });
    expect(yAxis.max).toBeGreaterThan(1.08);
  });

  it('draws no band for an indicator without numeric limits', () => {
    const series = { ...sbpSeries, reference: { low: null, high: null } };
    expect(firstSeries(series).markArea).toBeUndefined();
  });

  it('keeps points and limits inside round axis bounds', () => {
    expect(buildTrendOption(sbpSeries).yAxis).toMatchObject({ min: 80, max: 160, interval: 20 });
    const hdl = buildTrendOption(hdlSeries).yAxis as { min: number; max: number };
    expect(hdl.min).toBeLessThan(0.95);
    expect(hdl.max).toBeGreaterThan(1.08);
  });

  it('draws abnormal points red and pins them with the direction of the verdict', () => {
    const series = firstSeries(sbpSeries);
    expect(series.data.map((item) => item.itemStyle.color)).toEqual([
      TREND_COLORS.line,
      TREND_COLORS.line,
      TREND_COLORS.line,
      TREND_COLORS.abnormal,
      TREND_COLORS.abnormal,
    ]);
    expect(series.data[4]).toMatchObject({ value: ['2025-07-08', 146], symbolSize: 10 });
    expect(series.markPoint!.data).toEqual([
      { name: '↑', coord: ['2024-07-02', 141] },
      { name: '↑', coord: ['2025-07-08', 146] },
    ]);
    expect(firstSeries(hdlSeries).markPoint!.data.map((point) => point.name)).toEqual(['↓', '↓']);
  });

  it('pins nothing when every point is normal', () => {
    const normal = { ...sbpSeries, points: sbpSeries.points.slice(0, 3) };
    expect(firstSeries(normal).markPoint).toBeUndefined();
  });

  it('shows date, value with unit and verdict in the tooltip', () => {
    const formatter = buildTrendOption(sbpSeries).tooltip as { formatter: (params: unknown) => string };
    const text = formatter.formatter([{ seriesIndex: 0, dataIndex: 4 }]);
    expect(text).toContain('2025-07-08');
    expect(text).toContain('收缩压');
    expect(text).toContain('146 mmHg');
    expect(text).toContain('偏高 ↑');
    expect(text).toContain(TREND_COLORS.abnormal);
    const normal = pointTooltip(sbpSeries, sbpSeries.points[0]!);
    expect(normal).toContain('128 mmHg');
    expect(normal).toContain('正常');
    expect(normal).not.toContain(TREND_COLORS.abnormal);
  });

  it('escapes names and keeps a censored value’s comparator in the tooltip', () => {
    const series = { ...hdlSeries, name: '<b>x</b>' };
    const text = pointTooltip(series, { ...hdlSeries.points[0]!, value: 0.5, comparator: '<' });
    expect(text).toContain('&#60;b&#62;x&#60;/b&#62;');
    expect(text).toContain('&#60;0.5 mmol/L');
  });

  it('shows values in the tooltip at the indicator’s display decimals', () => {
    const converted = { ...hdlSeries.points[0]!, value: 106 * 0.0555 };
    expect(pointTooltip(hdlSeries, converted)).toContain('5.88 mmol/L');
    expect(pointTooltip(sbpSeries, { ...sbpSeries.points[0]!, value: 131.25 })).toContain('131 mmHg');
    expect(pointTooltip({ ...hdlSeries, decimals: null }, converted)).toContain('5.883 mmol/L');
  });

  it('names the series in English after the language switch', () => {
    applyLocale('en');
    expect(firstSeries(sbpSeries).name).toBe('Systolic blood pressure (mmHg)');
    expect(firstSeries(sbpSeries).markArea!.data[0]![0].name).toBe('Reference 90–139');
  });
});

describe('axis helpers', () => {
  it('picks steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(14)).toBe(20);
    expect(niceStep(0.032)).toBe(0.05);
    expect(niceStep(2.3)).toBe(2.5);
    expect(niceStep(1)).toBe(1);
  });

  it('never goes below zero for non-negative values, and copes with a flat series', () => {
    expect(axisBounds([0.02, 0.9], [null, 0.5])).toEqual({ min: 0, max: 1, interval: 0.25 });
    const flat = axisBounds([5, 5], [null, null]);
    expect(flat.min).toBeLessThan(5);
    expect(flat.max).toBeGreaterThan(5);
  });
});

describe('trend statistics beside the chart', () => {
  it('shows change, slope per year, direction and the abnormal streak', () => {
    expect(trendStatsView(sbpSeries)).toEqual({
      range: '128 – 146 mmHg',
      change: '+18 mmHg (128 → 146)',
      slope: '+4.4 mmHg/年',
      direction: { label: '加重', type: 'danger' },
      streak: { label: '最近连续 2 次异常', abnormal: true },
    });
    expect(trendStatsView(hdlSeries)?.change).toBe('−0.13 mmol/L (1.08 → 0.95)');
    expect(trendStatsView(hdlSeries)?.slope).toBe('−0.031 mmol/L/年');
  });

  it('has nothing to show without points, and no slope when all points share a date', () => {
    expect(trendStatsView({ ...sbpSeries, stats: null })).toBeNull();
    const oneDay = trendStatsView({
      ...sbpSeries,
      stats: { ...sbpSeries.stats!, slopePerYear: null, abnormalStreak: 0, direction: 'stable' },
    });
    expect(oneDay).toMatchObject({
      slope: null,
      direction: { label: '稳定', type: 'info' },
      streak: { abnormal: false, label: '最近一次正常' },
    });
  });

  it('hides the float noise of converted values, rounding to the indicator’s decimals', () => {
    expect(formatValue(133 * 0.02586)).toBe('3.4394');
    expect(formatValue(133 * 0.02586, null, 2)).toBe('3.44');
    expect(formatValue(0.5, '<')).toBe('<0.5');
    const converted = { ...hdlSeries.stats!, first: 133 * 0.02586, min: 0.95, max: 133 * 0.02586, change: 0.95 - 133 * 0.02586 };
    expect(trendStatsView({ ...hdlSeries, stats: converted })).toMatchObject({
      range: '0.95 – 3.44 mmol/L',
      change: '−2.49 mmol/L (3.44 → 0.95)',
    });
    expect(trendStatsView({ ...hdlSeries, decimals: null, stats: converted })?.range).toBe('0.95 – 3.4394 mmol/L');
  });

  it('writes signs as a reader expects', () => {
    expect(signed(18)).toBe('+18');
    expect(signed(-0.134)).toBe('−0.13');
    expect(signed(0.001)).toBe('0');
  });
});
