import { afterEach, describe, expect, it } from 'vitest';
import type { IndicatorMappingVersion } from '@/api/types';
import { applyLocale } from '@/i18n';
import { changeKindText, versionAuthor, versionCodes, versionTarget, type IndicatorNames } from './mapping-versions';

const version = (overrides: Partial<IndicatorMappingVersion> = {}): IndicatorMappingVersion => ({
  version: 1,
  changeKind: 'create',
  code: 'FPG',
  textOnly: false,
  actor: { type: 'user', id: 'u-1', displayName: '王医生' },
  at: '2024-05-01T08:00:00.000Z',
  ...overrides,
});

const names: IndicatorNames = new Map([['FPG', { nameZh: '空腹血糖', nameEn: 'Fasting plasma glucose' }]]);

afterEach(() => applyLocale('zh-CN'));

describe('versionCodes', () => {
  it('lists each mapped code once and skips text-only versions', () => {
    const versions = [
      version({ version: 4, changeKind: 'delete', code: 'FPG' }),
      version({ version: 3, code: null, textOnly: true }),
      version({ version: 2, code: 'PG2H' }),
      version({ version: 1, code: 'FPG' }),
    ];
    expect(versionCodes(versions)).toEqual(['FPG', 'PG2H']);
  });
});

describe('versionTarget', () => {
  it('names the indicator in the current language before its code', () => {
    expect(versionTarget(version(), names)).toBe('空腹血糖 FPG');
    applyLocale('en');
    expect(versionTarget(version(), names)).toBe('Fasting plasma glucose FPG');
  });

  it('shows the code alone when its name could not be looked up', () => {
    expect(versionTarget(version({ code: 'PG2H' }), names)).toBe('PG2H');
  });

  it('says 仅文本 for a text-only version', () => {
    expect(versionTarget(version({ code: null, textOnly: true }), names)).toBe('仅文本');
    applyLocale('en');
    expect(versionTarget(version({ code: null, textOnly: true }), names)).toBe('Text only');
  });
});

describe('versionAuthor', () => {
  it('prefers the name of the person or API key', () => {
    expect(versionAuthor({ type: 'api_key', id: 'k-1', displayName: 'LIS 接口' })).toBe('LIS 接口');
  });

  it('falls back to the kind of actor', () => {
    expect(versionAuthor({ type: 'system', id: null, displayName: null })).toBe('系统');
    expect(versionAuthor({ type: 'api_key', id: 'k-1', displayName: null })).toBe('API 密钥');
    expect(versionAuthor({ type: 'user', id: 'u-2', displayName: null })).toBe('—');
  });
});

describe('changeKindText', () => {
  it('marks a deletion as 已删除', () => {
    expect(changeKindText('delete')).toBe('已删除');
    expect(changeKindText('update')).toBe('修改');
    applyLocale('en');
    expect(changeKindText('delete')).toBe('Deleted');
  });
});
