import { BODY_MASS_INPUTS, ageInput, booleanInput, enumInput, numberInput } from './input-specs';
import { InputReader } from './inputs';
import { readBodyMass } from './body-mass';
import { evaluated, finding, type Category } from './model-result';
import { bandIndex, formatHalfUp } from './numbers';
import { ADULT_AGE, excludeWhenTrue, isNotApplicable, readAdultAge } from './population';
import { RISK_SPEC_REVISION } from './revision';
import type { ModelInputs, RiskModel, Sex } from './risk-model';

/** §6.1, WS/T 428-2013. */
const BMI_CUTS = [18.5, 24, 28];
const BMI_CATEGORIES: readonly Category[] = [
  { code: 'underweight', label: { zh: '体重过低', en: 'underweight' } },
  { code: 'normal', label: { zh: '体重正常', en: 'normal weight' } },
  { code: 'overweight', label: { zh: '超重', en: 'overweight' } },
  { code: 'obese', label: { zh: '肥胖', en: 'obese' } },
];

const WAIST_RULE_ID = 'cn-waist';
const WAIST_CUTS: Record<Sex, readonly number[]> = { male: [85, 90], female: [80, 85] };
const WAIST_CATEGORIES: readonly Category[] = [
  { code: 'normal', label: { zh: '腰围正常', en: 'normal waist' } },
  { code: 'pre_central_obesity', label: { zh: '中心型肥胖前期', en: 'pre-central obesity' } },
  { code: 'central_obesity', label: { zh: '中心型肥胖', en: 'central obesity' } },
];

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  readAdultAge(reader);
  excludeWhenTrue(reader, 'pregnant');
  if (isNotApplicable(reader)) return reader.refused();

  const bodyMass = readBodyMass(reader, inputs);
  const waistCm = reader.number('waistCm', { optional: true });
  // Sex matters only for the waist cut-offs.
  const sex = waistCm !== undefined ? reader.sex() : undefined;
  if (!reader.ok || bodyMass === undefined) return reader.refused();

  const bmiCategory = BMI_CATEGORIES[bandIndex(bodyMass.bmi, BMI_CUTS)];
  const bmiDisplay = formatHalfUp(bodyMass.bmi, 1);
  const waist =
    waistCm !== undefined && sex !== undefined
      ? { ruleId: WAIST_RULE_ID, value: waistCm, ...finding(WAIST_CATEGORIES[bandIndex(waistCm, WAIST_CUTS[sex])]) }
      : null;

  return evaluated(bmiClassModel, reader.used, {
    value: bodyMass.bmi,
    unit: 'kg/m²',
    display: `${bmiDisplay} kg/m²`,
    category: bmiCategory,
    details: {
      bmi: { value: bodyMass.bmi, display: bmiDisplay, source: bodyMass.source, ...finding(bmiCategory) },
      waist,
    },
  });
}

export const bmiClassModel: RiskModel = {
  model: 'bmi-class',
  ruleId: 'cn-bmi',
  version: RISK_SPEC_REVISION,
  title: { zh: '体重指数与腰围判定（WS/T 428-2013）', en: 'BMI and waist classification (WS/T 428-2013)' },
  resultKind: 'category',
  categories: BMI_CATEGORIES,
  inputs: [
    ageInput(ADULT_AGE),
    ...BODY_MASS_INPUTS,
    numberInput('waistCm', {
      required: false,
      note: { zh: '提供时按 cn-waist 判定腰围，需同时提供性别', en: 'when given, classified by cn-waist; needs sex' },
    }),
    enumInput('sex', ['male', 'female'], { required: false, note: { zh: '提供腰围时必填', en: 'required when waist is given' } }),
    booleanInput('pregnant', { required: false, note: { zh: '妊娠期不适用', en: 'not applicable in pregnancy' } }),
  ],
  evaluate,
};
