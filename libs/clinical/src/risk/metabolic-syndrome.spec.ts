import { metabolicSyndromeModel } from './metabolic-syndrome';
import type { ModelInputs } from './risk-model';
import { refusalCodes, resultOf } from '../testing/evaluate-model';

/** Every component measured and not met. */
const HEALTHY: ModelInputs = { age: 50, sex: 'male', waistCm: 80, fpgMmol: 5, sbp: 120, dbp: 75, tgMmol: 1.2, hdlMmol: 1.3 };

function assess(inputs: ModelInputs) {
  return resultOf(metabolicSyndromeModel, inputs);
}

function componentStatus(inputs: ModelInputs, component: string): string {
  const components = assess({ ...HEALTHY, ...inputs }).details.components as { component: string; status: string }[];
  return components.find((c) => c.component === component)?.status ?? 'absent';
}

describe('metabolic syndrome components (§6.6), each cut just below, at and just above', () => {
  it.each([
    [{ sex: 'male', waistCm: 89.9 }, 'not_met'],
    [{ sex: 'male', waistCm: 90 }, 'met'],
    [{ sex: 'male', waistCm: 90.1 }, 'met'],
    [{ sex: 'female', waistCm: 84.9 }, 'not_met'],
    [{ sex: 'female', waistCm: 85 }, 'met'],
    [{ sex: 'female', waistCm: 85.1 }, 'met'],
  ])('abdominal obesity %j → %s', (inputs, expected) => {
    expect(componentStatus(inputs, 'abdominal_obesity')).toBe(expected);
  });

  it.each([
    [{ fpgMmol: 6.09 }, 'not_met'],
    [{ fpgMmol: 6.1 }, 'met'],
    [{ fpgMmol: 6.11 }, 'met'],
    [{ fpgMmol: 5, ogtt2hMmol: 7.79 }, 'not_met'],
    [{ fpgMmol: 5, ogtt2hMmol: 7.8 }, 'met'],
    [{ fpgMmol: 5, ogtt2hMmol: 7.81 }, 'met'],
    [{ fpgMmol: 5, treatedDiabetes: true }, 'met'],
    [{ fpgMmol: undefined, treatedDiabetes: true }, 'met'],
  ])('hyperglycaemia %j → %s', (inputs, expected) => {
    expect(componentStatus(inputs, 'hyperglycaemia')).toBe(expected);
  });

  it.each([
    [{ sbp: 129 }, 'not_met'],
    [{ sbp: 130 }, 'met'],
    [{ sbp: 131 }, 'met'],
    [{ dbp: 84 }, 'not_met'],
    [{ dbp: 85 }, 'met'],
    [{ dbp: 86 }, 'met'],
    [{ sbp: undefined, dbp: undefined, treatedHypertension: true }, 'met'],
  ])('high blood pressure %j → %s', (inputs, expected) => {
    expect(componentStatus(inputs, 'hypertension')).toBe(expected);
  });

  it.each([
    [{ tgMmol: 1.69 }, 'not_met'],
    [{ tgMmol: 1.7 }, 'met'],
    [{ tgMmol: 1.71 }, 'met'],
  ])('high TG %j → %s', (inputs, expected) => {
    expect(componentStatus(inputs, 'high_tg')).toBe(expected);
  });

  it.each([
    [{ hdlMmol: 1.03 }, 'met'],
    [{ hdlMmol: 1.04 }, 'not_met'],
    [{ hdlMmol: 1.05 }, 'not_met'],
  ])('low HDL-C %j → %s', (inputs, expected) => {
    expect(componentStatus(inputs, 'low_hdl')).toBe(expected);
  });
});

describe('unknown components', () => {
  it('is unknown when none of its inputs is present', () => {
    expect(componentStatus({ waistCm: undefined }, 'abdominal_obesity')).toBe('unknown');
    expect(componentStatus({ fpgMmol: undefined }, 'hyperglycaemia')).toBe('unknown');
    expect(componentStatus({ sbp: undefined, dbp: undefined }, 'hypertension')).toBe('unknown');
    expect(componentStatus({ tgMmol: undefined }, 'high_tg')).toBe('unknown');
    expect(componentStatus({ hdlMmol: undefined }, 'low_hdl')).toBe('unknown');
  });

  it('is not met when one of several inputs is present and normal', () => {
    expect(componentStatus({ dbp: undefined }, 'hypertension')).toBe('not_met');
  });

  it('treats a "no" diagnosis without measurements as unknown, not as normal', () => {
    expect(componentStatus({ fpgMmol: undefined, treatedDiabetes: false }, 'hyperglycaemia')).toBe('unknown');
    expect(componentStatus({ sbp: undefined, dbp: undefined, treatedHypertension: false }, 'hypertension')).toBe('unknown');
  });
});

describe('metabolic syndrome result', () => {
  it('is yes with 3 components met', () => {
    const result = assess({ ...HEALTHY, waistCm: 95, tgMmol: 2.0, hdlMmol: 0.9 });
    expect(result.category).toBe('yes');
    expect(result.categoryLabel?.zh).toBe('符合代谢综合征');
    expect(result.value).toBe(3);
    expect(result.display).toBe('3/5');
  });

  it('is yes with 3 met even when the rest are unknown', () => {
    expect(assess({ age: 50, treatedDiabetes: true, treatedHypertension: true, tgMmol: 1.8 }).category).toBe('yes');
  });

  it('is no with everything measured and 2 met', () => {
    const result = assess({ ...HEALTHY, tgMmol: 2.0, hdlMmol: 0.9 });
    expect(result.category).toBe('no');
    expect(result.details.missingInputs).toEqual([]);
  });

  it('is no when met + unknown < 3', () => {
    const result = assess({ ...HEALTHY, tgMmol: 2.0, waistCm: undefined });
    expect(result.details).toMatchObject({ metCount: 1, unknownCount: 1 });
    expect(result.category).toBe('no');
  });

  it('is indeterminate when met + unknown ≥ 3 but met < 3, listing the missing inputs', () => {
    const result = assess({ age: 50, sex: 'male', waistCm: 95, tgMmol: 2.0, hdlMmol: 1.3 });
    expect(result.category).toBe('indeterminate');
    expect(result.details.missingInputs).toEqual([
      'fpgMmol',
      'ogtt2hMmol',
      'treatedDiabetes',
      'sbp',
      'dbp',
      'treatedHypertension',
    ]);
  });

  it('is indeterminate with no inputs at all', () => {
    expect(assess({ age: 50 }).category).toBe('indeterminate');
  });
});

describe('metabolic syndrome refusals', () => {
  it('needs sex when a waist is given', () => {
    expect(refusalCodes(metabolicSyndromeModel, { age: 50, waistCm: 92 })).toEqual([['MISSING_INPUT', 'sex']]);
  });

  it('refuses DBP not below SBP and values outside §1.4', () => {
    expect(refusalCodes(metabolicSyndromeModel, { ...HEALTHY, sbp: 90, dbp: 95 })).toEqual([['OUT_OF_RANGE', 'dbp']]);
    expect(refusalCodes(metabolicSyndromeModel, { ...HEALTHY, hdlMmol: 5.1 })).toEqual([['OUT_OF_RANGE', 'hdlMmol']]);
  });

  it('requires an adult age', () => {
    expect(refusalCodes(metabolicSyndromeModel, { ...HEALTHY, age: 17 })).toEqual([['NOT_APPLICABLE', 'age']]);
    expect(refusalCodes(metabolicSyndromeModel, { ...HEALTHY, age: undefined })).toEqual([['MISSING_INPUT', 'age']]);
  });
});
