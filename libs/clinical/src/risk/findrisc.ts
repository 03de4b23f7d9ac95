import {
  BODY_MASS_INPUTS,
  FAMILY_HISTORY_DEGREES,
  SEX_INPUT,
  ageInput,
  booleanInput,
  enumInput,
  numberInput,
} from './input-specs';
import { InputReader } from './inputs';
import { readBodyMass } from './body-mass';
import { evaluated, type Category } from './model-result';
import { bandIndex, guard } from './numbers';
import { ADULT_AGE, isNotApplicable, readAdultAge } from './population';
import { RISK_SPEC_REVISION } from './revision';
import type { BilingualText, FamilyHistoryDegree, ModelInputs, RiskModel, Sex } from './risk-model';

/**
 * §4 BMI and waist items: (−∞, low) · [low, high] · (high, ∞). The form's ranges are inclusive, so
 * both edges of the middle band belong to it (BMI 30 scores 1, waist 102 cm in men scores 3).
 */
interface InclusiveMiddleBand {
  low: number;
  high: number;
  points: readonly [number, number, number];
}

function pointsFor(value: number, band: InclusiveMiddleBand): number {
  const v = guard(value);
  if (v < band.low) return band.points[0];
  return v <= band.high ? band.points[1] : band.points[2];
}

const AGE_CUTS = [45, 55, 65];
const AGE_POINTS = [0, 2, 3, 4];
const BMI: InclusiveMiddleBand = { low: 25, high: 30, points: [0, 1, 3] };
const WAIST: Record<Sex, InclusiveMiddleBand> = {
  male: { low: 94, high: 102, points: [0, 3, 4] },
  female: { low: 80, high: 88, points: [0, 3, 4] },
};
const FAMILY_HISTORY: Record<FamilyHistoryDegree, number> = { none: 0, second_degree: 3, first_degree: 5 };
const NOT_ACTIVE = 2;
const NO_DAILY_VEGETABLES = 1;
const EVER_ANTIHYPERTENSIVE = 2;
const EVER_HIGH_GLUCOSE = 5;

/** Total bands [0,7) · [7,12) · [12,15) · [15,21) · [21,26]. */
const BAND_CUTS = [7, 12, 15, 21];
const BANDS: readonly (Category & { estimatedRisk: BilingualText })[] = [
  { code: 'low', label: { zh: '低风险', en: 'low' }, estimatedRisk: { zh: '约 1/100', en: '≈ 1 in 100' } },
  {
    code: 'slightly_elevated',
    label: { zh: '风险稍高', en: 'slightly elevated' },
    estimatedRisk: { zh: '约 1/25', en: '≈ 1 in 25' },
  },
  { code: 'moderate', label: { zh: '中等风险', en: 'moderate' }, estimatedRisk: { zh: '约 1/6', en: '≈ 1 in 6' } },
  { code: 'high', label: { zh: '高风险', en: 'high' }, estimatedRisk: { zh: '约 1/3', en: '≈ 1 in 3' } },
  { code: 'very_high', label: { zh: '很高风险', en: 'very high' }, estimatedRisk: { zh: '约 1/2', en: '≈ 1 in 2' } },
];

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  const age = readAdultAge(reader);
  if (isNotApplicable(reader)) return reader.refused();

  const sex = reader.sex();
  const bodyMass = readBodyMass(reader, inputs);
  const waistCm = reader.number('waistCm');
  const active = reader.boolean('physicallyActive30min');
  const vegetables = reader.boolean('vegetablesDaily');
  const everAntihypertensive = reader.boolean('everAntihypertensive');
  const everHighGlucose = reader.boolean('everHighGlucose');
  const familyHistory = reader.familyHistoryDiabetes();
  if (
    !reader.ok ||
    age === undefined ||
    sex === undefined ||
    bodyMass === undefined ||
    waistCm === undefined ||
    active === undefined ||
    vegetables === undefined ||
    everAntihypertensive === undefined ||
    everHighGlucose === undefined ||
    familyHistory === undefined
  ) {
    return reader.refused();
  }

  const points = {
    age: AGE_POINTS[bandIndex(age, AGE_CUTS)],
    bmi: pointsFor(bodyMass.bmi, BMI),
    waist: pointsFor(waistCm, WAIST[sex]),
    physicalActivity: active ? 0 : NOT_ACTIVE,
    vegetables: vegetables ? 0 : NO_DAILY_VEGETABLES,
    antihypertensives: everAntihypertensive ? EVER_ANTIHYPERTENSIVE : 0,
    highGlucose: everHighGlucose ? EVER_HIGH_GLUCOSE : 0,
    familyHistoryDiabetes: FAMILY_HISTORY[familyHistory],
  };
  const total = Object.values(points).reduce((sum, p) => sum + p, 0);
  const band = BANDS[bandIndex(total, BAND_CUTS)];

  return evaluated(findriscModel, reader.used, {
    value: total,
    unit: 'points',
    display: String(total),
    category: band,
    details: { points, bmi: bodyMass.bmi, bmiSource: bodyMass.source, estimatedTenYearRisk: band.estimatedRisk },
  });
}

export const findriscModel: RiskModel = {
  model: 'findrisc',
  ruleId: 'findrisc',
  version: RISK_SPEC_REVISION,
  title: { zh: '芬兰糖尿病风险评分（FINDRISC）', en: 'FINDRISC type 2 diabetes risk score' },
  resultKind: 'points',
  categories: BANDS.map(({ code, label }) => ({ code, label })),
  inputs: [
    ageInput(ADULT_AGE),
    SEX_INPUT,
    ...BODY_MASS_INPUTS,
    numberInput('waistCm'),
    booleanInput('physicallyActive30min', {
      note: { zh: '工作和/或休闲时间', en: 'at work and/or in leisure time' },
    }),
    booleanInput('vegetablesDaily', { note: { zh: '蔬菜、水果或浆果', en: 'vegetables, fruit or berries' } }),
    booleanInput('everAntihypertensive'),
    booleanInput('everHighGlucose', {
      note: { zh: '体检、患病或妊娠期间', en: 'at a check-up, during illness or pregnancy' },
    }),
    enumInput('familyHistoryDiabetes', FAMILY_HISTORY_DEGREES, {
      note: {
        zh: '二级亲属：祖父母、叔伯姑姨舅、堂表兄弟姐妹；一级亲属：父母、兄弟姐妹、子女',
        en: 'second degree: grandparent, aunt, uncle, first cousin; first degree: parent, sibling, own child',
      },
    }),
  ],
  evaluate,
};
