import { afterEach, describe, expect, it } from 'vitest';
import type { ClientTag } from '@/api/types';
import { applyLocale } from '@/i18n';
import { CATALOGUE } from '@/test/facts';
import { formatDateTime } from '@/utils/format';
import { clientTagName, tagEvidence } from './tag-evidence';

const REPORT_ID = '0b8a3f6e-8f7e-4f60-9b0e-5d1c2a3b4c5d';

const ruleTag: ClientTag = {
  tagId: '4c1f0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e',
  name: '高血压',
  nameEn: 'Hypertension',
  colour: '#f56c6c',
  category: '慢病风险',
  source: 'rule',
  ruleVersion: 2,
  evidence: {
    ruleVersion: 2,
    facts: { 'ind.DBP.value': null, 'ind.SBP.value': 152, 'archive.smoker': true },
    reportId: REPORT_ID,
    trigger: 'report.ingested',
  },
  addedAt: '2025-06-18T06:03:00Z',
};

const manualTag: ClientTag = {
  ...ruleTag,
  tagId: 'a2b3c4d5-0000-4000-8000-000000000001',
  name: 'VIP',
  nameEn: null,
  source: 'manual',
  ruleVersion: null,
  evidence: { note: '年度会员，优先回访' },
};

afterEach(() => applyLocale('zh-CN'));

describe('tag evidence on the client page', () => {
  it('labels the facts a rule read, in catalogue order, with units, 是/否 and — for missing values', () => {
    const view = tagEvidence(ruleTag, CATALOGUE);
    expect(view.source).toBe('rule');
    expect(view.ruleVersion).toBe(2);
    expect(view.facts).toEqual([
      { path: 'archive.smoker', label: '目前吸烟', value: '是' },
      { path: 'ind.SBP.value', label: '收缩压 最新值', value: '152 mmHg' },
      { path: 'ind.DBP.value', label: '舒张压 最新值', value: '—' },
    ]);
    expect(view.reportId).toBe(REPORT_ID);
    expect(view.trigger).toBe('新体检报告');
    expect(view.note).toBeNull();
    expect(view.addedAt).toBe(formatDateTime('2025-06-18T06:03:00Z'));
  });

  it('shows paths when the catalogue is not loaded, and an unknown trigger as given', () => {
    const view = tagEvidence({ ...ruleTag, evidence: { ...ruleTag.evidence, trigger: 'something.new' } }, []);
    expect(view.facts[1]).toEqual({ path: 'ind.SBP.value', label: 'ind.SBP.value', value: '152' });
    expect(view.trigger).toBe('something.new');
  });

  it('falls back to the tag’s rule version and tolerates evidence without facts or report', () => {
    const view = tagEvidence({ ...ruleTag, ruleVersion: 3, evidence: {} }, CATALOGUE);
    expect(view).toMatchObject({ ruleVersion: 3, facts: [], reportId: null, trigger: null });
  });

  it('gives a manual tag its note and no rule details', () => {
    expect(tagEvidence(manualTag, CATALOGUE)).toMatchObject({
      source: 'manual',
      ruleVersion: null,
      facts: [],
      reportId: null,
      note: '年度会员，优先回访',
    });
    expect(tagEvidence({ ...manualTag, evidence: { note: '  ' } }, CATALOGUE).note).toBeNull();
  });

  it('names the tag in the current language, falling back to Chinese', () => {
    expect(clientTagName(ruleTag)).toBe('高血压');
    applyLocale('en');
    expect(clientTagName(ruleTag)).toBe('Hypertension');
    expect(clientTagName(manualTag)).toBe('VIP');
  });
});
