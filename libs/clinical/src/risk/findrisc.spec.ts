import { findriscModel } from './findrisc';
import type { ModelInputs } from './risk-model';
import { refusalCodes, resultOf } from '../testing/evaluate-model';

/** A woman scoring 0 on every item. */
const ZERO: ModelInputs = {
  age: 30,
  sex: 'female',
  bmi: 22,
  waistCm: 70,
  physicallyActive30min: true,
  vegetablesDaily: true,
  everAntihypertensive: false,
  everHighGlucose: false,
  familyHistoryDiabetes: 'none',
};

function points(inputs: ModelInputs): Record<string, number> {
  return resultOf(findriscModel, { ...ZERO, ...inputs }).details.points as Record<string, number>;
}

describe('FINDRISC items (§4)', () => {
  it.each([
    [18, 0],
    [44, 0],
    [45, 2],
    [54, 2],
    [55, 3],
    [64, 3],
    [65, 4],
    [90, 4],
  ])('age %i → %i', (age, expected) => {
    expect(points({ age }).age).toBe(expected);
  });

  it.each([
    [24.99, 0],
    [25, 1],
    [25.01, 1],
    [29.99, 1],
    [30, 1],
    [30.01, 3],
  ])('BMI %f → %i (both edges of [25, 30] belong to the middle band)', (bmi, expected) => {
    expect(points({ bmi }).bmi).toBe(expected);
  });

  it('classifies a computed BMI of exactly 30 through the float guard', () => {
    // 76.8 / 1.6² evaluates to 29.999999999999996 without the guard
    expect(76.8 / 1.6 ** 2).not.toBe(30);
    expect(points({ heightCm: 160, weightKg: 76.8 }).bmi).toBe(1);
  });

  it.each([
    ['male', 93.9, 0],
    ['male', 94, 3],
    ['male', 94.1, 3],
    ['male', 101.9, 3],
    ['male', 102, 3],
    ['male', 102.1, 4],
    ['female', 79.9, 0],
    ['female', 80, 3],
    ['female', 80.1, 3],
    ['female', 87.9, 3],
    ['female', 88, 3],
    ['female', 88.1, 4],
  ])('waist of a %s %f cm → %i', (sex, waistCm, expected) => {
    expect(points({ sex, waistCm }).waist).toBe(expected);
  });

  it('scores the yes/no items and family history', () => {
    expect(points({ physicallyActive30min: false }).physicalActivity).toBe(2);
    expect(points({ vegetablesDaily: false }).vegetables).toBe(1);
    expect(points({ everAntihypertensive: true }).antihypertensives).toBe(2);
    expect(points({ everHighGlucose: true }).highGlucose).toBe(5);
    expect(points({ familyHistoryDiabetes: 'second_degree' }).familyHistoryDiabetes).toBe(3);
    expect(points({ familyHistoryDiabetes: 'first_degree' }).familyHistoryDiabetes).toBe(5);
  });
});

describe('FINDRISC total bands', () => {
  it.each([
    [{}, 0, 'low', '≈ 1 in 100'],
    [{ everHighGlucose: true, vegetablesDaily: false }, 6, 'low', '≈ 1 in 100'],
    [{ everHighGlucose: true, physicallyActive30min: false }, 7, 'slightly_elevated', '≈ 1 in 25'],
    [
      { everHighGlucose: true, familyHistoryDiabetes: 'first_degree', vegetablesDaily: false },
      11,
      'slightly_elevated',
      '≈ 1 in 25',
    ],
    [{ everHighGlucose: true, familyHistoryDiabetes: 'first_degree', age: 45 }, 12, 'moderate', '≈ 1 in 6'],
    [{ everHighGlucose: true, familyHistoryDiabetes: 'first_degree', age: 65 }, 14, 'moderate', '≈ 1 in 6'],
    [
      { everHighGlucose: true, familyHistoryDiabetes: 'first_degree', waistCm: 80, physicallyActive30min: false },
      15,
      'high',
      '≈ 1 in 3',
    ],
    [
      {
        everHighGlucose: true,
        familyHistoryDiabetes: 'first_degree',
        waistCm: 80,
        age: 55,
        physicallyActive30min: false,
        vegetablesDaily: false,
      },
      19,
      'high',
      '≈ 1 in 3',
    ],
    [
      {
        everHighGlucose: true,
        familyHistoryDiabetes: 'first_degree',
        waistCm: 80,
        age: 55,
        everAntihypertensive: true,
        bmi: 26,
        vegetablesDaily: false,
      },
      20,
      'high',
      '≈ 1 in 3',
    ],
    [
      {
        everHighGlucose: true,
        familyHistoryDiabetes: 'first_degree',
        waistCm: 80,
        age: 55,
        everAntihypertensive: true,
        bmi: 26,
        physicallyActive30min: false,
      },
      21,
      'very_high',
      '≈ 1 in 2',
    ],
    [
      {
        age: 70,
        bmi: 31,
        waistCm: 90,
        physicallyActive30min: false,
        vegetablesDaily: false,
        everAntihypertensive: true,
        everHighGlucose: true,
        familyHistoryDiabetes: 'first_degree',
      },
      26,
      'very_high',
      '≈ 1 in 2',
    ],
  ] as const)('%j → %i, %s', (items, total, band, risk) => {
    const result = resultOf(findriscModel, { ...ZERO, ...items });
    expect(result.value).toBe(total);
    expect(result.display).toBe(String(total));
    expect(result.category).toBe(band);
    expect((result.details.estimatedTenYearRisk as { en: string }).en).toBe(risk);
  });
});

describe('FINDRISC refusals', () => {
  it('does not apply under 18', () => {
    expect(refusalCodes(findriscModel, { ...ZERO, age: 17 })).toEqual([['NOT_APPLICABLE', 'age']]);
  });

  it('never treats an unanswered question as "no"', () => {
    const { everHighGlucose: _glucose, physicallyActive30min: _active, ...inputs } = ZERO;
    expect(refusalCodes(findriscModel, inputs)).toEqual([
      ['MISSING_INPUT', 'physicallyActive30min'],
      ['MISSING_INPUT', 'everHighGlucose'],
    ]);
  });

  it('refuses malformed answers', () => {
    expect(refusalCodes(findriscModel, { ...ZERO, vegetablesDaily: 'yes', familyHistoryDiabetes: 'first' })).toEqual([
      ['OUT_OF_RANGE', 'vegetablesDaily'],
      ['OUT_OF_RANGE', 'familyHistoryDiabetes'],
    ]);
    expect(refusalCodes(findriscModel, { ...ZERO, age: undefined })).toEqual([['MISSING_INPUT', 'age']]);
  });
});
