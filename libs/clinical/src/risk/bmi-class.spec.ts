import { bmiClassModel } from './bmi-class';
import type { ModelInputs } from './risk-model';
import { refusalCodes, refusalsOf, resultOf } from '../testing/evaluate-model';

const ADULT: ModelInputs = { age: 40 };

describe('BMI categories (§6.1)', () => {
  it.each([
    [18.49, 'underweight', '体重过低'],
    [18.5, 'normal', '体重正常'],
    [18.51, 'normal', '体重正常'],
    [23.99, 'normal', '体重正常'],
    [24, 'overweight', '超重'],
    [24.01, 'overweight', '超重'],
    [27.99, 'overweight', '超重'],
    [28, 'obese', '肥胖'],
    [28.01, 'obese', '肥胖'],
  ])('BMI %f → %s', (bmi, category, zh) => {
    const result = resultOf(bmiClassModel, { ...ADULT, bmi });
    expect(result.category).toBe(category);
    expect(result.categoryLabel?.zh).toBe(zh);
    expect(result.details.bmi).toMatchObject({ category, source: 'bmi' });
  });

  it('classifies 61.44 kg at 1.60 m as 24.0 超重 thanks to the float guard', () => {
    const result = resultOf(bmiClassModel, { ...ADULT, heightCm: 160, weightKg: 61.44 });
    expect(result.value).toBeCloseTo(24, 10);
    expect(result.display).toBe('24.0 kg/m²');
    expect(result.category).toBe('overweight');
    expect(result.categoryLabel?.zh).toBe('超重');
    expect(result.details.bmi).toMatchObject({ display: '24.0', source: 'height_weight' });
  });

  it('classifies the unrounded value: 23.96 displays 24.0 but stays 体重正常', () => {
    const result = resultOf(bmiClassModel, { ...ADULT, bmi: 23.96 });
    expect(result.display).toBe('24.0 kg/m²');
    expect(result.category).toBe('normal');
  });
});

describe('waist categories (cn-waist)', () => {
  it.each([
    ['male', 84.9, 'normal'],
    ['male', 85, 'pre_central_obesity'],
    ['male', 85.1, 'pre_central_obesity'],
    ['male', 89.9, 'pre_central_obesity'],
    ['male', 90, 'central_obesity'],
    ['male', 90.1, 'central_obesity'],
    ['female', 79.9, 'normal'],
    ['female', 80, 'pre_central_obesity'],
    ['female', 80.1, 'pre_central_obesity'],
    ['female', 84.9, 'pre_central_obesity'],
    ['female', 85, 'central_obesity'],
    ['female', 85.1, 'central_obesity'],
  ])('%s waist %f cm → %s', (sex, waistCm, category) => {
    const waist = resultOf(bmiClassModel, { ...ADULT, bmi: 22, sex, waistCm }).details.waist;
    expect(waist).toMatchObject({ ruleId: 'cn-waist', value: waistCm, category });
  });

  it('labels central obesity 中心型肥胖 and leaves the BMI category as the result category', () => {
    const result = resultOf(bmiClassModel, { ...ADULT, bmi: 22, sex: 'female', waistCm: 90 });
    expect(result.category).toBe('normal');
    expect((result.details.waist as { label: { zh: string } }).label.zh).toBe('中心型肥胖');
  });

  it('reports no waist finding without a waist, and then needs no sex', () => {
    expect(resultOf(bmiClassModel, { ...ADULT, bmi: 22 }).details.waist).toBeNull();
  });

  it('needs sex when a waist is given', () => {
    expect(refusalCodes(bmiClassModel, { ...ADULT, bmi: 22, waistCm: 88 })).toEqual([['MISSING_INPUT', 'sex']]);
  });
});

describe('BMI classification refusals', () => {
  it('requires age and does not apply under 18', () => {
    expect(refusalCodes(bmiClassModel, { bmi: 22 })).toEqual([['MISSING_INPUT', 'age']]);
    expect(refusalCodes(bmiClassModel, { age: 17, bmi: 22 })).toEqual([['NOT_APPLICABLE', 'age']]);
    expect(resultOf(bmiClassModel, { age: 18, bmi: 22 }).category).toBe('normal');
  });

  it('does not apply in pregnancy', () => {
    expect(refusalCodes(bmiClassModel, { ...ADULT, bmi: 22, pregnant: true })).toEqual([['NOT_APPLICABLE', 'pregnant']]);
    expect(resultOf(bmiClassModel, { ...ADULT, bmi: 22, pregnant: false }).category).toBe('normal');
  });

  it('needs BMI or height and weight, and states the range when out of it', () => {
    expect(refusalCodes(bmiClassModel, ADULT)).toEqual([['MISSING_INPUT', 'bmi']]);
    const [refusal] = refusalsOf(bmiClassModel, { ...ADULT, heightCm: 170, weightKg: 19 });
    expect(refusal).toMatchObject({ code: 'OUT_OF_RANGE', field: 'weightKg' });
    expect(refusal.message.zh).toContain('[20, 300] kg');
    expect(refusalCodes(bmiClassModel, { ...ADULT, bmi: 22, sex: 'male', waistCm: 201 })).toEqual([['OUT_OF_RANGE', 'waistCm']]);
  });
});
