import { afterEach, describe, expect, it } from 'vitest';
import type { RiskModel } from '@/api/types';
import { applyLocale } from '@/i18n';
import { assessment, bpGrade } from '@/test/risk';
import { buildRiskHistoryOption } from './risk-history-chart';

afterEach(() => applyLocale('zh-CN'));

type Series = { step?: string; data: { value: [string, number]; itemStyle: { color: string } }[] };
const seriesOf = (option: ReturnType<typeof buildRiskHistoryOption>) => (option!.series as Series[])[0]!;

const normal = { category: 'normal', categoryLabel: { zh: '正常血压', en: 'normal' } };
const highNormal = { category: 'high_normal', categoryLabel: { zh: '正常高值', en: 'high-normal' } };
const qixu = { category: 'qixu', categoryLabel: { zh: '气虚质', en: 'qi deficiency' } };
const yinxu = { category: 'yinxu', categoryLabel: { zh: '阴虚质', en: 'yin deficiency' } };
const grade1 = { category: 'grade_1', categoryLabel: { zh: '1级高血压', en: 'grade 1 hypertension' } };

describe('risk history chart', () => {
  it('draws a classification as steps on its categories, favourable at the bottom', () => {
    const option = buildRiskHistoryOption(bpGrade, [
      assessment({ ...grade1, assessedAt: '2023-07-01T00:00:00Z' }),
      assessment({ ...normal, assessedAt: '2024-07-01T00:00:00Z' }),
      assessment({ ...highNormal, assessedAt: '2025-07-01T00:00:00Z' }),
    ]);
    expect((option!.yAxis as { data: string[] }).data).toEqual(['正常血压', '正常高值', '1级高血压']);
    const series = seriesOf(option);
    expect(series.step).toBe('end');
    expect(series.data.map((point) => point.value)).toEqual([
      ['2023-07-01T00:00:00Z', 2],
      ['2024-07-01T00:00:00Z', 0],
      ['2025-07-01T00:00:00Z', 1],
    ]);
    expect(series.data[0]!.itemStyle.color).toBe('#f56c6c');
  });

  it('orders categories of one colour as the model lists them', () => {
    const tcm: RiskModel = {
      ...bpGrade,
      categories: [qixu, yinxu].map(({ category, categoryLabel }) => ({ code: category, label: categoryLabel })),
    };
    const option = buildRiskHistoryOption(tcm, [
      assessment({ ...yinxu, assessedAt: '2024-01-01T00:00:00Z' }),
      assessment({ ...qixu, assessedAt: '2025-01-01T00:00:00Z' }),
      assessment({ category: 'pinghe', categoryLabel: { zh: '平和质', en: 'balanced' }, assessedAt: '2025-06-01T00:00:00Z' }),
    ]);
    expect((option!.yAxis as { data: string[] }).data).toEqual(['平和质', '气虚质', '阴虚质']);
  });

  it('puts the favourable end at the bottom even when the model lists it later', () => {
    const mets: RiskModel = {
      ...bpGrade,
      categories: [
        { code: 'yes', label: { zh: '代谢综合征', en: 'metabolic syndrome' } },
        { code: 'no', label: { zh: '无代谢综合征', en: 'no metabolic syndrome' } },
      ],
    };
    const option = buildRiskHistoryOption(mets, [
      assessment({ category: 'yes', categoryLabel: { zh: '代谢综合征', en: 'metabolic syndrome' } }),
      assessment({ category: 'no', categoryLabel: { zh: '无代谢综合征', en: 'no metabolic syndrome' } }),
    ]);
    expect((option!.yAxis as { data: string[] }).data).toEqual(['无代谢综合征', '代谢综合征']);
  });

  it('draws scores and percentages as a line of the value, skipping results that were not computed', () => {
    const percent: RiskModel = { ...bpGrade, model: 'china-par', resultKind: 'percent' };
    const option = buildRiskHistoryOption(percent, [
      assessment({ value: 4.73, unit: '%', display: '4.7 %', category: 'low', assessedAt: '2024-01-01T00:00:00Z' }),
      assessment({ status: 'missing', value: null, category: null, assessedAt: '2024-06-01T00:00:00Z' }),
      assessment({ value: 5.6, unit: '%', display: '5.6 %', category: 'medium', assessedAt: '2025-01-01T00:00:00Z' }),
    ]);
    expect(option!.yAxis).toMatchObject({ type: 'value', name: '%' });
    expect(seriesOf(option).data.map((point) => point.value)).toEqual([
      ['2024-01-01T00:00:00Z', 4.73],
      ['2025-01-01T00:00:00Z', 5.6],
    ]);
  });

  it('has nothing to draw without a computed result', () => {
    expect(buildRiskHistoryOption(bpGrade, [assessment({ status: 'refused', category: null, categoryLabel: null })])).toBeNull();
    expect(buildRiskHistoryOption(bpGrade, [])).toBeNull();
  });
});
