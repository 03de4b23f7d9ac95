import { uricAcidModel } from './uric-acid';
import type { ModelInputs } from './risk-model';
import { refusalCodes, refusalsOf, resultOf } from '../testing/evaluate-model';

function judge(inputs: ModelInputs) {
  return resultOf(uricAcidModel, { age: 40, ...inputs });
}

describe('uric acid, 2019 rule (§6.5): the upper band excludes its edge', () => {
  it.each([
    [419.9, 'male', 'normal'],
    [420, 'male', 'normal'],
    [420.000001, 'male', 'above_threshold'],
    [420.1, 'female', 'above_threshold'],
    [400, 'female', 'normal'],
  ])('%f µmol/L (%s) → %s', (uricAcidUmol, sex, category) => {
    const result = judge({ uricAcidUmol, sex });
    expect(result.category).toBe(category);
    expect(result.ruleId).toBe('cn-uric-acid-2019');
    expect(result.details.upperLimitOfNormal).toBe(420);
  });

  it('needs no sex, and 7.0 mg/dL (416.4 µmol/L) is not above the threshold', () => {
    expect(judge({ uricAcidUmol: 7.0 * 59.48 }).category).toBe('normal');
  });

  it('labels a high value 高尿酸血症 without claiming a diagnosis', () => {
    const result = judge({ uricAcidUmol: 480 });
    expect(result.categoryLabel?.zh).toBe('高于阈值（高尿酸血症）');
    expect(result.details.aboveThreshold).toBe(true);
    expect(result.details).not.toHaveProperty('ruleLabel');
  });
});

describe('uric acid, legacy rule', () => {
  it.each([
    ['female', 359.9, 'normal'],
    ['female', 360, 'normal'],
    ['female', 360.000001, 'above_threshold'],
    ['male', 420, 'normal'],
    ['male', 420.000001, 'above_threshold'],
  ])('%s %f µmol/L → %s', (sex, uricAcidUmol, category) => {
    const result = judge({ uricAcidUmol, sex, uricAcidRule: 'cn-uric-acid-legacy' });
    expect(result.category).toBe(category);
    expect(result.ruleId).toBe('cn-uric-acid-legacy');
  });

  it('is labelled 旧标准', () => {
    const result = judge({ uricAcidUmol: 380, sex: 'female', uricAcidRule: 'cn-uric-acid-legacy' });
    expect(result.categoryLabel?.zh).toContain('旧标准');
    expect(result.details.ruleLabel).toEqual({ zh: '旧标准', en: 'legacy rule' });
    expect(result.details.upperLimitOfNormal).toBe(360);
  });

  it('needs sex', () => {
    expect(refusalCodes(uricAcidModel, { age: 40, uricAcidUmol: 380, uricAcidRule: 'cn-uric-acid-legacy' })).toEqual([
      ['MISSING_INPUT', 'sex'],
    ]);
  });
});

describe('uric acid refusals', () => {
  it('refuses an unknown rule and values outside §1.4', () => {
    expect(refusalCodes(uricAcidModel, { age: 40, uricAcidUmol: 380, uricAcidRule: 'old' })).toEqual([
      ['OUT_OF_RANGE', 'uricAcidRule'],
    ]);
    const [refusal] = refusalsOf(uricAcidModel, { age: 40, uricAcidUmol: 1501 });
    expect(refusal).toMatchObject({ code: 'OUT_OF_RANGE', field: 'uricAcidUmol' });
    expect(refusal.message.en).toContain('[30, 1500] µmol/L');
  });

  it('requires the value and an adult age', () => {
    expect(refusalCodes(uricAcidModel, { age: 40 })).toEqual([['MISSING_INPUT', 'uricAcidUmol']]);
    expect(refusalCodes(uricAcidModel, { age: 12, uricAcidUmol: 300 })).toEqual([['NOT_APPLICABLE', 'age']]);
  });
});
