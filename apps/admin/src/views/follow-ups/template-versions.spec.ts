import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUpStep, FollowUpTemplateDefinition } from '@/api/types';
import { applyLocale } from '@/i18n';
import { changeText, stepSummary, triggerSummary, versionChanges } from './template-versions';
import type { TriggerNames } from './trigger-catalogues';

const TAG = '4c1f0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e';
const OTHER_TAG = 'a2b3c4d5-0000-4000-8000-000000000001';

const names: TriggerNames = {
  tag: (id) => ({ [TAG]: '高血压', [OTHER_TAG]: '糖尿病' })[id] ?? id,
  cardType: (id) => (id === 'card-1' ? '年度健康管理卡' : id),
  riskModel: (model) => (model === 'china-par' ? 'China-PAR' : model),
  riskCategory: (_model, code) => ({ high: '高危', medium: '中危' })[code] ?? code,
};

const step = (overrides: Partial<FollowUpStep> = {}): FollowUpStep => ({
  title: '检后1周随访',
  offset: 'P7D',
  windowDaysBefore: 0,
  windowDaysAfter: 3,
  method: 'phone',
  questionnaireId: null,
  assignee: 'client_manager',
  reminderLeadMinutes: 60,
  clientChannels: [],
  ...overrides,
});

const first: FollowUpTemplateDefinition = {
  name: '检后随访',
  trigger: { type: 'tag.added', tagIds: [TAG] },
  condition: null,
  steps: [step(), step({ title: '检后1月随访', offset: 'P1M' })],
  stopWhenCardEnds: true,
};

afterEach(() => applyLocale('zh-CN'));

describe('versionChanges', () => {
  it('calls the first version the creation', () => {
    expect(versionChanges(first, undefined)).toEqual([{ kind: 'created' }]);
  });

  it('finds nothing between equal definitions, whatever the key order or absent optional fields', () => {
    const reordered: FollowUpTemplateDefinition = {
      stopWhenCardEnds: true,
      steps: first.steps.map((s) => ({ ...s, rrule: undefined })),
      condition: null,
      trigger: { tagIds: [TAG], type: 'tag.added' },
      name: '检后随访',
    };
    expect(versionChanges(reordered, first)).toEqual([]);
  });

  it('names each difference: name, trigger, condition, card rule', () => {
    const next: FollowUpTemplateDefinition = {
      ...first,
      name: '检后随访（新）',
      trigger: { type: 'tag.added', tagIds: [TAG, OTHER_TAG] },
      condition: { '>=': [{ var: 'age' }, 60] },
      stopWhenCardEnds: false,
    };
    expect(versionChanges(next, first)).toEqual([
      { kind: 'name', from: '检后随访', to: '检后随访（新）' },
      { kind: 'trigger', from: first.trigger, to: next.trigger },
      { kind: 'condition', change: 'added' },
      { kind: 'stopWhenCardEnds', to: false },
    ]);
    expect(versionChanges(first, next)).toContainEqual({ kind: 'condition', change: 'removed' });
  });

  it('compares steps by position: changed fields, added and removed steps', () => {
    const moved = step({ offset: 'P14D', windowDaysAfter: 7, clientChannels: ['sms'] });
    const changed = { ...first, steps: [moved] };
    expect(versionChanges(changed, first)).toEqual([
      {
        kind: 'stepChanged',
        index: 0,
        title: '检后1周随访',
        fields: ['offset', 'window', 'clientChannels'],
        before: first.steps[0],
        after: moved,
      },
      { kind: 'stepRemoved', index: 1, title: '检后1月随访' },
    ]);
    expect(versionChanges(first, changed)).toContainEqual({ kind: 'stepAdded', index: 1, title: '检后1月随访' });
  });

  it('does not count client channels listed in another order as a change', () => {
    const a = { ...first, steps: [step({ clientChannels: ['sms', 'wechat'] })] };
    const b = { ...first, steps: [step({ clientChannels: ['wechat', 'sms'] })] };
    expect(versionChanges(b, a)).toEqual([]);
  });
});

describe('texts', () => {
  it('summarises each kind of trigger with names', () => {
    expect(triggerSummary({ type: 'tag.added', tagIds: [TAG, OTHER_TAG] }, names)).toBe('添加标签：高血压、糖尿病');
    expect(triggerSummary({ type: 'card.opened' }, names)).toBe('开卡：任何会员卡');
    expect(triggerSummary({ type: 'card.opened', cardTypeIds: ['card-1'] }, names)).toBe('开卡：年度健康管理卡');
    expect(triggerSummary({ type: 'report.ingested', abnormalCodes: [] }, names)).toBe('报告入库：任何异常指标');
    expect(triggerSummary({ type: 'report.ingested', abnormalCodes: ['SBP', 'DBP'] }, names)).toBe('报告入库：SBP、DBP');
    expect(triggerSummary({ type: 'report.ingested', abnormalCodes: [], maxReportAgeDays: 30 }, names)).toBe(
      '报告入库：任何异常指标',
    );
    expect(triggerSummary({ type: 'report.ingested', abnormalCodes: ['SBP'], maxReportAgeDays: 400 }, names)).toBe(
      '报告入库：SBP（体检后 400 天内的报告）',
    );
    expect(triggerSummary({ type: 'risk.changed', model: 'china-par', categories: ['high', 'medium'] }, names)).toBe(
      '风险变化：China-PAR 高危、中危',
    );
    expect(triggerSummary({ type: 'survey.completed', questionnaireId: 'q-1', bands: ['重度'] }, names)).toBe(
      '问卷完成：q-1（分级：重度）',
    );
    expect(triggerSummary({ type: 'manual' }, names)).toBe('手动');
  });

  it('summarises a step by title, schedule and method', () => {
    expect(stepSummary(step())).toBe('检后1周随访 · P7D · 电话');
    expect(stepSummary(step({ title: '高危月度随访', offset: 'P1M', rrule: 'FREQ=MONTHLY;COUNT=12', method: 'wechat' }))).toBe(
      '高危月度随访 · P1M + FREQ=MONTHLY;COUNT=12 · 微信',
    );
  });

  it('words every change', () => {
    const next = { ...first, trigger: { type: 'tag.added' as const, tagIds: [OTHER_TAG] } };
    const texts = versionChanges(next, first).map((change) => changeText(change, names));
    expect(texts).toEqual(['触发条件：添加标签：高血压 → 添加标签：糖尿病']);
    const before = step();
    const after = step({ offset: 'P14D', method: 'visit', windowDaysBefore: 1, condition: { '==': [1, 1] } });
    const fields = ['offset', 'window', 'method', 'condition'] as const;
    expect(changeText({ kind: 'stepChanged', index: 0, title: '检后1周随访', fields: [...fields], before, after }, names)).toBe(
      '步骤 1（检后1周随访）：距触发 P7D → P14D；随访窗口 提前 0 天至延后 3 天 → 提前 1 天至延后 3 天；随访方式 电话 → 上门；修改了步骤条件',
    );
    expect(changeText({ kind: 'created' }, names)).toBe('创建模板');
    applyLocale('en');
    expect(changeText({ kind: 'stepAdded', index: 2, title: 'P3M call' }, names)).toBe('Step 3 added: P3M call');
    expect(changeText({ kind: 'stepChanged', index: 0, title: 'x', fields: ['method', 'condition'], before, after }, names)).toBe(
      'Step 1 (x): method Phone → Home visit; step condition changed',
    );
  });
});
