import { ADULT_AGE, isNotApplicable, readAdultAge } from './population';
import { ageInput, enumInput, numberInput } from './input-specs';
import { InputReader } from './inputs';
import { evaluated, type Category } from './model-result';
import { upperClosedBandIndex } from './numbers';
import { RISK_SPEC_REVISION } from './revision';
import type { BilingualText, ModelInputs, RiskModel, Sex } from './risk-model';

/** §6.5: the rule ids double as the values of the `uricAcidRule` option. */
const CURRENT_RULE = 'cn-uric-acid-2019';
const LEGACY_RULE = 'cn-uric-acid-legacy';
const RULES = [CURRENT_RULE, LEGACY_RULE] as const;

/** Upper limits of normal in µmol/L; the edge itself is normal: (–, limit] vs (limit, –). */
const CURRENT_LIMIT = 420;
const LEGACY_LIMITS: Record<Sex, number> = { male: 420, female: 360 };

const LEGACY_LABEL: BilingualText = { zh: '旧标准', en: 'legacy rule' };

function categoriesFor(legacy: boolean): readonly [Category, Category] {
  const suffix = (text: BilingualText) =>
    legacy ? { zh: `${text.zh}（${LEGACY_LABEL.zh}）`, en: `${text.en} (${LEGACY_LABEL.en})` } : text;
  return [
    { code: 'normal', label: suffix({ zh: '未超过阈值', en: 'not above threshold' }) },
    { code: 'above_threshold', label: suffix({ zh: '高于阈值（高尿酸血症）', en: 'above threshold (hyperuricaemia)' }) },
  ];
}

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  readAdultAge(reader);
  if (isNotApplicable(reader)) return reader.refused();

  const uricAcid = reader.number('uricAcidUmol');
  const rule = reader.oneOf('uricAcidRule', RULES, { optional: true }) ?? CURRENT_RULE;
  const legacy = rule === LEGACY_RULE;
  // Only the legacy rule has sex-specific limits.
  const sex = legacy ? reader.sex() : undefined;
  if (!reader.ok || uricAcid === undefined || (legacy && sex === undefined)) return reader.refused();

  const limit = legacy && sex ? LEGACY_LIMITS[sex] : CURRENT_LIMIT;
  const category = categoriesFor(legacy)[upperClosedBandIndex(uricAcid, [limit])];

  return evaluated(uricAcidModel, reader.used, {
    ruleId: rule,
    category,
    details: {
      value: uricAcid,
      upperLimitOfNormal: limit,
      aboveThreshold: category.code === 'above_threshold',
      ...(legacy ? { ruleLabel: LEGACY_LABEL } : {}),
      note: {
        zh: '高尿酸血症需非同日两次空腹血尿酸诊断；单次结果仅提示高于阈值',
        en: 'hyperuricaemia needs two fasting values on different days; one value only shows it is above the threshold',
      },
    },
  });
}

export const uricAcidModel: RiskModel = {
  model: 'uric-acid',
  ruleId: CURRENT_RULE,
  version: RISK_SPEC_REVISION,
  title: {
    zh: '血尿酸判定（中国高尿酸血症与痛风诊疗指南 2019）',
    en: 'Serum uric acid (Chinese hyperuricaemia and gout guideline 2019)',
  },
  resultKind: 'category',
  categories: categoriesFor(false),
  inputs: [
    ageInput(ADULT_AGE),
    numberInput('uricAcidUmol', {
      note: {
        zh: '空腹，正常嘌呤饮食；mg/dL 先按 ×59.48 换算',
        en: 'fasting, normal-purine diet; convert mg/dL with × 59.48 first',
      },
    }),
    enumInput('uricAcidRule', RULES, {
      required: false,
      note: {
        zh: '默认 cn-uric-acid-2019；旧标准按机构选择',
        en: 'default cn-uric-acid-2019; the legacy rule is chosen per organisation',
      },
    }),
    enumInput('sex', ['male', 'female'], { required: false, note: { zh: '旧标准必填', en: 'required by the legacy rule' } }),
  ],
  evaluate,
};
