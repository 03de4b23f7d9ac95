import { afterEach, describe, expect, it } from 'vitest';
import type { CardType, RiskModel, Tag } from '@/api/types';
import { applyLocale } from '@/i18n';
import { cdrs, phq9 } from '@/test/risk';
import {
  cardTypeOptions,
  categoriesKept,
  riskCategoryOptions,
  riskModelOptions,
  tagOptions,
  triggerNames,
} from './trigger-catalogues';

const hypertension: Tag = {
  id: '4c1f0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e',
  name: '高血压',
  nameEn: 'Hypertension',
  colour: '#F56C6C',
  category: '慢病风险',
  description: null,
  kind: 'rule',
  condition: null,
  ruleVersion: 1,
  active: true,
  clientCount: 3,
  reevaluation: { state: 'idle', total: 0, done: 0, added: 0, removed: 0, version: 1, finishedAt: null },
  updatedAt: '2026-12-01T00:00:00Z',
};
const vip: Tag = { ...hypertension, id: 'a2b3c4d5-0000-4000-8000-000000000001', name: 'VIP', nameEn: null, category: '服务' };

const annual: CardType = {
  id: '0f9d3a1e-1111-4111-8111-000000000001',
  name: '年度健康管理卡',
  validityMonths: 12,
  services: [],
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const retired: CardType = { ...annual, id: '0f9d3a1e-1111-4111-8111-000000000002', name: '旧版体检卡', status: 'inactive' };

const chinaPar: RiskModel = {
  ...cdrs,
  model: 'china-par',
  ruleId: 'china-par-10y',
  title: { zh: '心血管病10年风险（China-PAR）', en: '10-year cardiovascular risk (China-PAR)' },
  resultKind: 'percent',
  categories: [
    { code: 'low', label: { zh: '低危', en: 'low risk' } },
    { code: 'medium', label: { zh: '中危', en: 'medium risk' } },
    { code: 'high', label: { zh: '高危', en: 'high risk' } },
  ],
};
/** A second rule set of the same model: listed once, its categories merged. */
const chinaParLifetime: RiskModel = {
  ...chinaPar,
  ruleId: 'china-par-lifetime',
  categories: [{ code: 'high', label: { zh: '高危', en: 'high risk' } }],
};
const withoutCategories: RiskModel = { ...cdrs, categories: [] };

afterEach(() => applyLocale('zh-CN'));

describe('tag and card type options', () => {
  it('names tags in the current language with their category beside', () => {
    expect(tagOptions([hypertension, vip], [])).toEqual([
      { value: hypertension.id, label: '高血压', note: '慢病风险' },
      { value: vip.id, label: 'VIP', note: '服务' },
    ]);
    applyLocale('en');
    expect(tagOptions([hypertension, vip], []).map((option) => option.label)).toEqual(['Hypertension', 'VIP']);
  });

  it('keeps a chosen id the list no longer holds, marked unknown', () => {
    const gone = '9e9e9e9e-0000-4000-8000-000000000009';
    expect(tagOptions([hypertension], [hypertension.id, gone])).toEqual([
      { value: hypertension.id, label: '高血压', note: '慢病风险' },
      { value: gone, label: `未知（${gone}）` },
    ]);
  });

  it('marks inactive card types', () => {
    expect(cardTypeOptions([annual, retired], [])).toEqual([
      { value: annual.id, label: '年度健康管理卡', note: undefined },
      { value: retired.id, label: '旧版体检卡', note: '已停用' },
    ]);
  });
});

describe('risk model and category options', () => {
  const models = [chinaPar, chinaParLifetime, withoutCategories, phq9];

  it('lists each model with categories once, by its title', () => {
    expect(riskModelOptions(models, '')).toEqual([
      { value: 'china-par', label: '心血管病10年风险（China-PAR）', note: 'china-par' },
      { value: 'phq9', label: '患者健康问卷（PHQ-9）', note: 'phq9' },
    ]);
  });

  it('keeps a stored model the list does not know', () => {
    expect(riskModelOptions([chinaPar], 'retired-model').at(-1)).toEqual({
      value: 'retired-model',
      label: '未知（retired-model）',
    });
  });

  it('offers the chosen model’s categories with their labels', () => {
    expect(riskCategoryOptions(models, 'china-par', ['high'])).toEqual([
      { value: 'low', label: '低危' },
      { value: 'medium', label: '中危' },
      { value: 'high', label: '高危' },
    ]);
    applyLocale('en');
    expect(riskCategoryOptions(models, 'phq9', []).map((option) => option.label)).toEqual(['minimal', 'mild']);
  });

  it('lets go of the categories another model does not have', () => {
    expect(categoriesKept(models, 'phq9', ['high', 'mild'])).toEqual(['mild']);
    expect(categoriesKept(models, 'china-par', ['high', 'mild'])).toEqual(['high']);
  });
});

describe('triggerNames', () => {
  it('names known ids and shows unknown ones as they are', () => {
    const names = triggerNames({ tags: [hypertension], cardTypes: [annual], riskModels: [chinaPar] });
    expect(names.tag(hypertension.id)).toBe('高血压');
    expect(names.tag('x-1')).toBe('x-1');
    expect(names.cardType(annual.id)).toBe('年度健康管理卡');
    expect(names.riskModel('china-par')).toBe('心血管病10年风险（China-PAR）');
    expect(names.riskCategory('china-par', 'high')).toBe('高危');
    expect(names.riskCategory('china-par', 'extreme')).toBe('extreme');
    expect(names.riskModel('cdrs')).toBe('cdrs');
  });
});
