import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale } from '@/i18n';
import { CATALOGUE } from '@/test/facts';
import { describeCondition, factLabel, formatFactValue, groupFacts, selectableFacts, valueOptions } from './fact-catalogue';

const fact = (path: string) => CATALOGUE.find((candidate) => candidate.path === path);

afterEach(() => applyLocale('zh-CN'));

describe('fact catalogue for the builder', () => {
  it('groups the fields in the API’s order, with group names in the current language', () => {
    expect(groupFacts(CATALOGUE).map((group) => [group.label, group.facts.length])).toEqual([
      ['基本信息', 3],
      ['健康档案', 1],
      ['检查指标', 3],
    ]);
    applyLocale('en');
    expect(groupFacts(CATALOGUE).map((group) => group.label)).toEqual(['Basic information', 'Health archive', 'Exam indicators']);
    expect(groupFacts([{ ...CATALOGUE[0]!, group: '其他' }])[0]!.label).toBe('其他');
  });

  it('offers a retired indicator’s facts only to the condition that already reads them, labelled as retired', () => {
    const retired = { ...fact('ind.SBP.value')!, retired: true };
    const catalogue = CATALOGUE.map((candidate) => (candidate.path === retired.path ? retired : candidate));
    expect(selectableFacts(catalogue, undefined).map((f) => f.path)).not.toContain('ind.SBP.value');
    expect(selectableFacts(catalogue, 'age').map((f) => f.path)).not.toContain('ind.SBP.value');
    expect(selectableFacts(catalogue, 'ind.SBP.value').map((f) => f.path)).toContain('ind.SBP.value');
    expect(selectableFacts(catalogue, undefined)).toHaveLength(CATALOGUE.length - 1);
    expect(factLabel(retired)).toBe(`${fact('ind.SBP.value')!.label}（已停用）`);
    applyLocale('en');
    expect(factLabel(retired)).toBe(`${fact('ind.SBP.value')!.labelEn} (retired)`);
    expect(factLabel(fact('ind.SBP.value')!)).toBe(fact('ind.SBP.value')!.labelEn);
  });

  it('offers coded values with their Chinese labels, and the codes in English', () => {
    expect(valueOptions(fact('sex')!)).toEqual([
      { value: 'male', label: '男' },
      { value: 'female', label: '女' },
    ]);
    expect(valueOptions(fact('tags')!)).toEqual([
      { value: '高血压', label: '高血压' },
      { value: '吸烟', label: '吸烟' },
    ]);
    applyLocale('en');
    expect(valueOptions(fact('sex')!).map((option) => option.label)).toEqual(['male', 'female']);
  });

  it('formats fact values with units, 是/否, code labels, lists, and — when unknown', () => {
    expect(formatFactValue(fact('ind.SBP.value'), 152)).toBe('152 mmHg');
    expect(formatFactValue(undefined, 152)).toBe('152');
    expect(formatFactValue(fact('archive.smoker'), true)).toBe('是');
    expect(formatFactValue(fact('archive.smoker'), false)).toBe('否');
    expect(formatFactValue(fact('ind.GLU.abnormal'), 'high')).toBe('偏高');
    expect(formatFactValue(fact('ind.GLU.abnormal'), 'unheard-of')).toBe('unheard-of');
    expect(formatFactValue(fact('tags'), ['高血压', '吸烟'])).toBe('高血压、吸烟');
    expect(formatFactValue(fact('tags'), [])).toBe('无');
    expect(formatFactValue(fact('ind.SBP.value'), null)).toBe('—');
    expect(formatFactValue(fact('ind.SBP.value'), undefined)).toBe('—');
  });
});

describe('condition summary of the rule list', () => {
  it('reads a builder condition as one line with labels, symbols and units', () => {
    const condition = {
      or: [{ '>=': [{ var: 'ind.SBP.value' }, 140] }, { '>=': [{ var: 'ind.DBP.value' }, 90] }],
    };
    expect(describeCondition(condition, CATALOGUE)).toBe('收缩压 最新值 ≥ 140 mmHg 或 舒张压 最新值 ≥ 90 mmHg');
    applyLocale('en');
    expect(describeCondition(condition, CATALOGUE)).toBe(
      'Systolic blood pressure latest value ≥ 140 mmHg or Diastolic blood pressure latest value ≥ 90 mmHg',
    );
  });

  it('puts nested groups in parentheses and shows each operator', () => {
    const condition = {
      and: [
        { in: [{ var: 'sex' }, ['male', 'female']] },
        { or: [{ '==': [{ var: 'archive.smoker' }, true] }, { '!': { in: ['高血压', { var: 'tags' }] } }] },
      ],
    };
    expect(describeCondition(condition, CATALOGUE)).toBe('性别 属于 男、女 且 (目前吸烟 是 或 已有标签 不包含 高血压)');
  });

  it('names an unknown fact by its path, and a condition the builder cannot read as custom', () => {
    expect(describeCondition({ and: [{ '<': [{ var: 'scores.phq9' }, 5] }] }, CATALOGUE)).toBe('scores.phq9 < 5');
    expect(describeCondition({ '!!': { var: 'archive.smoker' } }, CATALOGUE)).toBe('自定义 JSON 条件');
  });
});
