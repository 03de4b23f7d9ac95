import { describe, expect, it } from 'vitest';
import type { Tag, TagReevaluation } from '@/api/types';
import { isReevaluating, reevaluationPercent, reevaluationText, tagBody, tagFormModel, tagWithActive } from './tags.schema';

const condition = { or: [{ '>=': [{ var: 'ind.SBP.value' }, 140] }, { '>=': [{ var: 'ind.DBP.value' }, 90] }] };

const run = (state: TagReevaluation['state'], done = 0, total = 0): TagReevaluation => ({
  state,
  total,
  done,
  added: 14,
  removed: 2,
  version: 3,
  finishedAt: state === 'done' ? '2025-06-18T06:03:00Z' : null,
});

const rule: Tag = {
  id: '4c1f0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e',
  name: '高血压',
  nameEn: 'Hypertension',
  colour: '#F56C6C',
  category: '慢病风险',
  description: '收缩压 ≥ 140 或舒张压 ≥ 90',
  kind: 'rule',
  condition,
  ruleVersion: 3,
  active: true,
  clientCount: 35,
  reevaluation: run('done', 1200, 1200),
  updatedAt: '2025-06-18T06:03:00Z',
};

describe('re-evaluation progress', () => {
  it('polls while queued or running, not when idle or done', () => {
    expect(isReevaluating({ reevaluation: run('queued') })).toBe(true);
    expect(isReevaluating({ reevaluation: run('running', 10, 100) })).toBe(true);
    expect(isReevaluating({ reevaluation: run('idle') })).toBe(false);
    expect(isReevaluating({ reevaluation: run('done', 100, 100) })).toBe(false);
  });

  it('gives the share of clients evaluated, 0 before the total is known and 100 when done', () => {
    expect(reevaluationPercent(run('queued'))).toBe(0);
    expect(reevaluationPercent(run('running', 0, 0))).toBe(0);
    expect(reevaluationPercent(run('running', 600, 1200))).toBe(50);
    expect(reevaluationPercent(run('running', 2, 3))).toBe(66);
    expect(reevaluationPercent(run('done', 0, 0))).toBe(100);
  });

  it('says what is happening, or what the last run changed', () => {
    expect(reevaluationText(run('queued'))).toBe('排队中…');
    expect(reevaluationText(run('running', 600, 1200))).toBe('已评估 600 / 1200 位客户');
    expect(reevaluationText(run('done', 1200, 1200))).toBe('新增 14 位 · 移除 2 位');
    expect(reevaluationText(run('idle'))).toBe('—');
  });
});

describe('tag bodies', () => {
  it('sends a rule with its condition, trimmed text, a lower-case colour and blanks left out', () => {
    const model = { ...tagFormModel(), name: ' 吸烟 ', nameEn: '  ', colour: '#E6A23C', category: ' 生活方式 ', description: '' };
    expect(tagBody(model, condition)).toEqual({
      name: '吸烟',
      nameEn: undefined,
      colour: '#e6a23c',
      category: '生活方式',
      description: undefined,
      condition,
      active: true,
    });
  });

  it('sends a manual tag without a condition whatever the editor held', () => {
    expect(tagBody({ ...tagFormModel(), name: 'VIP', category: '客户分层', kind: 'manual' }, condition).condition).toBeNull();
  });

  it('the list’s switch keeps every other field (an update replaces them all)', () => {
    expect(tagWithActive(rule, false)).toEqual({
      name: '高血压',
      nameEn: 'Hypertension',
      colour: '#f56c6c',
      category: '慢病风险',
      description: '收缩压 ≥ 140 或舒张压 ≥ 90',
      condition,
      active: false,
    });
    expect(tagWithActive({ ...rule, kind: 'manual', condition: null, nameEn: null, description: null }, true)).toMatchObject({
      nameEn: undefined,
      description: undefined,
      condition: null,
      active: true,
    });
  });
});
