import { BODY_MASS_INPUTS, FAMILY_HISTORY_DEGREES, SEX_INPUT, ageInput, enumInput, numberInput } from './input-specs';
import { InputReader } from './inputs';
import { readBodyMass } from './body-mass';
import { evaluated, type Category } from './model-result';
import { bandIndex } from './numbers';
import { isNotApplicable, readAgeInPopulation } from './population';
import { RISK_SPEC_REVISION } from './revision';
import type { ModelInputs, RiskModel, Sex } from './risk-model';

/** A lower-closed points table: `points[i]` for the band [cuts[i-1], cuts[i]). */
interface PointsTable {
  cuts: readonly number[];
  points: readonly number[];
}

function pointsFor(value: number, table: PointsTable): number {
  return table.points[bandIndex(value, table.cuts)];
}

/** §3. The age table starts at 20 and ends below 75, the rule's population. */
const AGE: PointsTable = { cuts: [25, 35, 40, 45, 50, 55, 60, 65], points: [0, 4, 8, 11, 12, 13, 15, 16, 18] };
const BMI: PointsTable = { cuts: [22, 24, 30], points: [0, 1, 3, 5] };
const WAIST: Record<Sex, PointsTable> = {
  male: { cuts: [75, 80, 85, 90, 95], points: [0, 3, 5, 7, 8, 10] },
  female: { cuts: [70, 75, 80, 85, 90], points: [0, 3, 5, 7, 8, 10] },
};
const SBP: PointsTable = { cuts: [110, 120, 130, 140, 150, 160], points: [0, 1, 3, 6, 7, 8, 10] };
const FIRST_DEGREE_FAMILY_HISTORY = 6;
const MALE = 2;

const POPULATION_AGES = [20, 74] as const;
const HIGH_RISK_FROM = 25;

const HIGH: Category = { code: 'high', label: { zh: '糖尿病高风险（建议OGTT）', en: 'high risk (OGTT recommended)' } };
const NOT_HIGH: Category = { code: 'not_high', label: { zh: '非高风险', en: 'not high risk' } };

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  const age = readAgeInPopulation(reader, POPULATION_AGES[0], POPULATION_AGES[1]);
  if (isNotApplicable(reader)) return reader.refused();

  const sex = reader.sex();
  const bodyMass = readBodyMass(reader, inputs);
  const waistCm = reader.number('waistCm');
  const sbp = reader.number('sbp');
  const familyHistory = reader.familyHistoryDiabetes();
  if (
    !reader.ok ||
    age === undefined ||
    sex === undefined ||
    bodyMass === undefined ||
    waistCm === undefined ||
    sbp === undefined ||
    familyHistory === undefined
  ) {
    return reader.refused();
  }

  // The score asks about first-degree relatives only; a second-degree history scores as "no".
  const points = {
    age: pointsFor(age, AGE),
    bmi: pointsFor(bodyMass.bmi, BMI),
    waist: pointsFor(waistCm, WAIST[sex]),
    sbp: pointsFor(sbp, SBP),
    familyHistoryDiabetes: familyHistory === 'first_degree' ? FIRST_DEGREE_FAMILY_HISTORY : 0,
    sex: sex === 'male' ? MALE : 0,
  };
  const total = Object.values(points).reduce((sum, p) => sum + p, 0);
  const high = total >= HIGH_RISK_FROM;

  return evaluated(cdrsModel, reader.used, {
    value: total,
    unit: 'points',
    display: String(total),
    category: high ? HIGH : NOT_HIGH,
    details: { points, bmi: bodyMass.bmi, bmiSource: bodyMass.source, highRiskFrom: HIGH_RISK_FROM, ogttRecommended: high },
  });
}

export const cdrsModel: RiskModel = {
  model: 'cdrs',
  ruleId: 'cdrs',
  version: RISK_SPEC_REVISION,
  title: { zh: '中国糖尿病风险评分', en: 'Chinese Diabetes Risk Score (CDRS)' },
  resultKind: 'points',
  categories: [HIGH, NOT_HIGH],
  inputs: [
    ageInput(POPULATION_AGES[0], POPULATION_AGES[1]),
    SEX_INPUT,
    ...BODY_MASS_INPUTS,
    numberInput('waistCm'),
    numberInput('sbp'),
    enumInput('familyHistoryDiabetes', FAMILY_HISTORY_DEGREES, {
      note: {
        zh: '父母、兄弟姐妹或子女患糖尿病（一级亲属）计分；仅二级亲属按“无”计',
        en: 'scores for a parent, sibling or child (first degree); second-degree only counts as no',
      },
    }),
  ],
  evaluate,
};
