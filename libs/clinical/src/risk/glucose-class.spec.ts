import { glucoseClassModel } from './glucose-class';
import type { ModelInputs } from './risk-model';
import { refusalCodes, refusalsOf, resultOf } from '../testing/evaluate-model';

function classify(inputs: ModelInputs) {
  return resultOf(glucoseClassModel, { age: 45, ...inputs });
}

function testCategory(inputs: ModelInputs, test: string): string {
  return (classify(inputs).details.tests as Record<string, { category: string }>)[test].category;
}

describe('glucose per-test categories (§6.3)', () => {
  it.each([
    [6.09, 'normal'],
    [6.1, 'ifg'],
    [6.11, 'ifg'],
    [6.99, 'ifg'],
    [7.0, 'diabetes_range'],
    [7.01, 'diabetes_range'],
  ])('FPG %f → %s', (fpgMmol, category) => {
    expect(testCategory({ fpgMmol }, 'fpg')).toBe(category);
  });

  it.each([
    [7.79, 'normal'],
    [7.8, 'igt'],
    [7.81, 'igt'],
    [11.09, 'igt'],
    [11.1, 'diabetes_range'],
    [11.11, 'diabetes_range'],
  ])('2-h PG %f → %s', (ogtt2hMmol, category) => {
    expect(testCategory({ ogtt2hMmol }, 'ogtt2h')).toBe(category);
  });

  it.each([
    [6.49, 'below_diabetes_threshold'],
    [6.5, 'diabetes_range'],
    [6.51, 'diabetes_range'],
  ])('HbA1c %f → %s', (hba1cPercent, category) => {
    expect(testCategory({ hba1cPercent }, 'hba1c')).toBe(category);
  });

  it.each([
    [11.09, 'below_diabetes_threshold'],
    [11.1, 'diabetes_range'],
    [11.11, 'diabetes_range'],
  ])('random PG %f with typical symptoms → %s', (randomPgMmol, category) => {
    expect(testCategory({ randomPgMmol, typicalSymptoms: true }, 'randomPg')).toBe(category);
  });

  it('does not classify a random PG without typical symptoms', () => {
    expect(testCategory({ fpgMmol: 5, randomPgMmol: 15, typicalSymptoms: false }, 'randomPg')).toBe('not_classified');
    expect(testCategory({ fpgMmol: 5, randomPgMmol: 15 }, 'randomPg')).toBe('not_classified');
    expect(classify({ fpgMmol: 5, randomPgMmol: 15 }).category).toBe('normal');
  });

  it('classifies a glucose converted from 126 mg/dL (6.99 mmol/L) as IFG, as intended', () => {
    expect(testCategory({ fpgMmol: 126 / 18.016 }, 'fpg')).toBe('ifg');
  });
});

describe('overall glucose status, first line that applies', () => {
  it.each([
    [{ fpgMmol: 7.2, ogtt2hMmol: 9 }, 'diabetes_range'],
    [{ fpgMmol: 5, hba1cPercent: 6.6 }, 'diabetes_range'],
    [{ randomPgMmol: 12, typicalSymptoms: true }, 'diabetes_range'],
    [{ fpgMmol: 6.5, ogtt2hMmol: 8.5 }, 'ifg_igt'],
    [{ fpgMmol: 6.5, ogtt2hMmol: 7 }, 'ifg'],
    [{ fpgMmol: 6.5 }, 'ifg'],
    [{ fpgMmol: 5.5, ogtt2hMmol: 8.5 }, 'igt'],
    [{ fpgMmol: 5.5, ogtt2hMmol: 7, hba1cPercent: 6.0 }, 'normal'],
    [{ hba1cPercent: 6.4 }, 'normal'],
  ])('%j → %s', (inputs, status) => {
    expect(classify(inputs).category).toBe(status);
  });

  it('says a diabetes-range value needs confirmation unless there are typical symptoms', () => {
    const result = classify({ fpgMmol: 7.5 });
    expect(result.categoryLabel?.zh).toContain('需另日复查确认');
    expect(result.details.needsConfirmation).toBe(true);
    expect(classify({ fpgMmol: 7.5, typicalSymptoms: true }).details.needsConfirmation).toBe(false);
    expect(classify({ fpgMmol: 5 }).details).not.toHaveProperty('needsConfirmation');
  });

  it('labels IFG+IGT, IFG and IGT with the guideline words', () => {
    expect(classify({ fpgMmol: 6.5, ogtt2hMmol: 8.5 }).categoryLabel?.zh).toBe('空腹血糖受损合并糖耐量减低');
    expect(classify({ fpgMmol: 6.5 }).categoryLabel?.zh).toBe('空腹血糖受损');
    expect(classify({ ogtt2hMmol: 8.5 }).categoryLabel?.zh).toBe('糖耐量减低');
  });
});

describe('glucose refusals', () => {
  it('needs at least one classifiable test, naming fpgMmol', () => {
    expect(refusalCodes(glucoseClassModel, { age: 45 })).toEqual([['MISSING_INPUT', 'fpgMmol']]);
    expect(refusalCodes(glucoseClassModel, { age: 45, randomPgMmol: 9 })).toEqual([['MISSING_INPUT', 'fpgMmol']]);
  });

  it('does not apply with diagnosed diabetes, in pregnancy or under 18', () => {
    expect(refusalCodes(glucoseClassModel, { age: 45, fpgMmol: 8, diabetes: true })).toEqual([['NOT_APPLICABLE', 'diabetes']]);
    expect(refusalCodes(glucoseClassModel, { age: 30, fpgMmol: 5, pregnant: true })).toEqual([['NOT_APPLICABLE', 'pregnant']]);
    expect(refusalCodes(glucoseClassModel, { age: 17, fpgMmol: 5 })).toEqual([['NOT_APPLICABLE', 'age']]);
    expect(classify({ fpgMmol: 5, diabetes: false, pregnant: false }).category).toBe('normal');
  });

  it('refuses values outside §1.4, stating the range', () => {
    const [refusal] = refusalsOf(glucoseClassModel, { age: 45, fpgMmol: 0.9 });
    expect(refusal).toMatchObject({ code: 'OUT_OF_RANGE', field: 'fpgMmol' });
    expect(refusal.message.en).toContain('[1, 60] mmol/L');
    expect(refusalCodes(glucoseClassModel, { age: 45, hba1cPercent: 20.1 })).toEqual([['OUT_OF_RANGE', 'hba1cPercent']]);
  });
});
