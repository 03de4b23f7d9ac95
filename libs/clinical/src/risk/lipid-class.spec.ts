import { lipidClassModel } from './lipid-class';
import type { ModelInputs } from './risk-model';
import { refusalCodes, refusalsOf, resultOf } from '../testing/evaluate-model';

interface AnalyteFinding {
  value: number;
  category: string;
  label: { zh: string; en: string };
  source?: string;
}

function analytes(inputs: ModelInputs): Record<string, AnalyteFinding> {
  return resultOf(lipidClassModel, { age: 50, ...inputs }).details.analytes as Record<string, AnalyteFinding>;
}

function types(inputs: ModelInputs): string[] {
  return (resultOf(lipidClassModel, { age: 50, ...inputs }).details.clinicalTypes as { category: string }[]).map(
    (t) => t.category,
  );
}

describe('lipid levels (§6.4), each cut just below, at and just above', () => {
  it.each([
    ['tcMmol', 'tc', 5.19, 'appropriate'],
    ['tcMmol', 'tc', 5.2, 'borderline_high'],
    ['tcMmol', 'tc', 5.21, 'borderline_high'],
    ['tcMmol', 'tc', 6.19, 'borderline_high'],
    ['tcMmol', 'tc', 6.2, 'high'],
    ['tcMmol', 'tc', 6.21, 'high'],
    ['ldlMmol', 'ldl', 2.59, 'ideal'],
    ['ldlMmol', 'ldl', 2.6, 'appropriate'],
    ['ldlMmol', 'ldl', 2.61, 'appropriate'],
    ['ldlMmol', 'ldl', 3.39, 'appropriate'],
    ['ldlMmol', 'ldl', 3.4, 'borderline_high'],
    ['ldlMmol', 'ldl', 3.41, 'borderline_high'],
    ['ldlMmol', 'ldl', 4.09, 'borderline_high'],
    ['ldlMmol', 'ldl', 4.1, 'high'],
    ['ldlMmol', 'ldl', 4.11, 'high'],
    ['nonHdlMmol', 'nonHdl', 3.39, 'ideal'],
    ['nonHdlMmol', 'nonHdl', 3.4, 'appropriate'],
    ['nonHdlMmol', 'nonHdl', 3.41, 'appropriate'],
    ['nonHdlMmol', 'nonHdl', 4.09, 'appropriate'],
    ['nonHdlMmol', 'nonHdl', 4.1, 'borderline_high'],
    ['nonHdlMmol', 'nonHdl', 4.11, 'borderline_high'],
    ['nonHdlMmol', 'nonHdl', 4.89, 'borderline_high'],
    ['nonHdlMmol', 'nonHdl', 4.9, 'high'],
    ['nonHdlMmol', 'nonHdl', 4.91, 'high'],
    ['tgMmol', 'tg', 1.69, 'appropriate'],
    ['tgMmol', 'tg', 1.7, 'borderline_high'],
    ['tgMmol', 'tg', 1.71, 'borderline_high'],
    ['tgMmol', 'tg', 2.29, 'borderline_high'],
    ['tgMmol', 'tg', 2.3, 'high'],
    ['tgMmol', 'tg', 2.31, 'high'],
    ['hdlMmol', 'hdl', 0.99, 'low'],
    ['hdlMmol', 'hdl', 1.0, 'not_low'],
    ['hdlMmol', 'hdl', 1.01, 'not_low'],
    ['lpaMgL', 'lpa', 299.9, 'appropriate'],
    ['lpaMgL', 'lpa', 300, 'high'],
    ['lpaMgL', 'lpa', 300.1, 'high'],
  ])('%s %f → %s', (input, analyte, value, category) => {
    expect(analytes({ [input]: value })[analyte]).toMatchObject({ value, category });
  });

  it('uses the guideline words', () => {
    const found = analytes({ tcMmol: 5.5, ldlMmol: 2.0, tgMmol: 1.0, hdlMmol: 0.8, lpaMgL: 350 });
    expect(found.tc.label.zh).toBe('边缘升高');
    expect(found.ldl.label.zh).toBe('理想水平');
    expect(found.tg.label.zh).toBe('合适水平');
    expect(found.hdl.label.zh).toBe('降低');
    expect(found.lpa.label.zh).toBe('升高');
  });
});

describe('non-HDL-C', () => {
  it('computes TC − HDL-C with the float guard: 5.8 − 0.9 → 4.9 升高', () => {
    expect(5.8 - 0.9).not.toBe(4.9);
    const found = analytes({ tcMmol: 5.8, hdlMmol: 0.9 });
    expect(found.nonHdl).toMatchObject({ value: 4.9, category: 'high', source: 'tc_minus_hdl' });
    expect(found.nonHdl.label.zh).toBe('升高');
  });

  it('prefers the computed value over a lab non-HDL-C', () => {
    const result = resultOf(lipidClassModel, { age: 50, tcMmol: 5.8, hdlMmol: 0.9, nonHdlMmol: 3.0 });
    expect((result.details.analytes as Record<string, AnalyteFinding>).nonHdl.value).toBe(4.9);
    expect(result.inputsUsed.nonHdlMmol).toBe(4.9);
  });

  it('uses the lab value without both TC and HDL-C', () => {
    expect(analytes({ tcMmol: 5.0, nonHdlMmol: 3.0 }).nonHdl).toMatchObject({ value: 3.0, category: 'ideal', source: 'lab' });
  });

  it('refuses an HDL-C that leaves no plausible non-HDL-C', () => {
    const [refusal] = refusalsOf(lipidClassModel, { age: 50, tcMmol: 1.5, hdlMmol: 1.5 });
    expect(refusal).toMatchObject({ code: 'OUT_OF_RANGE', field: 'hdlMmol' });
    expect(refusal.message.en).toContain('[0.1, 20] mmol/L');
  });
});

describe('clinical types', () => {
  it.each([
    [{ tcMmol: 6.5, tgMmol: 2.5 }, ['mixed_hyperlipidaemia']],
    [{ tcMmol: 6.5, tgMmol: 2.0 }, ['hypercholesterolaemia']],
    [{ tcMmol: 5.0, tgMmol: 2.5 }, ['hypertriglyceridaemia']],
    [{ tcMmol: 6.2, tgMmol: 2.3, hdlMmol: 0.9 }, ['mixed_hyperlipidaemia', 'low_hdl']],
    [{ tcMmol: 5.0, tgMmol: 1.0, hdlMmol: 0.9 }, ['low_hdl']],
    [{ tcMmol: 6.1, tgMmol: 2.2, hdlMmol: 1.0 }, []],
  ])('%j → %j', (inputs, expected) => {
    expect(types(inputs)).toEqual(expected);
  });

  it('says which analytes were missing to settle the types', () => {
    const result = resultOf(lipidClassModel, { age: 50, tcMmol: 6.5 });
    expect(result.details.clinicalTypes).toEqual([{ category: 'hypercholesterolaemia', label: expect.any(Object) }]);
    expect(result.details.missingForTypes).toEqual(['tgMmol', 'hdlMmol']);
    expect(resultOf(lipidClassModel, { age: 50, tcMmol: 5, tgMmol: 1, hdlMmol: 1.2 }).details.missingForTypes).toEqual([]);
  });

  it('has no overall category: each analyte is classified on its own', () => {
    const result = resultOf(lipidClassModel, { age: 50, tcMmol: 6.5 });
    expect(result.category).toBeNull();
    expect(result.ruleId).toBe('cn-lipids-2023');
  });
});

describe('lipid refusals', () => {
  it('needs at least one analyte, naming tcMmol', () => {
    expect(refusalCodes(lipidClassModel, { age: 50 })).toEqual([['MISSING_INPUT', 'tcMmol']]);
  });

  it('does not apply under 18 and requires age', () => {
    expect(refusalCodes(lipidClassModel, { age: 16, tcMmol: 5 })).toEqual([['NOT_APPLICABLE', 'age']]);
    expect(refusalCodes(lipidClassModel, { tcMmol: 5 })).toEqual([['MISSING_INPUT', 'age']]);
  });

  it('refuses values outside §1.4', () => {
    expect(refusalCodes(lipidClassModel, { age: 50, tgMmol: 0.05, lpaMgL: 3001 })).toEqual([
      ['OUT_OF_RANGE', 'tgMmol'],
      ['OUT_OF_RANGE', 'lpaMgL'],
    ]);
  });
});
