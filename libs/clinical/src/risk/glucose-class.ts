import { ADULT_AGE, excludeWhenTrue, isNotApplicable, readAdultAge } from './population';
import { ageInput, booleanInput, numberInput } from './input-specs';
import { InputReader, isGiven } from './inputs';
import { evaluated, finding, type Category } from './model-result';
import { bandIndex } from './numbers';
import { RISK_SPEC_REVISION } from './revision';
import type { ModelInputs, RiskModel } from './risk-model';

/** §6.3, 中国2型糖尿病防治指南 2020; venous plasma, mmol/L. */
const NORMAL: Category = { code: 'normal', label: { zh: '正常', en: 'normal' } };
const IFG: Category = { code: 'ifg', label: { zh: '空腹血糖受损', en: 'impaired fasting glucose (IFG)' } };
const IGT: Category = { code: 'igt', label: { zh: '糖耐量减低', en: 'impaired glucose tolerance (IGT)' } };
const DIABETES_RANGE: Category = { code: 'diabetes_range', label: { zh: '糖尿病范围', en: 'diabetes range' } };
const BELOW_DIABETES_THRESHOLD: Category = {
  code: 'below_diabetes_threshold',
  label: { zh: '低于糖尿病诊断阈值', en: 'below diabetes threshold' },
};
const NOT_CLASSIFIED: Category = {
  code: 'not_classified',
  label: { zh: '无典型症状的随机血糖不作判定', en: 'random glucose without typical symptoms is not classified' },
};

const FPG = { cuts: [6.1, 7.0], categories: [NORMAL, IFG, DIABETES_RANGE] };
const OGTT_2H = { cuts: [7.8, 11.1], categories: [NORMAL, IGT, DIABETES_RANGE] };
const RANDOM_WITH_SYMPTOMS = { cuts: [11.1], categories: [BELOW_DIABETES_THRESHOLD, DIABETES_RANGE] };
const HBA1C = { cuts: [6.5], categories: [BELOW_DIABETES_THRESHOLD, DIABETES_RANGE] };

const OVERALL = {
  diabetesRange: {
    code: 'diabetes_range',
    label: {
      zh: '糖尿病范围（除非有典型症状，需另日复查确认）',
      en: 'diabetes range (needs confirmation on another day unless typical symptoms)',
    },
  },
  ifgIgt: { code: 'ifg_igt', label: { zh: '空腹血糖受损合并糖耐量减低', en: 'IFG and IGT' } },
  ifg: IFG,
  igt: IGT,
  normal: { code: 'normal', label: { zh: '血糖正常', en: 'normal glucose' } },
} satisfies Record<string, Category>;

function classify(value: number, table: { cuts: readonly number[]; categories: readonly Category[] }): Category {
  return table.categories[bandIndex(value, table.cuts)];
}

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  readAdultAge(reader);
  excludeWhenTrue(reader, 'diabetes');
  excludeWhenTrue(reader, 'pregnant');
  if (isNotApplicable(reader)) return reader.refused();

  const fpg = reader.number('fpgMmol', { optional: true });
  const ogtt2h = reader.number('ogtt2hMmol', { optional: true });
  const randomPg = reader.number('randomPgMmol', { optional: true });
  const typicalSymptoms = reader.boolean('typicalSymptoms', { optional: true });
  const hba1c = reader.number('hba1cPercent', { optional: true });
  const randomClassifiable = isGiven(inputs.randomPgMmol) && inputs.typicalSymptoms === true;
  if (!isGiven(inputs.fpgMmol) && !isGiven(inputs.ogtt2hMmol) && !isGiven(inputs.hba1cPercent) && !randomClassifiable) {
    reader.refuse('MISSING_INPUT', 'fpgMmol', {
      zh: '至少需要一项可判定的血糖检测：空腹血糖、OGTT 2小时血糖、糖化血红蛋白，或伴典型症状的随机血糖',
      en: 'at least one classifiable test is required: fasting glucose, 2-hour glucose, HbA1c, or random glucose with typical symptoms',
    });
  }
  if (!reader.ok) return reader.refused();

  const tests: Record<string, { value: number; category: string; label: Category['label'] }> = {};
  if (fpg !== undefined) tests.fpg = { value: fpg, ...finding(classify(fpg, FPG)) };
  if (ogtt2h !== undefined) tests.ogtt2h = { value: ogtt2h, ...finding(classify(ogtt2h, OGTT_2H)) };
  if (randomPg !== undefined) {
    // Only a random glucose with typical symptoms is classified, and only against the diabetes threshold.
    tests.randomPg = {
      value: randomPg,
      ...finding(typicalSymptoms === true ? classify(randomPg, RANDOM_WITH_SYMPTOMS) : NOT_CLASSIFIED),
    };
  }
  if (hba1c !== undefined) tests.hba1c = { value: hba1c, ...finding(classify(hba1c, HBA1C)) };

  const categories = Object.values(tests).map((t) => t.category);
  const ifg = categories.includes(IFG.code);
  const igt = categories.includes(IGT.code);
  const overall = categories.includes(DIABETES_RANGE.code)
    ? OVERALL.diabetesRange
    : ifg && igt
      ? OVERALL.ifgIgt
      : ifg
        ? OVERALL.ifg
        : igt
          ? OVERALL.igt
          : OVERALL.normal;

  return evaluated(glucoseClassModel, reader.used, {
    category: overall,
    details: {
      tests,
      ...(overall === OVERALL.diabetesRange ? { needsConfirmation: typicalSymptoms !== true } : {}),
    },
  });
}

export const glucoseClassModel: RiskModel = {
  model: 'glucose-class',
  ruleId: 'cn-glucose-2020',
  version: RISK_SPEC_REVISION,
  title: { zh: '血糖状态分类（中国2型糖尿病防治指南 2020）', en: 'Glucose status (Chinese type 2 diabetes guideline 2020)' },
  resultKind: 'category',
  categories: [OVERALL.normal, OVERALL.ifg, OVERALL.igt, OVERALL.ifgIgt, OVERALL.diabetesRange],
  inputs: [
    ageInput(ADULT_AGE),
    numberInput('fpgMmol', {
      required: false,
      note: { zh: '静脉血浆，空腹 ≥ 8 小时；四项检测至少一项', en: 'venous plasma, fasting ≥ 8 h; at least one of the tests' },
    }),
    numberInput('ogtt2hMmol', { required: false, note: { zh: '75 g OGTT 后 2 小时', en: 'after a 75 g OGTT' } }),
    numberInput('randomPgMmol', {
      required: false,
      note: { zh: '仅在有典型症状时判定', en: 'classified only with typical symptoms' },
    }),
    booleanInput('typicalSymptoms', {
      required: false,
      note: {
        zh: '烦渴多饮、多尿、多食、不明原因体重下降',
        en: 'polydipsia, polyuria, polyphagia, unexplained weight loss',
      },
    }),
    numberInput('hba1cPercent', { required: false, note: { zh: '标准化实验室检测', en: 'from a standardised laboratory' } }),
    booleanInput('diabetes', {
      required: false,
      note: { zh: '已确诊糖尿病者不适用', en: 'not applicable with diagnosed diabetes' },
    }),
    booleanInput('pregnant', { required: false, note: { zh: '妊娠期不适用', en: 'not applicable in pregnancy' } }),
  ],
  evaluate,
};
