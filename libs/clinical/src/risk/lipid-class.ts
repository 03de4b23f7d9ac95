import { ADULT_AGE, isNotApplicable, readAdultAge } from './population';
import { ageInput, numberInput } from './input-specs';
import { INPUT_LABELS, InputReader, PLAUSIBLE, isGiven } from './inputs';
import { evaluated, finding, type Category } from './model-result';
import { bandIndex, guard } from './numbers';
import { RISK_SPEC_REVISION } from './revision';
import type { InputName, ModelInputs, RiskModel } from './risk-model';

/** §6.4, 中国血脂管理指南 2023: levels for adults at low risk in primary prevention (mmol/L; Lp(a) mg/L). */
const IDEAL: Category = { code: 'ideal', label: { zh: '理想水平', en: 'ideal' } };
const APPROPRIATE: Category = { code: 'appropriate', label: { zh: '合适水平', en: 'appropriate' } };
const BORDERLINE_HIGH: Category = { code: 'borderline_high', label: { zh: '边缘升高', en: 'borderline high' } };
const HIGH: Category = { code: 'high', label: { zh: '升高', en: 'high' } };
const LOW: Category = { code: 'low', label: { zh: '降低', en: 'low' } };
// The guideline names only the low HDL-C level; anything else is simply not low.
const NOT_LOW: Category = { code: 'not_low', label: { zh: '未降低', en: 'not low' } };

interface LevelTable {
  cuts: readonly number[];
  levels: readonly Category[];
}

type Analyte = 'tc' | 'ldl' | 'nonHdl' | 'tg' | 'hdl' | 'lpa';

const LEVELS: Record<Analyte, LevelTable> = {
  tc: { cuts: [5.2, 6.2], levels: [APPROPRIATE, BORDERLINE_HIGH, HIGH] },
  ldl: { cuts: [2.6, 3.4, 4.1], levels: [IDEAL, APPROPRIATE, BORDERLINE_HIGH, HIGH] },
  nonHdl: { cuts: [3.4, 4.1, 4.9], levels: [IDEAL, APPROPRIATE, BORDERLINE_HIGH, HIGH] },
  tg: { cuts: [1.7, 2.3], levels: [APPROPRIATE, BORDERLINE_HIGH, HIGH] },
  hdl: { cuts: [1.0], levels: [LOW, NOT_LOW] },
  lpa: { cuts: [300], levels: [APPROPRIATE, HIGH] },
};

const INPUT_OF: Record<Analyte, InputName> = {
  tc: 'tcMmol',
  ldl: 'ldlMmol',
  nonHdl: 'nonHdlMmol',
  tg: 'tgMmol',
  hdl: 'hdlMmol',
  lpa: 'lpaMgL',
};

const CLINICAL_TYPES = {
  mixed: { code: 'mixed_hyperlipidaemia', label: { zh: '混合型高脂血症', en: 'mixed hyperlipidaemia' } },
  cholesterol: { code: 'hypercholesterolaemia', label: { zh: '高胆固醇血症', en: 'hypercholesterolaemia' } },
  triglyceride: { code: 'hypertriglyceridaemia', label: { zh: '高甘油三酯血症', en: 'hypertriglyceridaemia' } },
  lowHdl: { code: 'low_hdl', label: { zh: '低HDL-C血症', en: 'low HDL-C' } },
} satisfies Record<string, Category>;

const NON_HDL_RANGE = PLAUSIBLE.nonHdlMmol ?? [0.1, 20];

function levelOf(analyte: Analyte, value: number): Category {
  const table = LEVELS[analyte];
  return table.levels[bandIndex(value, table.cuts)];
}

/** non-HDL-C = TC − HDL-C, guarded so 5.8 − 0.9 is 4.9 and not 4.8999999999999995. */
function computedNonHdl(reader: InputReader, tc: number, hdl: number): number | undefined {
  const nonHdl = guard(tc - hdl);
  if (nonHdl < NON_HDL_RANGE[0] || nonHdl > NON_HDL_RANGE[1]) {
    const range = `[${NON_HDL_RANGE[0]}, ${NON_HDL_RANGE[1]}] ${INPUT_LABELS.nonHdlMmol.unit}`;
    reader.refuse('OUT_OF_RANGE', 'hdlMmol', {
      zh: `总胆固醇减高密度脂蛋白胆固醇得 ${nonHdl}，超出非HDL-C可接受范围 ${range}`,
      en: `TC − HDL-C gives ${nonHdl}, outside the accepted non-HDL-C range ${range}`,
    });
    return undefined;
  }
  return nonHdl;
}

/**
 * Clinical types from TC and TG, plus low HDL-C. With one of TC/TG missing, a high value still names
 * its type, but whether it is mixed cannot be told: `missingForTypes` says which analyte would decide.
 */
function clinicalTypes(levels: Partial<Record<Analyte, Category>>): { types: Category[]; missingForTypes: InputName[] } {
  const tcHigh = levels.tc === HIGH;
  const tgHigh = levels.tg === HIGH;
  const types: Category[] = [];
  if (tcHigh && tgHigh) types.push(CLINICAL_TYPES.mixed);
  else if (tcHigh) types.push(CLINICAL_TYPES.cholesterol);
  else if (tgHigh) types.push(CLINICAL_TYPES.triglyceride);
  if (levels.hdl === LOW) types.push(CLINICAL_TYPES.lowHdl);
  const missingForTypes: InputName[] = [];
  if (!levels.tc) missingForTypes.push('tcMmol');
  if (!levels.tg) missingForTypes.push('tgMmol');
  if (!levels.hdl) missingForTypes.push('hdlMmol');
  return { types, missingForTypes };
}

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  readAdultAge(reader);
  if (isNotApplicable(reader)) return reader.refused();

  const values: Partial<Record<Analyte, number>> = {};
  for (const analyte of ['tc', 'ldl', 'tg', 'hdl', 'lpa'] as const) {
    const value = reader.number(INPUT_OF[analyte], { optional: true });
    if (value !== undefined) values[analyte] = value;
  }
  const tcAndHdlGiven = isGiven(inputs.tcMmol) && isGiven(inputs.hdlMmol);
  let nonHdlSource: 'tc_minus_hdl' | 'lab' | null = null;
  if (tcAndHdlGiven) {
    // The lab's non-HDL-C is not read: the computed value takes precedence (§6.4).
    if (values.tc !== undefined && values.hdl !== undefined) {
      const nonHdl = computedNonHdl(reader, values.tc, values.hdl);
      if (nonHdl !== undefined) {
        values.nonHdl = nonHdl;
        nonHdlSource = 'tc_minus_hdl';
      }
    }
  } else {
    const lab = reader.number('nonHdlMmol', { optional: true });
    if (lab !== undefined) {
      values.nonHdl = lab;
      nonHdlSource = 'lab';
    }
  }
  const anyGiven = (Object.values(INPUT_OF) as InputName[]).some((name) => isGiven(inputs[name]));
  if (!anyGiven) {
    reader.refuse('MISSING_INPUT', 'tcMmol', {
      zh: '至少需要一项血脂指标：总胆固醇、LDL-C、非HDL-C、甘油三酯、HDL-C 或脂蛋白(a)',
      en: 'at least one lipid is required: TC, LDL-C, non-HDL-C, TG, HDL-C or Lp(a)',
    });
  }
  if (!reader.ok) return reader.refused();

  const levels: Partial<Record<Analyte, Category>> = {};
  const analytes: Record<string, unknown> = {};
  for (const [analyte, value] of Object.entries(values) as [Analyte, number][]) {
    levels[analyte] = levelOf(analyte, value);
    analytes[analyte] = {
      value,
      ...finding(levels[analyte]),
      ...(analyte === 'nonHdl' ? { source: nonHdlSource } : {}),
    };
  }
  const { types, missingForTypes } = clinicalTypes(levels);

  return evaluated(
    lipidClassModel,
    { ...reader.used, ...(nonHdlSource === 'tc_minus_hdl' ? { nonHdlMmol: values.nonHdl } : {}) },
    {
      details: {
        analytes,
        clinicalTypes: types.map((t) => finding(t)),
        missingForTypes,
      },
    },
  );
}

export const lipidClassModel: RiskModel = {
  model: 'lipid-class',
  ruleId: 'cn-lipids-2023',
  version: RISK_SPEC_REVISION,
  title: { zh: '血脂水平分层（中国血脂管理指南 2023）', en: 'Lipid levels (Chinese lipid management guideline 2023)' },
  resultKind: 'category',
  inputs: [
    ageInput(ADULT_AGE),
    numberInput('tcMmol', { required: false, note: { zh: '六项血脂至少一项', en: 'at least one of the six lipids' } }),
    numberInput('ldlMmol', { required: false }),
    numberInput('nonHdlMmol', {
      required: false,
      note: {
        zh: '同时有总胆固醇和HDL-C时按两者之差计算，不读此值',
        en: 'ignored when TC and HDL-C are both given: TC − HDL-C is used',
      },
    }),
    numberInput('tgMmol', { required: false }),
    numberInput('hdlMmol', { required: false }),
    numberInput('lpaMgL', { required: false }),
  ],
  evaluate,
};
