import { afterEach, describe, expect, it } from 'vitest';
import type { RiskRefusal } from '@/api/types';
import { applyLocale } from '@/i18n';
import { bpGrade, cdrs } from '@/test/risk';
import { categoryTagType, detailRows, inputRows, missingText, readableValue, refusalTexts } from './risk-result';
import { triggerText, warningText } from './risk-text';

afterEach(() => applyLocale('zh-CN'));

const missingTc: RiskRefusal = {
  code: 'MISSING_INPUT',
  field: 'tcMmol',
  message: { zh: '缺少总胆固醇', en: 'total cholesterol is required' },
};

describe('category colour', () => {
  it('is green at the favourable end, amber between and red at the adverse end', () => {
    expect(categoryTagType('normal')).toBe('success');
    expect(categoryTagType('high_normal')).toBe('warning');
    expect(categoryTagType('grade_2')).toBe('danger');
    expect(categoryTagType('pinghe')).toBe('success');
    expect(categoryTagType('qixu')).toBe('warning');
  });

  it('is neutral for a code it does not know or no category', () => {
    expect(categoryTagType('not_classified')).toBe('info');
    expect(categoryTagType(null)).toBe('info');
  });
});

describe('inputs used', () => {
  it('reads with the model’s labels and units, in the model’s order, derived inputs last', () => {
    expect(inputRows(bpGrade, { onAntihypertensive: true, derived: 1.5, dbp: 92, sbp: 146 })).toEqual([
      { label: '收缩压', value: '146 mmHg' },
      { label: '舒张压', value: '92 mmHg' },
      { label: '正在服用降压药', value: '是' },
      { label: 'derived', value: '1.5' },
    ]);
  });

  it('shows enum values, answers and grouped answers readably', () => {
    expect(inputRows(cdrs, { familyHistoryDiabetes: 'first_degree', tcMmol: 5.170000000000001 })).toEqual([
      { label: '糖尿病家族史', value: '一级亲属' },
      { label: '总胆固醇', value: '5.17 mmol/L' },
    ]);
    expect(readableValue([0, 1, 3])).toBe('0 1 3');
    expect(inputRows(undefined, { answers: { 平和质: [1, 2], 气虚质: [3] } })).toEqual([
      { label: 'answers', value: '平和质 1 2；气虚质 3' },
    ]);
  });

  it('follows the language switch', () => {
    applyLocale('en');
    expect(inputRows(bpGrade, { onAntihypertensive: false, sbp: 120 })).toEqual([
      { label: 'systolic blood pressure', value: '120 mmHg' },
      { label: 'on antihypertensive treatment', value: 'No' },
    ]);
  });
});

describe('missing and refused', () => {
  it('names missing inputs by their label: 缺少 总胆固醇', () => {
    expect(missingText(cdrs, [missingTc])).toBe('缺少 总胆固醇');
    const sex: RiskRefusal = { code: 'MISSING_INPUT', field: 'sex', message: { zh: '缺少性别', en: 'sex is required' } };
    expect(missingText(cdrs, [missingTc, sex])).toBe('缺少 总胆固醇、性别');
    applyLocale('en');
    expect(missingText(cdrs, [missingTc, sex])).toBe('Missing total cholesterol, sex');
  });

  it('uses the API’s own words for a field the model does not list (a questionnaire item)', () => {
    const item: RiskRefusal = {
      code: 'MISSING_INPUT',
      field: 'answers[3]',
      message: { zh: '第4题未作答', en: 'item 4 is not answered' },
    };
    expect(missingText(cdrs, [item])).toBe('缺少 第4题未作答');
    expect(missingText(cdrs, [])).toBe('');
  });

  it('lists refusal reasons other than missing inputs', () => {
    const outside: RiskRefusal = {
      code: 'NOT_APPLICABLE',
      field: 'age',
      message: { zh: '年龄不在 20–85 岁', en: 'age outside 20–85' },
    };
    expect(refusalTexts([missingTc, outside])).toEqual(['年龄不在 20–85 岁']);
  });
});

describe('details as rows', () => {
  it('flattens nested findings into labelled paths, dropping machine codes beside a label', () => {
    const rows = detailRows(bpGrade, {
      sbp: { value: 146, rank: 2, category: 'grade_1', label: { zh: '1级高血压', en: 'grade 1 hypertension' } },
      isolatedSystolicHypertension: false,
      treatmentNote: { zh: '仍属高血压患者', en: 'still hypertensive' },
    });
    expect(rows).toEqual([
      { label: '收缩压 › 数值', value: '146' },
      { label: '收缩压 › 级别序号', value: '2' },
      { label: '收缩压 › 分类', value: '1级高血压' },
      { label: '单纯收缩期高血压', value: '否' },
      { label: '治疗说明', value: '仍属高血压患者' },
    ]);
  });

  it('names list elements by their label or type and reads lists of findings as one line', () => {
    const rows = detailRows(undefined, {
      types: [
        { type: '平和质', code: 'pinghe', transformedScore: 62.5, judgement: 'yes', judgementLabel: { zh: '是', en: 'yes' } },
      ],
      clinicalTypes: [
        { category: 'hypercholesterolaemia', label: { zh: '高胆固醇血症', en: 'hypercholesterolaemia' } },
        { category: 'low_hdl', label: { zh: '低HDL-C血症', en: 'low HDL-C' } },
      ],
      components: [{ component: 'waist', label: { zh: '中心型肥胖', en: 'central obesity' }, status: 'met' }],
      biasedTypes: ['qixu'],
      missingInputs: [],
    });
    expect(rows).toEqual([
      { label: '体质类型 › 平和质 › 转化分', value: '62.5' },
      { label: '体质类型 › 平和质 › 判定', value: '是' },
      { label: '临床分型', value: '高胆固醇血症、低HDL-C血症' },
      { label: '组分 › 中心型肥胖 › 状态', value: '符合' },
      { label: '偏颇体质', value: '气虚质' },
      { label: '缺少的输入', value: '无' },
    ]);
  });

  it('labels model inputs inside details by the input label and unknown keys as sent', () => {
    expect(detailRows(cdrs, { tests: { tcMmol: { value: 5.2 } }, somethingNew: 3 })).toEqual([
      { label: '各项检测 › 总胆固醇 › 数值', value: '5.2' },
      { label: 'somethingNew', value: '3' },
    ]);
  });
});

describe('triggers and warnings', () => {
  it('reads known codes and shows unknown ones as sent', () => {
    expect(triggerText('report.ingested')).toBe('体检报告入库');
    expect(triggerText('tag-rule.saved')).toBe('标签规则保存');
    expect(triggerText('survey.completed')).toBe('survey.completed');
    expect(warningText('AGE_OUTSIDE_DERIVATION_RANGE')).toContain('外推');
    expect(warningText('NEW_WARNING')).toBe('NEW_WARNING');
  });
});
