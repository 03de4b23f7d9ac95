import { BODY_MASS_INPUTS, SEX_INPUT, ageInput, booleanInput, numberInput } from './input-specs';
import { InputReader, isGiven } from './inputs';
import { readBodyMass } from './body-mass';
import { evaluated } from './model-result';
import { formatHalfUp } from './numbers';
import { excludeWhenTrue, isNotApplicable, readAgeInPopulation } from './population';
import { RISK_SPEC_REVISION } from './revision';
import type { InputSpec, ModelInputs, RiskModel, Sex } from './risk-model';
import { CHOLESTEROL_MG_DL_PER_MMOL, tenYearRiskPercent } from './ten-year-risk';

/** §5, D'Agostino 2008. In each sex the treated SBP coefficient is the larger one. */
interface FraminghamCoefficients {
  lnAge: number;
  /** ln TC and ln HDL-C (lipid model) or ln BMI (BMI model). */
  lnTc?: number;
  lnHdl?: number;
  lnBmi?: number;
  lnSbpUntreated: number;
  lnSbpTreated: number;
  smoker: number;
  diabetes: number;
  meanOfL: number;
  s10: number;
}

const LIPID: Record<Sex, FraminghamCoefficients> = {
  male: {
    lnAge: 3.06117,
    lnTc: 1.1237,
    lnHdl: -0.93263,
    lnSbpUntreated: 1.93303,
    lnSbpTreated: 1.99881,
    smoker: 0.65451,
    diabetes: 0.57367,
    meanOfL: 23.9802,
    s10: 0.88936,
  },
  female: {
    lnAge: 2.32888,
    lnTc: 1.20904,
    lnHdl: -0.70833,
    lnSbpUntreated: 2.76157,
    lnSbpTreated: 2.82263,
    smoker: 0.52873,
    diabetes: 0.69154,
    meanOfL: 26.1931,
    s10: 0.95012,
  },
};

const BMI: Record<Sex, FraminghamCoefficients> = {
  male: {
    lnAge: 3.11296,
    lnBmi: 0.79277,
    lnSbpUntreated: 1.85508,
    lnSbpTreated: 1.92672,
    smoker: 0.70953,
    diabetes: 0.5316,
    meanOfL: 23.9388,
    s10: 0.88431,
  },
  female: {
    lnAge: 2.72107,
    lnBmi: 0.51125,
    lnSbpUntreated: 2.81291,
    lnSbpTreated: 2.88267,
    smoker: 0.61868,
    diabetes: 0.77763,
    meanOfL: 26.0145,
    s10: 0.94833,
  },
};

const POPULATION_AGES = [30, 74] as const;

type Variant = 'lipid' | 'bmi';

interface Measures {
  sex: Sex;
  age: number;
  sbp: number;
  onAntihypertensive: boolean;
  smoker: boolean;
  diabetes: boolean;
  tcMgDl?: number;
  hdlMgDl?: number;
  bmi?: number;
}

function termsOf(c: FraminghamCoefficients, m: Measures): Record<string, number> {
  const terms: Record<string, number> = { lnAge: c.lnAge * Math.log(m.age) };
  if (c.lnTc !== undefined && m.tcMgDl !== undefined) terms.lnTc = c.lnTc * Math.log(m.tcMgDl);
  if (c.lnHdl !== undefined && m.hdlMgDl !== undefined) terms.lnHdl = c.lnHdl * Math.log(m.hdlMgDl);
  if (c.lnBmi !== undefined && m.bmi !== undefined) terms.lnBmi = c.lnBmi * Math.log(m.bmi);
  // Exactly one SBP term enters.
  terms.lnSbp = (m.onAntihypertensive ? c.lnSbpTreated : c.lnSbpUntreated) * Math.log(m.sbp);
  terms.smoker = m.smoker ? c.smoker : 0;
  terms.diabetes = m.diabetes ? c.diabetes : 0;
  return terms;
}

function evaluateWith(model: RiskModel, variant: Variant, inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  const sex = reader.sex();
  const age = readAgeInPopulation(reader, POPULATION_AGES[0], POPULATION_AGES[1]);
  excludeWhenTrue(reader, 'establishedAscvd');
  if (isNotApplicable(reader)) return reader.refused();

  const sbp = reader.number('sbp');
  const onAntihypertensive = reader.boolean('onAntihypertensive');
  const smoker = reader.boolean('smoker');
  const diabetes = reader.boolean('diabetes');
  const tcMmol = variant === 'lipid' ? reader.number('tcMmol') : undefined;
  const hdlMmol = variant === 'lipid' ? reader.number('hdlMmol') : undefined;
  const bodyMass = variant === 'bmi' ? readBodyMass(reader, inputs) : undefined;
  if (
    !reader.ok ||
    sex === undefined ||
    age === undefined ||
    sbp === undefined ||
    onAntihypertensive === undefined ||
    smoker === undefined ||
    diabetes === undefined
  ) {
    return reader.refused();
  }

  const measures: Measures = { sex, age, sbp, onAntihypertensive, smoker, diabetes };
  const converted: Record<string, number> = {};
  if (tcMmol !== undefined && hdlMmol !== undefined) {
    measures.tcMgDl = converted.tcMgDl = tcMmol * CHOLESTEROL_MG_DL_PER_MMOL;
    measures.hdlMgDl = converted.hdlMgDl = hdlMmol * CHOLESTEROL_MG_DL_PER_MMOL;
  }
  if (bodyMass) measures.bmi = bodyMass.bmi;

  const coefficients = (variant === 'lipid' ? LIPID : BMI)[sex];
  const terms = termsOf(coefficients, measures);
  const linearPredictor = Object.values(terms).reduce((sum, term) => sum + term, 0);
  // The source defines no categories and the percentage is never clamped (the paper's chart stops at "> 30 %").
  const risk = tenYearRiskPercent(linearPredictor, coefficients.meanOfL, coefficients.s10);

  return evaluated(
    model,
    { ...reader.used, ...converted },
    {
      value: risk,
      unit: '%',
      display: `${formatHalfUp(risk, 1)} %`,
      category: null,
      details: {
        variant,
        linearPredictor,
        meanOfL: coefficients.meanOfL,
        baselineSurvival: coefficients.s10,
        sbpTerm: onAntihypertensive ? 'treated' : 'untreated',
        terms,
        ...(bodyMass ? { bmiSource: bodyMass.source } : {}),
        secondaryEstimate: true,
      },
    },
  );
}

const COMMON_INPUTS: readonly InputSpec[] = [
  SEX_INPUT,
  ageInput(POPULATION_AGES[0], POPULATION_AGES[1]),
  numberInput('sbp'),
  booleanInput('onAntihypertensive', {
    note: { zh: '选择治疗或未治疗的收缩压系数', en: 'selects the treated or untreated SBP coefficient' },
  }),
  booleanInput('smoker'),
  booleanInput('diabetes'),
];

const ESTABLISHED_CVD_INPUT = booleanInput('establishedAscvd', {
  required: false,
  note: { zh: '已患心血管病时不适用本模型', en: 'when true the model does not apply' },
});

const TITLE_NOTE = '（次要参考，未针对中国人群校准）';

export const framinghamLipidModel: RiskModel = {
  model: 'framingham-lipid',
  ruleId: 'framingham-2008-lipid',
  version: RISK_SPEC_REVISION,
  title: {
    zh: `Framingham 2008 10年心血管病风险（血脂模型）${TITLE_NOTE}`,
    en: 'Framingham 2008 10-year general CVD risk, lipid model (secondary estimate; not calibrated for Chinese people)',
  },
  resultKind: 'percent',
  inputs: [
    ...COMMON_INPUTS,
    numberInput('tcMmol', { note: { zh: '按 ×38.67 换算为 mg/dL', en: 'converted to mg/dL with × 38.67' } }),
    numberInput('hdlMmol', { note: { zh: '按 ×38.67 换算为 mg/dL', en: 'converted to mg/dL with × 38.67' } }),
    ESTABLISHED_CVD_INPUT,
  ],
  evaluate: (inputs) => evaluateWith(framinghamLipidModel, 'lipid', inputs),
};

export const framinghamBmiModel: RiskModel = {
  model: 'framingham-bmi',
  ruleId: 'framingham-2008-bmi',
  version: RISK_SPEC_REVISION,
  title: {
    zh: `Framingham 2008 10年心血管病风险（BMI模型）${TITLE_NOTE}`,
    en: 'Framingham 2008 10-year general CVD risk, BMI model (secondary estimate; not calibrated for Chinese people)',
  },
  resultKind: 'percent',
  inputs: [...COMMON_INPUTS, ...BODY_MASS_INPUTS, ESTABLISHED_CVD_INPUT],
  evaluate: (inputs) => evaluateWith(framinghamBmiModel, 'bmi', inputs),
};

/**
 * §5 default when the caller does not choose: the lipid model when both TC and HDL-C are available,
 * otherwise the BMI model. The result's `model` and `ruleId` record which one was used.
 */
export function defaultFraminghamModel(inputs: ModelInputs): RiskModel {
  return isGiven(inputs.tcMmol) && isGiven(inputs.hdlMmol) ? framinghamLipidModel : framinghamBmiModel;
}
