import { ADULT_AGE, isNotApplicable, readAdultAge } from './population';
import { ageInput, booleanInput, enumInput, numberInput } from './input-specs';
import { refuseUnlessDbpBelowSbp } from './bp-grade';
import { InputReader } from './inputs';
import { evaluated, type Category } from './model-result';
import { guard } from './numbers';
import { RISK_SPEC_REVISION } from './revision';
import type { BilingualText, InputName, ModelInputs, RiskModel, Sex } from './risk-model';

/** §6.6, CDS definition (中国2型糖尿病防治指南 2017/2020); not the 2004 definition. */
const WAIST_FROM: Record<Sex, number> = { male: 90, female: 85 };
const FPG_FROM = 6.1;
const OGTT_2H_FROM = 7.8;
const SBP_FROM = 130;
const DBP_FROM = 85;
const TG_FROM = 1.7;
const HDL_BELOW = 1.04;
const COMPONENTS_FOR_SYNDROME = 3;

type ComponentStatus = 'met' | 'not_met' | 'unknown';

interface Component {
  code: string;
  label: BilingualText;
  /** The inputs that could settle it, listed when it is unknown. */
  inputs: readonly InputName[];
  status: ComponentStatus;
}

const RESULTS = {
  yes: { code: 'yes', label: { zh: '符合代谢综合征', en: 'metabolic syndrome' } },
  no: { code: 'no', label: { zh: '不符合代谢综合征', en: 'no metabolic syndrome' } },
  indeterminate: { code: 'indeterminate', label: { zh: '无法判定（缺少指标）', en: 'indeterminate (inputs missing)' } },
} satisfies Record<string, Category>;

/**
 * A component with measured criteria and, for glucose and blood pressure, a treated diagnosis that
 * meets it outright. Unknown when nothing settles it: no measurement and no diagnosis. A diagnosis
 * answered "no" is not a measurement, so on its own it leaves the component unknown.
 */
function status(criteria: (boolean | undefined)[], treated?: boolean): ComponentStatus {
  if (treated === true || criteria.some((c) => c === true)) return 'met';
  return criteria.some((c) => c === false) ? 'not_met' : 'unknown';
}

function atLeast(value: number | undefined, threshold: number): boolean | undefined {
  return value === undefined ? undefined : guard(value) >= threshold;
}

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  readAdultAge(reader);
  if (isNotApplicable(reader)) return reader.refused();

  const waistCm = reader.number('waistCm', { optional: true });
  const sex = waistCm !== undefined ? reader.sex() : undefined;
  const fpg = reader.number('fpgMmol', { optional: true });
  const ogtt2h = reader.number('ogtt2hMmol', { optional: true });
  const treatedDiabetes = reader.boolean('treatedDiabetes', { optional: true });
  const sbp = reader.number('sbp', { optional: true });
  const dbp = reader.number('dbp', { optional: true });
  const treatedHypertension = reader.boolean('treatedHypertension', { optional: true });
  const tg = reader.number('tgMmol', { optional: true });
  const hdl = reader.number('hdlMmol', { optional: true });
  refuseUnlessDbpBelowSbp(reader, sbp, dbp);
  if (!reader.ok) return reader.refused();

  const components: Component[] = [
    {
      code: 'abdominal_obesity',
      label: { zh: '腹型肥胖', en: 'abdominal obesity' },
      inputs: ['waistCm'],
      status: status([waistCm !== undefined && sex !== undefined ? guard(waistCm) >= WAIST_FROM[sex] : undefined]),
    },
    {
      code: 'hyperglycaemia',
      label: { zh: '高血糖', en: 'hyperglycaemia' },
      inputs: ['fpgMmol', 'ogtt2hMmol', 'treatedDiabetes'],
      status: status([atLeast(fpg, FPG_FROM), atLeast(ogtt2h, OGTT_2H_FROM)], treatedDiabetes),
    },
    {
      code: 'hypertension',
      label: { zh: '高血压', en: 'high blood pressure' },
      inputs: ['sbp', 'dbp', 'treatedHypertension'],
      status: status([atLeast(sbp, SBP_FROM), atLeast(dbp, DBP_FROM)], treatedHypertension),
    },
    {
      code: 'high_tg',
      label: { zh: '高TG', en: 'high triglycerides' },
      inputs: ['tgMmol'],
      status: status([atLeast(tg, TG_FROM)]),
    },
    {
      code: 'low_hdl',
      label: { zh: '低HDL-C', en: 'low HDL-C' },
      inputs: ['hdlMmol'],
      status: status([hdl === undefined ? undefined : guard(hdl) < HDL_BELOW]),
    },
  ];
  const met = components.filter((c) => c.status === 'met').length;
  const unknown = components.filter((c) => c.status === 'unknown');
  const result =
    met >= COMPONENTS_FOR_SYNDROME
      ? RESULTS.yes
      : met + unknown.length < COMPONENTS_FOR_SYNDROME
        ? RESULTS.no
        : RESULTS.indeterminate;

  return evaluated(metabolicSyndromeModel, reader.used, {
    value: met,
    unit: 'components',
    display: `${met}/${components.length}`,
    category: result,
    details: {
      components: components.map(({ code, label, status }) => ({ component: code, label, status })),
      metCount: met,
      unknownCount: unknown.length,
      missingInputs: result === RESULTS.indeterminate ? unknown.flatMap((c) => c.inputs) : [],
    },
  });
}

export const metabolicSyndromeModel: RiskModel = {
  model: 'metabolic-syndrome',
  ruleId: 'cn-mets-cds',
  version: RISK_SPEC_REVISION,
  title: { zh: '代谢综合征（中华医学会糖尿病学分会标准）', en: 'Metabolic syndrome (CDS definition)' },
  resultKind: 'category',
  categories: [RESULTS.yes, RESULTS.no, RESULTS.indeterminate],
  inputs: [
    ageInput(ADULT_AGE),
    numberInput('waistCm', { required: false }),
    enumInput('sex', ['male', 'female'], { required: false, note: { zh: '提供腰围时必填', en: 'required when waist is given' } }),
    numberInput('fpgMmol', { required: false }),
    numberInput('ogtt2hMmol', { required: false }),
    booleanInput('treatedDiabetes', {
      required: false,
      note: { zh: '为是时高血糖成立', en: 'when true, hyperglycaemia is met' },
    }),
    numberInput('sbp', { required: false }),
    numberInput('dbp', { required: false, note: { zh: '须低于收缩压', en: 'must be below SBP' } }),
    booleanInput('treatedHypertension', {
      required: false,
      note: { zh: '为是时高血压成立', en: 'when true, high blood pressure is met' },
    }),
    numberInput('tgMmol', { required: false, note: { zh: '空腹', en: 'fasting' } }),
    numberInput('hdlMmol', { required: false, note: { zh: '空腹', en: 'fasting' } }),
  ],
  evaluate,
};
