import { defaultFraminghamModel, framinghamBmiModel, framinghamLipidModel } from './framingham';
import type { ModelInputs } from './risk-model';
import { refusalCodes, resultOf } from '../testing/evaluate-model';

const MG_DL = 38.67;

/** The CVrisk example man (§5). */
const MAN: ModelInputs = { sex: 'male', age: 55, sbp: 140, onAntihypertensive: false, smoker: false, diabetes: false };
const LIPIDS = { tcMmol: 213 / MG_DL, hdlMmol: 50 / MG_DL };

describe('Framingham 2008 published examples (§5)', () => {
  it('lipid model: 13.53 % within 0.005', () => {
    const result = resultOf(framinghamLipidModel, { ...MAN, ...LIPIDS });
    expect(Math.abs((result.value ?? NaN) - 13.53)).toBeLessThanOrEqual(0.005);
    expect(result).toMatchObject({ model: 'framingham-lipid', ruleId: 'framingham-2008-lipid', unit: '%', display: '13.5 %' });
    expect(result.category).toBeNull();
    expect(result.categoryLabel).toBeNull();
    expect(result.inputsUsed.tcMgDl).toBeCloseTo(213, 10);
  });

  it('BMI model: 16.75 % within 0.005', () => {
    const result = resultOf(framinghamBmiModel, { ...MAN, bmi: 30 });
    expect(Math.abs((result.value ?? NaN) - 16.75)).toBeLessThanOrEqual(0.005);
    // The unrounded value lies just below 16.75, so one decimal gives 16.7.
    expect(result.value).toBeLessThan(16.75);
    expect(result).toMatchObject({ model: 'framingham-bmi', ruleId: 'framingham-2008-bmi', display: '16.7 %', category: null });
  });
});

describe('Framingham equation details', () => {
  it('uses the larger treated SBP coefficient, and only one SBP term', () => {
    const untreated = resultOf(framinghamLipidModel, { ...MAN, ...LIPIDS });
    const treated = resultOf(framinghamLipidModel, { ...MAN, ...LIPIDS, onAntihypertensive: true });
    expect((treated.details.terms as Record<string, number>).lnSbp).toBeCloseTo(1.99881 * Math.log(140), 10);
    expect(Object.keys(treated.details.terms as object).filter((t) => t.startsWith('lnSbp'))).toEqual(['lnSbp']);
    expect(treated.value).toBeGreaterThan(untreated.value ?? Infinity);
  });

  it('uses the women coefficients for women', () => {
    const result = resultOf(framinghamLipidModel, { ...MAN, ...LIPIDS, sex: 'female', smoker: true, diabetes: true });
    const terms = result.details.terms as Record<string, number>;
    expect(terms.lnAge).toBeCloseTo(2.32888 * Math.log(55), 10);
    expect(terms.smoker).toBe(0.52873);
    expect(terms.diabetes).toBe(0.69154);
    expect(result.details.meanOfL).toBe(26.1931);
  });

  it('never clamps: a very high risk is reported as computed', () => {
    const result = resultOf(framinghamLipidModel, {
      sex: 'male',
      age: 74,
      sbp: 220,
      onAntihypertensive: true,
      smoker: true,
      diabetes: true,
      tcMmol: 9,
      hdlMmol: 0.7,
    });
    expect(result.value).toBeGreaterThan(30);
    expect(result.display).toBe(`${(Math.round((result.value ?? 0) * 10) / 10).toFixed(1)} %`);
  });

  it('never clamps a risk below 1 %', () => {
    const result = resultOf(framinghamBmiModel, { ...MAN, sex: 'female', age: 30, sbp: 100, bmi: 19 });
    expect(result.value).toBeLessThan(1);
    expect(result.value).toBeGreaterThan(0);
  });

  it('computes the BMI model from height and weight too', () => {
    const result = resultOf(framinghamBmiModel, { ...MAN, heightCm: 170, weightKg: 86.7 });
    expect(result.details.bmiSource).toBe('height_weight');
    expect((result.details.terms as Record<string, number>).lnBmi).toBeCloseTo(0.79277 * Math.log(86.7 / 1.7 ** 2), 10);
  });
});

describe('Framingham default model choice', () => {
  it('takes the lipid model when TC and HDL-C are both available, the BMI model otherwise', () => {
    expect(defaultFraminghamModel({ ...MAN, ...LIPIDS, bmi: 30 })).toBe(framinghamLipidModel);
    expect(defaultFraminghamModel({ ...MAN, tcMmol: 5, bmi: 30 })).toBe(framinghamBmiModel);
    expect(defaultFraminghamModel({ ...MAN, bmi: 30 })).toBe(framinghamBmiModel);
  });
});

describe('Framingham refusals', () => {
  it.each([29, 75])('does not apply at age %i', (age) => {
    expect(refusalCodes(framinghamLipidModel, { ...MAN, ...LIPIDS, age })).toEqual([['NOT_APPLICABLE', 'age']]);
    expect(refusalCodes(framinghamBmiModel, { ...MAN, bmi: 30, age })).toEqual([['NOT_APPLICABLE', 'age']]);
  });

  it.each([30, 74])('applies at the edge age %i', (age) => {
    expect(resultOf(framinghamLipidModel, { ...MAN, ...LIPIDS, age }).value).toBeGreaterThan(0);
  });

  it('does not apply with established cardiovascular disease', () => {
    expect(refusalCodes(framinghamBmiModel, { ...MAN, bmi: 30, establishedAscvd: true })).toEqual([
      ['NOT_APPLICABLE', 'establishedAscvd'],
    ]);
  });

  it('requires the inputs of the chosen model', () => {
    expect(refusalCodes(framinghamLipidModel, { ...MAN, tcMmol: 5 })).toEqual([['MISSING_INPUT', 'hdlMmol']]);
    expect(refusalCodes(framinghamBmiModel, MAN)).toEqual([['MISSING_INPUT', 'bmi']]);
    expect(refusalCodes(framinghamBmiModel, { ...MAN, bmi: 30, smoker: undefined })).toEqual([['MISSING_INPUT', 'smoker']]);
  });

  it('applies the §1.4 limits', () => {
    expect(refusalCodes(framinghamLipidModel, { ...MAN, ...LIPIDS, tcMmol: 20.1, sbp: 49 })).toEqual([
      ['OUT_OF_RANGE', 'sbp'],
      ['OUT_OF_RANGE', 'tcMmol'],
    ]);
  });
});
