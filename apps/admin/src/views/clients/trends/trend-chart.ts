import type { LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TrendPoint, TrendSeries, Verdict } from '@/api/types';
import { currentLocale, t } from '@/i18n';
import { formatMeasurement } from '@/utils/indicator-display';

export type TrendChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkPointComponentOption
>;

/** Canvas cannot read CSS variables: the admin theme's primary and danger colours, spelled out. */
export const TREND_COLORS = {
  line: '#0f8f7e',
  abnormal: '#e5484d',
  band: 'rgba(15, 143, 126, 0.12)',
} as const;

const VERDICT_MARK: Record<Verdict, string> = { normal: '', high: '↑', low: '↓', abnormal: '!' };

export function verdictMark(verdict: Verdict): string {
  return VERDICT_MARK[verdict];
}

/**
 * A stored number for reading, at the indicator's display decimals when known; otherwise at most 4
 * decimals, hiding conversion noise (133 mg/dL × 0.02586 = 3.4393800000000003).
 */
export function formatNumber(value: number, decimals?: number | null): string {
  return formatMeasurement(value, decimals);
}

/** `<0.5`, `146`, `5.88`: a value as the sender's comparator and the number at the indicator's display decimals. */
export function formatValue(value: number, comparator: string | null = null, decimals?: number | null): string {
  return `${comparator ?? ''}${formatNumber(value, decimals)}`;
}

/** `90–139`, `≤ 5.2`, `≥ 1.04`; empty when the indicator has no numeric limit. */
export function formatReference(reference: { low: number | null; high: number | null }): string {
  const { low, high } = reference;
  if (low !== null && high !== null) return `${low}–${high}`;
  if (high !== null) return `≤ ${high}`;
  if (low !== null) return `≥ ${low}`;
  return '';
}

function decimalsOf(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

/** 1, 2, 2.5 or 5 times a power of ten: the step the axis ticks fall on. */
export function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return Number((nice * magnitude).toPrecision(6));
}

export interface AxisBounds {
  min: number;
  max: number;
  interval: number;
}

/**
 * The value axis covers the points and the reference limits, on round ticks with some air above
 * and below, so the shaded band is always in view and an open-ended band can run to the edge.
 * It never goes below zero for series that have no negative value.
 */
export function axisBounds(values: number[], limits: (number | null)[]): AxisBounds {
  const all = [...values, ...limits.filter((limit): limit is number => limit !== null)];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const span = high - low || Math.abs(high) * 0.2 || 1;
  const interval = niceStep(span / 4);
  const decimals = decimalsOf(interval);
  const round = (value: number) => Number(value.toFixed(decimals));
  let min = round(Math.floor((low - interval * 0.25) / interval) * interval);
  const max = round(Math.ceil((high + interval * 0.25) / interval) * interval);
  if (low >= 0 && min < 0) min = 0;
  return { min, max, interval };
}

/** The indicator's name in the current language. */
export function seriesName(series: Pick<TrendSeries, 'name' | 'nameEn'>): string {
  return currentLocale() === 'en' ? series.nameEn : series.name;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The tooltip of one point: date, value with unit, and the verdict (red when not normal). */
export function pointTooltip(series: Pick<TrendSeries, 'name' | 'nameEn' | 'unit' | 'decimals'>, point: TrendPoint): string {
  const abnormal = point.abnormal !== 'normal';
  const color = abnormal ? TREND_COLORS.abnormal : 'inherit';
  const value = `${formatValue(point.value, point.comparator, series.decimals)}${series.unit ? ` ${series.unit}` : ''}`;
  const verdict = `${t(`trends.verdicts.${point.abnormal}`)}${abnormal ? ` ${verdictMark(point.abnormal)}` : ''}`;
  return [
    `<div style="font-weight:600">${escapeHtml(point.date)}</div>`,
    `<div>${escapeHtml(seriesName(series))}：<span style="color:${color};font-weight:600">${escapeHtml(value)}</span></div>`,
    `<div style="color:${color}">${escapeHtml(verdict)}</div>`,
  ].join('');
}

interface AxisTooltipParam {
  seriesIndex?: number;
  dataIndex?: number;
}

/**
 * One line chart of an indicator over time: the current reference interval shaded (markArea),
 * points judged not normal drawn red and pinned with ↑/↓ (markPoint), and a tooltip per point.
 */
export function buildTrendOption(series: TrendSeries): TrendChartOption {
  const { points, reference } = series;
  const bounds = axisBounds(
    points.map((point) => point.value),
    [reference.low, reference.high],
  );
  const hasBand = reference.low !== null || reference.high !== null;
  const bandLow = reference.low ?? bounds.min;
  const bandHigh = reference.high ?? bounds.max;

  const markArea: LineSeriesOption['markArea'] = hasBand
    ? {
        silent: true,
        itemStyle: { color: TREND_COLORS.band },
        // The range is printed above the chart; a label inside the band would sit on the line.
        label: { show: false },
        data: [[{ name: t('trends.referenceBand', { range: formatReference(reference) }), yAxis: bandLow }, { yAxis: bandHigh }]],
      }
    : undefined;

  const abnormalPoints = points.filter((point) => point.abnormal !== 'normal');
  const markPoint: LineSeriesOption['markPoint'] = abnormalPoints.length
    ? {
        symbol: 'pin',
        symbolSize: 30,
        itemStyle: { color: TREND_COLORS.abnormal },
        label: { show: true, color: '#fff', fontSize: 12, fontWeight: 'bold', formatter: '{b}' },
        data: abnormalPoints.map((point) => ({ name: verdictMark(point.abnormal), coord: [point.date, point.value] })),
      }
    : undefined;

  const label = `${seriesName(series)}${series.unit ? ` (${series.unit})` : ''}`;
  return {
    animation: false,
    grid: { left: 12, right: 28, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { show: true, top: 0, left: 0, itemWidth: 18, data: [label] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as AxisTooltipParam[];
        const point = points[list.find((param) => param.seriesIndex === 0)?.dataIndex ?? -1];
        return point ? pointTooltip(series, point) : '';
      },
    },
    xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}', hideOverlap: true }, splitLine: { show: false } },
    yAxis: { type: 'value', min: bounds.min, max: bounds.max, interval: bounds.interval },
    series: [
      {
        type: 'line',
        name: label,
        data: points.map((point) => {
          const abnormal = point.abnormal !== 'normal';
          return {
            value: [point.date, point.value],
            symbolSize: abnormal ? 10 : 7,
            itemStyle: abnormal
              ? { color: TREND_COLORS.abnormal, borderColor: TREND_COLORS.abnormal }
              : { color: TREND_COLORS.line, borderColor: TREND_COLORS.line },
          };
        }),
        symbol: 'circle',
        lineStyle: { color: TREND_COLORS.line, width: 2 },
        itemStyle: { color: TREND_COLORS.line },
        markArea,
        markPoint,
      },
    ],
  };
}

/** `+18`, `−0.13`, `0`: a signed change, rounded for reading. */
export function signed(value: number, decimals = 2): string {
  const rounded = Number(value.toFixed(decimals));
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${rounded}` : `−${Math.abs(rounded)}`;
}

export type TagType = 'success' | 'danger' | 'info' | 'warning';

const DIRECTION_TAG: Record<string, TagType> = { improving: 'success', worsening: 'danger', stable: 'info' };

export interface TrendStatsView {
  range: string;
  change: string;
  slope: string | null;
  direction: { label: string; type: TagType };
  streak: { label: string; abnormal: boolean };
}

/**
 * The figures shown beside a chart, or null when the series has no point: values and the change
 * at the indicator's display decimals, the slope per year with one more (a yearly rate of 3.5 mmHg
 * would otherwise read as 4).
 */
export function trendStatsView(series: Pick<TrendSeries, 'unit' | 'stats' | 'decimals'>): TrendStatsView | null {
  const { stats, unit } = series;
  if (!stats) return null;
  const { decimals } = series;
  const withUnit = (text: string) => (unit ? `${text} ${unit}` : text);
  const value = (number: number) => formatNumber(number, decimals);
  const slopeDecimals = decimals === null ? 2 : decimals + 1;
  return {
    range: withUnit(`${value(stats.min)} – ${value(stats.max)}`),
    change: `${withUnit(signed(stats.change, decimals ?? 2))} (${value(stats.first)} → ${value(stats.last)})`,
    slope:
      stats.slopePerYear === null ? null : t('trends.perYear', { value: withUnit(signed(stats.slopePerYear, slopeDecimals)) }),
    direction: { label: t(`trends.directions.${stats.direction}`), type: DIRECTION_TAG[stats.direction] ?? 'info' },
    streak: {
      label: stats.abnormalStreak > 0 ? t('trends.streak', { count: stats.abnormalStreak }) : t('trends.noStreak'),
      abnormal: stats.abnormalStreak > 0,
    },
  };
}
