import { cdrsModel } from './cdrs';
import type { ModelInputs } from './risk-model';
import { refusalCodes, refusalsOf, resultOf } from '../testing/evaluate-model';

/** A woman scoring 0 on every item. */
const ZERO: ModelInputs = { age: 20, sex: 'female', bmi: 20, waistCm: 60, sbp: 100, familyHistoryDiabetes: 'none' };

function points(inputs: ModelInputs): Record<string, number> {
  return resultOf(cdrsModel, { ...ZERO, ...inputs }).details.points as Record<string, number>;
}

describe('CDRS items (§3), each cut just below, at and just above', () => {
  it.each([
    [20, 0],
    [24, 0],
    [25, 4],
    [34, 4],
    [35, 8],
    [39, 8],
    [40, 11],
    [44, 11],
    [45, 12],
    [49, 12],
    [50, 13],
    [54, 13],
    [55, 15],
    [59, 15],
    [60, 16],
    [64, 16],
    [65, 18],
    [74, 18],
  ])('age %i → %i', (age, expected) => {
    expect(points({ age }).age).toBe(expected);
  });

  it.each([
    [21.99, 0],
    [22, 1],
    [22.01, 1],
    [23.99, 1],
    [24, 3],
    [24.01, 3],
    [29.99, 3],
    [30, 5],
    [30.01, 5],
  ])('BMI %f → %i', (bmi, expected) => {
    expect(points({ bmi }).bmi).toBe(expected);
  });

  it('classifies a computed BMI through the float guard (61.44 kg / 1.60 m is 24.0 → 3)', () => {
    const result = resultOf(cdrsModel, { ...ZERO, heightCm: 160, weightKg: 61.44 });
    expect((result.details.points as Record<string, number>).bmi).toBe(3);
    expect(result.details.bmiSource).toBe('height_weight');
  });

  it.each([
    ['male', 74.9, 0],
    ['male', 75, 3],
    ['male', 79.9, 3],
    ['male', 80, 5],
    ['male', 84.9, 5],
    ['male', 85, 7],
    ['male', 89.9, 7],
    ['male', 90, 8],
    ['male', 94.9, 8],
    ['male', 95, 10],
    ['male', 95.1, 10],
    ['female', 69.9, 0],
    ['female', 70, 3],
    ['female', 74.9, 3],
    ['female', 75, 5],
    ['female', 79.9, 5],
    ['female', 80, 7],
    ['female', 84.9, 7],
    ['female', 85, 8],
    ['female', 89.9, 8],
    ['female', 90, 10],
    ['female', 90.1, 10],
  ])('waist of a %s %f cm → %i', (sex, waistCm, expected) => {
    expect(points({ sex, waistCm }).waist).toBe(expected);
  });

  it.each([
    [109, 0],
    [110, 1],
    [119, 1],
    [120, 3],
    [129, 3],
    [130, 6],
    [139, 6],
    [140, 7],
    [149, 7],
    [150, 8],
    [159, 8],
    [160, 10],
    [161, 10],
  ])('SBP %i → %i', (sbp, expected) => {
    expect(points({ sbp }).sbp).toBe(expected);
  });

  it.each([
    ['none', 0],
    ['second_degree', 0],
    ['first_degree', 6],
  ])('family history %s → %i', (familyHistoryDiabetes, expected) => {
    expect(points({ familyHistoryDiabetes }).familyHistoryDiabetes).toBe(expected);
  });

  it('gives men 2 points and women 0', () => {
    expect(points({ sex: 'male' }).sex).toBe(2);
    expect(points({ sex: 'female' }).sex).toBe(0);
  });
});

describe('CDRS total and high-risk flag', () => {
  it('reaches 51 at most', () => {
    const result = resultOf(cdrsModel, {
      age: 70,
      sex: 'male',
      bmi: 31,
      waistCm: 100,
      sbp: 170,
      familyHistoryDiabetes: 'first_degree',
    });
    expect(result.value).toBe(51);
    expect(result.display).toBe('51');
    expect(result.unit).toBe('points');
    expect(result.category).toBe('high');
  });

  it('is high risk from 25 and not high at 24', () => {
    // 13 (age 50) + 1 (BMI 22) + 0 + 6 (SBP 130) + 0 + 2 (male) + 3 (waist 75) = 25
    const at25 = resultOf(cdrsModel, { age: 50, sex: 'male', bmi: 22, waistCm: 75, sbp: 130, familyHistoryDiabetes: 'none' });
    expect(at25.value).toBe(25);
    expect(at25.category).toBe('high');
    expect(at25.categoryLabel?.en).toContain('OGTT');
    expect(at25.details.ogttRecommended).toBe(true);
    const at24 = resultOf(cdrsModel, { age: 50, sex: 'male', bmi: 21.9, waistCm: 75, sbp: 130, familyHistoryDiabetes: 'none' });
    expect(at24.value).toBe(24);
    expect(at24.category).toBe('not_high');
    expect(at24.details.ogttRecommended).toBe(false);
  });
});

describe('CDRS refusals', () => {
  it.each([19, 75])('does not apply at age %i', (age) => {
    expect(refusalCodes(cdrsModel, { ...ZERO, age })).toEqual([['NOT_APPLICABLE', 'age']]);
  });

  it('lists every missing input at once', () => {
    expect(refusalCodes(cdrsModel, { age: 40 })).toEqual([
      ['MISSING_INPUT', 'sex'],
      ['MISSING_INPUT', 'bmi'],
      ['MISSING_INPUT', 'waistCm'],
      ['MISSING_INPUT', 'sbp'],
      ['MISSING_INPUT', 'familyHistoryDiabetes'],
    ]);
  });

  it('refuses out-of-range measurements, stating the §1.4 range', () => {
    const [refusal] = refusalsOf(cdrsModel, { ...ZERO, waistCm: 39 });
    expect(refusal).toMatchObject({ code: 'OUT_OF_RANGE', field: 'waistCm' });
    expect(refusal.message.en).toContain('[40, 200] cm');
    expect(refusalCodes(cdrsModel, { ...ZERO, familyHistoryDiabetes: 'yes' })).toEqual([
      ['OUT_OF_RANGE', 'familyHistoryDiabetes'],
    ]);
  });
});
