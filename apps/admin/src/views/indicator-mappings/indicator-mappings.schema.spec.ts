import { describe, expect, it } from 'vitest';
import type { CreatedIndicatorMapping } from '@/api/types';
import {
  mappingTargetRules,
  canRetire,
  indicatorLabel,
  indicatorOrigin,
  mappingBody,
  mappingChangeMessage,
  mappingEditModel,
  mappingFormModel,
  mappingResultMessage,
  mappingUpdateBody,
  suggestedContext,
} from './indicator-mappings.schema';

const item = { source: 'anxin-lis', name: '葡萄糖', categories: ['尿液检查'] };

describe('mapping workbench', () => {
  it('limits a name seen only in urine sections to them', () => {
    expect(suggestedContext(item)).toBe('尿');
    expect(suggestedContext({ categories: ['尿常规', '生化'] })).toBe('');
    expect(suggestedContext({ categories: [] })).toBe('');
  });

  it('sends the indicator, or text-only, with the section filter when given', () => {
    const model = mappingFormModel(item);
    model.code = 'U_GLU';
    expect(mappingBody(item, model)).toEqual({ source: 'anxin-lis', name: '葡萄糖', categoryContext: '尿', code: 'U_GLU' });
    expect(mappingBody(item, { mode: 'textOnly', code: 'U_GLU', categoryContext: ' ' })).toEqual({
      source: 'anxin-lis',
      name: '葡萄糖',
      textOnly: true,
    });
  });

  it('labels indicators with name, code and unit', () => {
    expect(indicatorLabel({ code: 'FPG', nameZh: '空腹血糖', nameEn: 'Fasting plasma glucose', unit: 'mmol/L' })).toBe(
      '空腹血糖 FPG · mmol/L',
    );
    expect(indicatorLabel({ code: 'U_PRO', nameZh: '尿蛋白', nameEn: 'Urine protein', unit: '' })).toBe('尿蛋白 U_PRO');
  });
});

describe('mapping result', () => {
  const created = {
    id: 'm1',
    source: 'e2e-lis',
    name: '血糖测定',
    categoryContext: '',
    code: 'FPG',
    textOnly: false,
    indicatorStatus: 'active',
    reprocessing: 'done',
    version: 1,
    resolvedItems: 3,
    reprocessedItems: 3,
    createdBy: { type: 'user', id: 'u1', displayName: '管理员' },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    deletedAt: null,
  } as CreatedIndicatorMapping;

  it('says how many stored items were re-processed', () => {
    expect(mappingResultMessage(created, 3)).toBe('「血糖测定」已映射到 FPG，重新处理了 3 个项目');
    expect(mappingResultMessage({ ...created, code: null, textOnly: true }, 3)).toBe(
      '「血糖测定」已标记为仅文本，重新处理了 3 个项目',
    );
  });

  it('says a large backlog is being re-processed in the background', () => {
    expect(mappingResultMessage({ ...created, reprocessing: 'queued', reprocessedItems: 0 }, 812)).toBe(
      '「血糖测定」已映射，812 个已保存的同名项目正在后台重新处理',
    );
  });
});

describe('changing a mapping', () => {
  const mapping = { name: '血糖测定', code: 'FPG', textOnly: false, categoryContext: '尿', version: 3, resolvedItems: 12 };

  it('starts from the current target and sends the new one with the version it was based on', () => {
    const model = mappingEditModel(mapping);
    expect(model).toEqual({ mode: 'indicator', code: 'FPG', categoryContext: '尿' });
    model.code = 'PG2H';
    expect(mappingUpdateBody(mapping, model)).toEqual({ expectedVersion: 3, code: 'PG2H' });
    expect(mappingUpdateBody(mapping, { ...model, mode: 'textOnly' })).toEqual({ expectedVersion: 3, textOnly: true });
    expect(mappingEditModel({ ...mapping, code: null, textOnly: true }).mode).toBe('textOnly');
  });

  it('says what a change or a deletion re-processed', () => {
    const done = { version: 4, reprocessing: 'done' as const, reprocessedItems: 12 };
    expect(mappingChangeMessage('update', mapping, done)).toBe('「血糖测定」的映射已修改，重新处理了 12 个项目');
    expect(mappingChangeMessage('update', mapping, { ...done, version: 3, reprocessedItems: 0 })).toBe(
      '「血糖测定」的映射没有变化',
    );
    expect(mappingChangeMessage('delete', mapping, done)).toBe('已删除「血糖测定」的映射，重新处理了 12 个项目');
    expect(mappingChangeMessage('delete', mapping, { ...done, reprocessing: 'queued', reprocessedItems: 0 })).toBe(
      '「血糖测定」的映射已更新，12 个已保存的项目正在后台重新处理',
    );
  });
});

describe('dictionary tab', () => {
  it('tells platform indicators, edited or not, from the organisation’s own, which alone can be retired', () => {
    expect(indicatorOrigin({ scope: 'platform', fromPlatform: true })).toBe('platform');
    expect(indicatorOrigin({ scope: 'organisation', fromPlatform: true })).toBe('platformEdited');
    expect(indicatorOrigin({ scope: 'organisation', fromPlatform: false })).toBe('own');
    expect(canRetire({ fromPlatform: true })).toBe(false);
    expect(canRetire({ fromPlatform: false })).toBe(true);
  });
});

describe('mapping target rules', () => {
  it('require an indicator unless the mapping is text-only', () => {
    expect(mappingTargetRules({ mode: 'indicator' }).code).toEqual([expect.objectContaining({ required: true })]);
    expect(mappingTargetRules({ mode: 'textOnly' }).code).toEqual([]);
  });
});
