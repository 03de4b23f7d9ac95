import type { RiskAssessment, RiskModel } from '@/api/types';

/** Models as `GET /risk-models` describes them (shapes of libs/clinical/src/risk). */
export const bpGrade: RiskModel = {
  model: 'bp-grade',
  ruleId: 'cn-bp-2018',
  version: '2026-12.1',
  title: { zh: '血压水平分类（中国高血压防治指南 2018）', en: 'Blood pressure category (Chinese hypertension guideline 2018)' },
  resultKind: 'category',
  inputs: [
    {
      name: 'age',
      kind: 'number',
      required: true,
      unit: '岁',
      min: 18,
      max: 130,
      label: { zh: '年龄', en: 'age' },
      note: { zh: '周岁', en: 'completed years' },
    },
    {
      name: 'sbp',
      kind: 'number',
      required: true,
      unit: 'mmHg',
      min: 50,
      max: 300,
      label: { zh: '收缩压', en: 'systolic blood pressure' },
    },
    {
      name: 'dbp',
      kind: 'number',
      required: true,
      unit: 'mmHg',
      min: 20,
      max: 200,
      label: { zh: '舒张压', en: 'diastolic blood pressure' },
    },
    {
      name: 'onAntihypertensive',
      kind: 'boolean',
      required: false,
      label: { zh: '正在服用降压药', en: 'on antihypertensive treatment' },
      note: { zh: '仅记录，不改变分级', en: 'noted; does not change the grade' },
    },
  ],
  categories: [],
};

export const cdrs: RiskModel = {
  model: 'cdrs',
  ruleId: 'cdrs',
  version: '2026-12.1',
  title: { zh: '中国糖尿病风险评分', en: 'Chinese Diabetes Risk Score (CDRS)' },
  resultKind: 'points',
  inputs: [
    { name: 'sex', kind: 'enum', required: true, values: ['male', 'female'], label: { zh: '性别', en: 'sex' } },
    { name: 'bmi', kind: 'number', required: false, unit: 'kg/m²', min: 10, max: 80, label: { zh: '体重指数', en: 'BMI' } },
    {
      name: 'familyHistoryDiabetes',
      kind: 'enum',
      required: true,
      values: ['none', 'second_degree', 'first_degree'],
      label: { zh: '糖尿病家族史', en: 'family history of diabetes' },
    },
    {
      name: 'tcMmol',
      kind: 'number',
      required: true,
      unit: 'mmol/L',
      min: 1,
      max: 20,
      label: { zh: '总胆固醇', en: 'total cholesterol' },
    },
  ],
  categories: [],
};

export const phq9: RiskModel = {
  model: 'phq9',
  ruleId: 'phq9',
  version: '2026-12.1',
  title: { zh: '患者健康问卷（PHQ-9）', en: 'PHQ-9' },
  resultKind: 'points',
  inputs: [
    {
      name: 'answers',
      kind: 'answers',
      required: true,
      answers: { items: 9, min: 0, max: 3 },
      label: { zh: '答案', en: 'answers' },
    },
  ],
  categories: [
    { code: 'minimal', label: { zh: '无/极轻', en: 'minimal' } },
    { code: 'mild', label: { zh: '轻度', en: 'mild' } },
  ],
};

export const tcm60: RiskModel = {
  model: 'tcm-60',
  ruleId: 'tcm-60',
  version: '2026-12.1',
  title: { zh: '中医体质分类与判定（60题）', en: 'TCM constitution classification (60 items)' },
  resultKind: 'category',
  inputs: [
    {
      name: 'answers',
      kind: 'answers',
      required: true,
      answers: {
        min: 1,
        max: 5,
        groups: [
          { name: '平和质', items: 8 },
          { name: '气虚质', items: 8 },
        ],
      },
      label: { zh: '答案', en: 'answers' },
    },
    { name: 'sex', kind: 'enum', required: true, values: ['male', 'female'], label: { zh: '性别', en: 'sex' } },
  ],
  categories: [],
};

export function assessment(overrides: Partial<RiskAssessment> = {}): RiskAssessment {
  return {
    id: '00000000-0000-4000-8000-0000000000a1',
    model: 'bp-grade',
    ruleId: 'cn-bp-2018',
    version: '2026-12.1',
    status: 'ok',
    value: null,
    unit: null,
    display: null,
    category: 'grade_1',
    categoryLabel: { zh: '1级高血压', en: 'grade 1 hypertension' },
    details: {},
    inputsUsed: { age: 52, sbp: 146, dbp: 92 },
    warnings: [],
    missing: [],
    refusals: [],
    trigger: 'report.ingested',
    reportId: null,
    assessedAt: '2025-07-08T02:00:00.000Z',
    ...overrides,
  };
}
