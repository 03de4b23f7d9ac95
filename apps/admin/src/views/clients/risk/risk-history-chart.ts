import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { RiskAssessment, RiskModel } from '@/api/types';
import { formatDateTime } from '@/utils/format';
import { TREND_COLORS } from '../trends/trend-chart';
import { categoryTagType } from '@/views/risk/risk-result';
import { localised } from '@/views/risk/risk-text';

export type RiskHistoryOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Canvas cannot read CSS variables: Element Plus's tag colours, spelled out. */
const TAG_COLORS = { success: '#67c23a', warning: '#e6a23c', danger: '#f56c6c', info: '#909399' } as const;
const SEVERITY_ORDER = ['success', 'warning', 'danger', 'info'] as const;

type Computed = RiskAssessment & { category: string };

/** Only computed results are drawn; a missing or refused assessment has no value to plot. */
function computed(items: readonly RiskAssessment[]): RiskAssessment[] {
  return items.filter((item) => item.status === 'ok');
}

/**
 * The categories on the axis, favourable at the bottom: by colour (green, amber, red, neutral),
 * then in the model's own order where it lists them, then by first appearance.
 */
export function categoryAxis(model: RiskModel | undefined, items: readonly Computed[]): { code: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const item of items) if (!seen.has(item.category)) seen.set(item.category, localised(item.categoryLabel) || item.category);
  const listed = (model?.categories ?? []).map((category) => category.code);
  const severity = (code: string) => SEVERITY_ORDER.indexOf(categoryTagType(code));
  const listedAt = (code: string) => (listed.includes(code) ? listed.indexOf(code) : listed.length);
  return [...seen.keys()]
    .map((code, appearance) => ({ code, appearance }))
    .sort((a, b) => severity(a.code) - severity(b.code) || listedAt(a.code) - listedAt(b.code) || a.appearance - b.appearance)
    .map(({ code }) => ({ code, label: seen.get(code)! }));
}

function tooltip(item: RiskAssessment): string {
  const lines = [formatDateTime(item.assessedAt)];
  if (item.display) lines.push(item.display);
  if (item.categoryLabel) lines.push(localised(item.categoryLabel));
  return lines.join('<br/>');
}

const BASE: RiskHistoryOption = {
  animation: false,
  grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
  xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}-{dd}', hideOverlap: true }, splitLine: { show: false } },
};

/**
 * A small chart of one model's stored results over time: the value as a line for scores and
 * percentages, category steps for classifications. Null when nothing computed is stored yet.
 */
export function buildRiskHistoryOption(model: RiskModel | undefined, items: readonly RiskAssessment[]): RiskHistoryOption | null {
  const points = computed(items);
  const numeric = model?.resultKind !== 'category' && points.length > 0 && points.every((item) => item.value !== null);
  if (numeric) {
    return {
      ...BASE,
      tooltip: { trigger: 'item', formatter: (params: unknown) => tooltip(points[(params as { dataIndex: number }).dataIndex]!) },
      yAxis: { type: 'value', scale: true, name: points[0]!.unit ?? '', nameGap: 8 },
      series: [
        {
          type: 'line',
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { color: TREND_COLORS.line, width: 2 },
          data: points.map((item) => ({
            value: [item.assessedAt, item.value!],
            itemStyle: { color: TAG_COLORS[categoryTagType(item.category)] },
          })),
        },
      ],
    };
  }
  const categorised = points.filter((item): item is Computed => item.category !== null);
  if (categorised.length === 0) return null;
  const axis = categoryAxis(model, categorised);
  const index = new Map(axis.map((entry, position) => [entry.code, position]));
  return {
    ...BASE,
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => tooltip(categorised[(params as { dataIndex: number }).dataIndex]!),
    },
    yAxis: { type: 'category', data: axis.map((entry) => entry.label), boundaryGap: false },
    series: [
      {
        type: 'line',
        step: 'end',
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { color: TREND_COLORS.line, width: 2 },
        data: categorised.map((item) => ({
          value: [item.assessedAt, index.get(item.category)!],
          itemStyle: { color: TAG_COLORS[categoryTagType(item.category)] },
        })),
      },
    ],
  };
}
