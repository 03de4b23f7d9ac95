import { booleanInput, numberInput, SEX_INPUT, ageInput } from './input-specs';
import { InputReader } from './inputs';
import { evaluated, type Category } from './model-result';
import { bandIndex, formatHalfUp, guard } from './numbers';
import { excludeWhenTrue, isNotApplicable, readAgeInPopulation } from './population';
import { RISK_SPEC_REVISION } from './revision';
import type { ModelInputs, RiskModel, Sex } from './risk-model';
import { CHOLESTEROL_MG_DL_PER_MMOL, tenYearRiskPercent } from './ten-year-risk';

/** §2.2, the normative set (back-derived from the paper's worked example; not the printed 2-decimal set). */
interface ChinaParCoefficients {
  lnAge: number;
  lnSbpTreated: number;
  lnSbpUntreated: number;
  lnAgeLnSbpTreated: number;
  lnAgeLnSbpUntreated: number;
  lnTc: number;
  lnHdl: number;
  lnWaist: number;
  smoking: number;
  diabetes: number;
  north: number;
  /** Men only. */
  urban?: number;
  familyHistory?: number;
  lnAgeSmoking?: number;
  lnAgeFamilyHistory?: number;
  meanOfL: number;
  s10: number;
}

const COEFFICIENTS: Record<Sex, ChinaParCoefficients> = {
  male: {
    lnAge: 31.96604,
    lnSbpTreated: 27.39,
    lnSbpUntreated: 26.14876,
    lnAgeLnSbpTreated: -6.02,
    lnAgeLnSbpUntreated: -5.73074,
    lnTc: 0.6209,
    lnHdl: -0.69373,
    // Negative as published (§2.2); not a sign error.
    lnWaist: -0.712,
    smoking: 3.96,
    diabetes: 0.36,
    north: 0.48,
    urban: -0.16,
    familyHistory: 6.22,
    lnAgeSmoking: -0.94,
    lnAgeFamilyHistory: -1.53,
    meanOfL: 140.68,
    s10: 0.9707,
  },
  female: {
    lnAge: 24.87,
    lnSbpTreated: 20.71,
    lnSbpUntreated: 19.98,
    lnAgeLnSbpTreated: -4.53,
    lnAgeLnSbpUntreated: -4.36,
    // 0.06, not the 0.16 found in public code, which misses the paper's worked example.
    lnTc: 0.06,
    lnHdl: -0.22,
    lnWaist: 1.48,
    smoking: 0.49,
    diabetes: 0.57,
    north: 0.54,
    meanOfL: 117.26,
    s10: 0.9851,
  },
};

/** §2.1: this rule's own accepted ranges, narrower than §1.4. */
const RANGES = {
  age: [20, 85],
  sbp: [70, 200],
  tcMmol: [2, 11],
  hdlMmol: [0.5, 4],
  waistCm: [50, 130],
} as const;

const DERIVATION_AGES = [35, 74] as const;

/** §2.3 on the unrounded, guarded risk: [0, 5) low, [5, 10) medium, [10, 100] high. */
const CATEGORY_CUTS = [5, 10];
const CATEGORIES: readonly Category[] = [
  { code: 'low', label: { zh: '低危', en: 'low risk' } },
  { code: 'medium', label: { zh: '中危', en: 'medium risk' } },
  { code: 'high', label: { zh: '高危', en: 'high risk' } },
];

export interface ChinaParProfile {
  sex: Sex;
  age: number;
  sbp: number;
  onAntihypertensive: boolean;
  tcMgDl: number;
  hdlMgDl: number;
  waistCm: number;
  smoker: boolean;
  diabetes: boolean;
  north: boolean;
  /** Men only; ignored for women. */
  urban: boolean;
  familyHistoryAscvd: boolean;
}

/** Each term β·x of L, named as in the §2.2 table, so the published term values can be checked. */
export function chinaParTerms(p: ChinaParProfile): Record<string, number> {
  const c = COEFFICIENTS[p.sex];
  const lnAge = Math.log(p.age);
  const lnSbp = Math.log(p.sbp);
  const terms: Record<string, number> = {
    lnAge: c.lnAge * lnAge,
    lnSbp: (p.onAntihypertensive ? c.lnSbpTreated : c.lnSbpUntreated) * lnSbp,
    lnAgeLnSbp: (p.onAntihypertensive ? c.lnAgeLnSbpTreated : c.lnAgeLnSbpUntreated) * lnAge * lnSbp,
    lnTc: c.lnTc * Math.log(p.tcMgDl),
    lnHdl: c.lnHdl * Math.log(p.hdlMgDl),
    lnWaist: c.lnWaist * Math.log(p.waistCm),
    smoking: p.smoker ? c.smoking : 0,
    diabetes: p.diabetes ? c.diabetes : 0,
    north: p.north ? c.north : 0,
  };
  if (p.sex === 'male') {
    terms.urban = p.urban ? (c.urban ?? 0) : 0;
    terms.familyHistory = p.familyHistoryAscvd ? (c.familyHistory ?? 0) : 0;
    terms.lnAgeSmoking = p.smoker ? (c.lnAgeSmoking ?? 0) * lnAge : 0;
    terms.lnAgeFamilyHistory = p.familyHistoryAscvd ? (c.lnAgeFamilyHistory ?? 0) * lnAge : 0;
  }
  return terms;
}

export function chinaParLinearPredictor(p: ChinaParProfile): number {
  return Object.values(chinaParTerms(p)).reduce((sum, term) => sum + term, 0);
}

/** The 10-year ASCVD risk in percent, unrounded. */
export function chinaParRisk(p: ChinaParProfile): number {
  const c = COEFFICIENTS[p.sex];
  return tenYearRiskPercent(chinaParLinearPredictor(p), c.meanOfL, c.s10);
}

/** §2.3 "ideal risk": same age, sex, north and urban, every modifiable factor at its ideal value. */
function idealProfile(p: ChinaParProfile): ChinaParProfile {
  return {
    ...p,
    sbp: 120,
    onAntihypertensive: false,
    tcMgDl: 200,
    hdlMgDl: 40,
    waistCm: p.sex === 'male' ? 90 : 85,
    smoker: false,
    diabetes: false,
    familyHistoryAscvd: false,
  };
}

function displayPercent(risk: number): string {
  return `${formatHalfUp(risk, 1)} %`;
}

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  const sex = reader.sex();
  const age = readAgeInPopulation(reader, RANGES.age[0], RANGES.age[1]);
  excludeWhenTrue(reader, 'establishedAscvd');
  if (isNotApplicable(reader)) return reader.refused();

  const sbp = reader.number('sbp', { range: RANGES.sbp });
  const onAntihypertensive = reader.boolean('onAntihypertensive');
  const tcMmol = reader.number('tcMmol', { range: RANGES.tcMmol });
  const hdlMmol = reader.number('hdlMmol', { range: RANGES.hdlMmol });
  const waistCm = reader.number('waistCm', { range: RANGES.waistCm });
  const smoker = reader.boolean('smoker');
  const diabetes = reader.boolean('diabetes');
  const north = reader.boolean('northChina');
  // Urban and family history enter the men's equation only; for women they are not read at all.
  const urban = sex === 'male' ? reader.boolean('urban') : false;
  const familyHistoryAscvd = sex === 'male' ? reader.boolean('familyHistoryAscvd') : false;
  if (
    !reader.ok ||
    sex === undefined ||
    age === undefined ||
    sbp === undefined ||
    onAntihypertensive === undefined ||
    tcMmol === undefined ||
    hdlMmol === undefined ||
    waistCm === undefined ||
    smoker === undefined ||
    diabetes === undefined ||
    north === undefined ||
    urban === undefined ||
    familyHistoryAscvd === undefined
  ) {
    return reader.refused();
  }

  const profile: ChinaParProfile = {
    sex,
    age,
    sbp,
    onAntihypertensive,
    tcMgDl: tcMmol * CHOLESTEROL_MG_DL_PER_MMOL,
    hdlMgDl: hdlMmol * CHOLESTEROL_MG_DL_PER_MMOL,
    waistCm,
    smoker,
    diabetes,
    north,
    urban,
    familyHistoryAscvd,
  };
  const terms = chinaParTerms(profile);
  const linearPredictor = Object.values(terms).reduce((sum, term) => sum + term, 0);
  const coefficients = COEFFICIENTS[sex];
  const risk = tenYearRiskPercent(linearPredictor, coefficients.meanOfL, coefficients.s10);
  const idealRisk = chinaParRisk(idealProfile(profile));
  const outsideDerivation = age < DERIVATION_AGES[0] || age > DERIVATION_AGES[1];

  return evaluated(
    chinaParModel,
    { ...reader.used, tcMgDl: profile.tcMgDl, hdlMgDl: profile.hdlMgDl },
    {
      value: risk,
      unit: '%',
      display: displayPercent(risk),
      category: CATEGORIES[bandIndex(guard(risk), CATEGORY_CUTS)],
      details: {
        linearPredictor,
        meanOfL: coefficients.meanOfL,
        baselineSurvival: coefficients.s10,
        sbpTerms: onAntihypertensive ? 'treated' : 'untreated',
        terms,
        idealRisk: {
          value: idealRisk,
          display: displayPercent(idealRisk),
          inferred: true,
          note: {
            zh: '理想风险按官方计算器的做法推断，作者未公开说明',
            en: "inferred from the official calculator's behaviour; not documented by the authors",
          },
        },
      },
      warnings: outsideDerivation ? ['AGE_OUTSIDE_DERIVATION_RANGE'] : [],
    },
  );
}

export const chinaParModel: RiskModel = {
  model: 'china-par',
  ruleId: 'china-par-10y',
  version: RISK_SPEC_REVISION,
  title: { zh: 'China-PAR 10年动脉粥样硬化性心血管病风险', en: 'China-PAR 10-year ASCVD risk' },
  resultKind: 'percent',
  categories: CATEGORIES,
  inputs: [
    SEX_INPUT,
    {
      ...ageInput(RANGES.age[0], RANGES.age[1]),
      note: {
        zh: '周岁；[20, 85] 岁以外不适用；35–74 岁以外照常计算并标注 AGE_OUTSIDE_DERIVATION_RANGE',
        en: 'completed years; not applicable outside [20, 85]; outside 35–74 computed with the flag AGE_OUTSIDE_DERIVATION_RANGE',
      },
    },
    numberInput('sbp', { range: RANGES.sbp }),
    booleanInput('onAntihypertensive', {
      note: {
        zh: '近2周服用降压药；选择治疗或未治疗的收缩压系数',
        en: 'antihypertensive drugs in the past 2 weeks; selects the SBP terms',
      },
    }),
    numberInput('tcMmol', { range: RANGES.tcMmol }),
    numberInput('hdlMmol', { range: RANGES.hdlMmol }),
    numberInput('waistCm', { range: RANGES.waistCm }),
    booleanInput('smoker'),
    booleanInput('diabetes'),
    booleanInput('northChina', { note: { zh: '以长江为界', en: 'the Yangtze River is the boundary' } }),
    booleanInput('urban', { required: false, note: { zh: '男性必填；女性不使用', en: 'required for men; not used for women' } }),
    booleanInput('familyHistoryAscvd', {
      required: false,
      note: {
        zh: '父母或兄弟姐妹患心肌梗死或脑卒中；男性必填；女性不使用',
        en: 'parent or sibling with MI or stroke; required for men; not used for women',
      },
    }),
    booleanInput('establishedAscvd', {
      required: false,
      note: { zh: '为是时不适用本模型', en: 'when true the model does not apply' },
    }),
  ],
  evaluate,
};
