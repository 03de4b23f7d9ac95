import { afterEach, describe, expect, it } from 'vitest';
import type { ReportItem } from '@/api/types';
import { applyLocale } from '@/i18n';
import { emptyReportFilters, itemView, reportQuery } from './exam-reports.schema';

const glucose: ReportItem = {
  index: 3,
  name: '血糖',
  status: 'mapped',
  code: 'FPG',
  indicatorName: '空腹血糖',
  indicatorNameEn: 'Fasting plasma glucose',
  value: '5.883',
  numericValue: 5.883,
  comparator: null,
  unit: 'mmol/L',
  decimals: 2,
  verdict: 'normal',
  reference: { low: 3.9, high: 6.09, text: null },
  sender: { value: '106', unit: 'mg/dL', referenceRange: '70-99', flag: 'H', code: null },
  problem: null,
};

describe('exam report list filters', () => {
  it('sends only the filters that are set', () => {
    expect(reportQuery(emptyReportFilters())).toEqual({
      from: undefined,
      to: undefined,
      source: undefined,
      status: undefined,
      abnormal: undefined,
    });
    expect(
      reportQuery({ dates: ['2024-01-01', '2025-12-31'], source: ' kangning-pems ', status: 'needs_mapping', abnormal: 'false' }),
    ).toEqual({ from: '2024-01-01', to: '2025-12-31', source: 'kangning-pems', status: 'needs_mapping', abnormal: false });
  });
});

describe('report item view', () => {
  afterEach(() => applyLocale('zh-CN'));

  it('names the dictionary indicator in the current language', () => {
    applyLocale('en');
    expect(itemView(glucose)).toMatchObject({ name: '血糖', indicator: 'Fasting plasma glucose', verdictLabel: 'Normal' });
  });

  it('shows the stored value in the canonical unit at the indicator’s decimals, and the sender’s print on hover', () => {
    const view = itemView(glucose);
    expect(view).toMatchObject({
      name: '血糖',
      indicator: '空腹血糖',
      value: '5.88',
      unit: 'mmol/L',
      reference: '3.9–6.09',
      abnormal: false,
      mark: '',
      verdictLabel: '正常',
    });
    // The sender flagged it H by its own range; the verdict follows the dictionary.
    expect(view.sender).toEqual([
      { label: '原始结果', value: '106 mg/dL' },
      { label: '原始参考范围', value: '70-99' },
      { label: '原始标记', value: 'H' },
    ]);
  });

  it('keeps the comparator of censored values and shows values without known decimals at most to 4', () => {
    expect(itemView({ ...glucose, value: '<0.5', numericValue: 0.5, comparator: '<' }).value).toBe('<0.5');
    expect(itemView({ ...glucose, value: '3.4394', numericValue: 3.43938, decimals: null }).value).toBe('3.4394');
    expect(itemView({ ...glucose, value: '146', numericValue: 146, decimals: 0, unit: 'mmHg' }).value).toBe('146');
  });

  it('marks high and low values red with ↑/↓, and other abnormal results red', () => {
    expect(itemView({ ...glucose, value: '7.1', verdict: 'high' })).toMatchObject({
      abnormal: true,
      mark: '↑',
      verdictType: 'danger',
    });
    expect(itemView({ ...glucose, verdict: 'low' }).mark).toBe('↓');
    const protein = itemView({
      ...glucose,
      code: 'U_PRO',
      name: '尿蛋白',
      indicatorName: '尿蛋白',
      value: '+',
      numericValue: null,
      unit: '',
      verdict: 'abnormal',
      reference: { low: null, high: null, text: '阴性' },
      sender: { value: '+', unit: null, referenceRange: '阴性', flag: null, code: null },
    });
    expect(protein).toMatchObject({ indicator: null, abnormal: true, reference: '阴性', verdictLabel: '异常' });
  });

  it('shows unmapped items as sent, without a verdict', () => {
    const view = itemView({
      ...glucose,
      status: 'unmapped',
      code: null,
      indicatorName: null,
      value: null,
      numericValue: null,
      unit: '',
      verdict: null,
      reference: null,
    });
    expect(view).toMatchObject({ value: '106', unit: 'mg/dL', reference: '70-99', abnormal: false, verdictLabel: null });
  });
});
