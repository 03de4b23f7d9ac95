import { bpGradeModel } from './bp-grade';
import type { ModelInputs } from './risk-model';
import { refusalCodes, refusalsOf, resultOf } from '../testing/evaluate-model';

function grade(sbp: number, dbp: number, extra: ModelInputs = {}) {
  return resultOf(bpGradeModel, { age: 50, sbp, dbp, ...extra });
}

describe('blood pressure ranks (§6.2)', () => {
  it.each([
    [119, 'normal'],
    [120, 'high_normal'],
    [121, 'high_normal'],
    [139, 'high_normal'],
    [140, 'grade_1'],
    [141, 'grade_1'],
    [159, 'grade_1'],
    [160, 'grade_2'],
    [161, 'grade_2'],
    [179, 'grade_2'],
    [180, 'grade_3'],
    [181, 'grade_3'],
  ])('SBP %i ranks %s', (sbp, category) => {
    expect((grade(sbp, 60).details.sbp as { category: string }).category).toBe(category);
  });

  it.each([
    [79, 'normal'],
    [80, 'high_normal'],
    [81, 'high_normal'],
    [89, 'high_normal'],
    [90, 'grade_1'],
    [91, 'grade_1'],
    [99, 'grade_1'],
    [100, 'grade_2'],
    [101, 'grade_2'],
    [109, 'grade_2'],
    [110, 'grade_3'],
    [111, 'grade_3'],
  ])('DBP %i ranks %s', (dbp, category) => {
    expect((grade(190, dbp).details.dbp as { category: string }).category).toBe(category);
  });

  it('takes the higher of the two ranks', () => {
    expect(grade(118, 92).category).toBe('grade_1');
    expect(grade(165, 85).category).toBe('grade_2');
    expect(grade(130, 112).category).toBe('grade_3');
    expect(grade(119, 79).category).toBe('normal');
    expect(grade(119, 79).categoryLabel).toEqual({ zh: '正常血压', en: 'normal' });
    expect(grade(145, 95).categoryLabel?.zh).toBe('1级高血压');
  });
});

describe('isolated systolic hypertension', () => {
  it.each([
    [140, 89, true],
    [185, 70, true],
    [139, 70, false],
    [140, 90, false],
  ])('SBP %i / DBP %i → ISH %s', (sbp, dbp, flag) => {
    expect(grade(sbp, dbp).details.isolatedSystolicHypertension).toBe(flag);
  });

  it('grades ISH by SBP', () => {
    expect(grade(165, 85).category).toBe('grade_2');
  });
});

describe('treatment note', () => {
  it('notes treatment without changing the grade', () => {
    const treated = grade(118, 76, { onAntihypertensive: true });
    expect(treated.category).toBe('normal');
    expect(treated.details.onAntihypertensive).toBe(true);
    expect(treated.details.treatmentNote).toBeDefined();
    expect(grade(118, 76).details.onAntihypertensive).toBeNull();
    expect(grade(118, 76, { onAntihypertensive: false }).details).not.toHaveProperty('treatmentNote');
  });
});

describe('blood pressure refusals', () => {
  it('refuses DBP not below SBP, on dbp', () => {
    expect(refusalCodes(bpGradeModel, { age: 50, sbp: 100, dbp: 100 })).toEqual([['OUT_OF_RANGE', 'dbp']]);
    expect(refusalCodes(bpGradeModel, { age: 50, sbp: 100, dbp: 120 })).toEqual([['OUT_OF_RANGE', 'dbp']]);
    expect(grade(100, 99).category).toBe('grade_1');
  });

  it('states the §1.4 range', () => {
    const [refusal] = refusalsOf(bpGradeModel, { age: 50, sbp: 301, dbp: 80 });
    expect(refusal).toMatchObject({ code: 'OUT_OF_RANGE', field: 'sbp' });
    expect(refusal.message.en).toContain('[50, 300] mmHg');
  });

  it('requires both readings and an adult age', () => {
    expect(refusalCodes(bpGradeModel, { age: 50, sbp: 130 })).toEqual([['MISSING_INPUT', 'dbp']]);
    expect(refusalCodes(bpGradeModel, { age: 17, sbp: 130, dbp: 80 })).toEqual([['NOT_APPLICABLE', 'age']]);
    expect(refusalCodes(bpGradeModel, { sbp: 130, dbp: 80 })).toEqual([['MISSING_INPUT', 'age']]);
  });
});
