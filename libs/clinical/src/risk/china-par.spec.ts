import { chinaParLinearPredictor, chinaParModel, chinaParRisk, chinaParTerms, type ChinaParProfile } from './china-par';
import type { ModelInputs, ModelResult, Refusal } from './risk-model';

const MG_DL = 38.67;

/** The paper's Table 2 profile (§2.4), in the calculator's units. */
function table2(sex: 'male' | 'female', age: number): ModelInputs {
  return {
    sex,
    age,
    sbp: 130,
    onAntihypertensive: false,
    tcMmol: 210 / MG_DL,
    hdlMmol: 55 / MG_DL,
    waistCm: 80,
    smoker: false,
    diabetes: true,
    northChina: true,
    urban: true,
    familyHistoryAscvd: false,
  };
}

function table2Profile(sex: 'male' | 'female', age: number): ChinaParProfile {
  return {
    sex,
    age,
    sbp: 130,
    onAntihypertensive: false,
    tcMgDl: 210,
    hdlMgDl: 55,
    waistCm: 80,
    smoker: false,
    diabetes: true,
    north: true,
    urban: true,
    familyHistoryAscvd: false,
  };
}

function ok(inputs: ModelInputs): ModelResult {
  const evaluation = chinaParModel.evaluate(inputs);
  if (evaluation.status !== 'ok') throw new Error(`refused: ${JSON.stringify(evaluation.refusals)}`);
  return evaluation.result;
}

function refusals(inputs: ModelInputs): Refusal[] {
  const evaluation = chinaParModel.evaluate(inputs);
  if (evaluation.status !== 'refused') throw new Error('expected a refusal');
  return evaluation.refusals;
}

describe('China-PAR published examples (§2.4)', () => {
  it.each([
    ['male', 40, 2.2],
    ['male', 50, 5.4],
    ['male', 60, 11.0],
    ['male', 70, 19.6],
    ['female', 40, 2.4],
    ['female', 50, 5.4],
    ['female', 60, 10.1],
    ['female', 70, 17.1],
  ] as const)('Table 2: %s aged %i → %f %% within 0.1 percentage points', (sex, age, published) => {
    const result = ok(table2(sex, age));
    expect(Math.abs((result.value ?? NaN) - published)).toBeLessThanOrEqual(0.1);
    expect(result.unit).toBe('%');
  });

  it("reproduces the women's worked example: L = 119.22 → 10.1 %", () => {
    expect(chinaParLinearPredictor(table2Profile('female', 60))).toBeCloseTo(119.22, 2);
    expect(ok(table2('female', 60)).display).toBe('10.1 %');
  });

  it("reproduces the men's published term values at 60", () => {
    const terms = chinaParTerms(table2Profile('male', 60));
    const published = { lnAge: 130.88, lnSbp: 127.28, lnAgeLnSbp: -114.21, lnTc: 3.32, lnHdl: -2.78, lnWaist: -3.12 };
    for (const [term, value] of Object.entries(published)) {
      expect(Math.abs(terms[term] - value)).toBeLessThanOrEqual(0.01);
    }
  });

  it('classifies the 2019 guideline example as 4.7 % 低危 (within 0.2 points)', () => {
    const result = ok({
      sex: 'male',
      age: 40,
      sbp: 145,
      onAntihypertensive: false,
      tcMmol: 5.2,
      hdlMmol: 1.3,
      waistCm: 80,
      smoker: false,
      diabetes: false,
      northChina: true,
      urban: true,
      familyHistoryAscvd: true,
    });
    expect(Math.abs((result.value ?? NaN) - 4.7)).toBeLessThanOrEqual(0.2);
    expect(result.category).toBe('low');
    expect(result.categoryLabel).toEqual({ zh: '低危', en: 'low risk' });
    expect(result.ruleId).toBe('china-par-10y');
    expect(result.inputsUsed.tcMgDl).toBeCloseTo(5.2 * MG_DL, 10);
  });
});

describe('China-PAR equation details', () => {
  it('uses the treated SBP pair when on treatment, which raises the risk', () => {
    const untreated = ok(table2('male', 60));
    const treated = ok({ ...table2('male', 60), onAntihypertensive: true });
    expect(treated.details.sbpTerms).toBe('treated');
    const terms = treated.details.terms as Record<string, number>;
    expect(terms.lnSbp).toBeCloseTo(27.39 * Math.log(130), 10);
    expect(terms.lnAgeLnSbp).toBeCloseTo(-6.02 * Math.log(60) * Math.log(130), 10);
    expect(treated.value).toBeGreaterThan(untreated.value ?? Infinity);
  });

  it('adds the smoking and family-history interactions for men', () => {
    const terms = chinaParTerms({ ...table2Profile('male', 50), smoker: true, familyHistoryAscvd: true });
    expect(terms.smoking).toBe(3.96);
    expect(terms.lnAgeSmoking).toBeCloseTo(-0.94 * Math.log(50), 10);
    expect(terms.familyHistory).toBe(6.22);
    expect(terms.lnAgeFamilyHistory).toBeCloseTo(-1.53 * Math.log(50), 10);
  });

  it('ignores urban and family history for women, who need not give them', () => {
    const { urban: _urban, familyHistoryAscvd: _fh, ...withoutMenOnly } = table2('female', 60);
    const result = ok(withoutMenOnly);
    expect(result.value).toBeCloseTo(ok(table2('female', 60)).value ?? NaN, 12);
    expect(ok({ ...table2('female', 60), familyHistoryAscvd: true, urban: false }).value).toBe(result.value);
    expect(Object.keys(result.details.terms as object)).not.toContain('urban');
    expect(result.inputsUsed).not.toHaveProperty('urban');
  });

  it('gives the ideal risk with ideal modifiable factors, marked as inferred', () => {
    const result = ok({ ...table2('male', 60), smoker: true, onAntihypertensive: true });
    const ideal = result.details.idealRisk as { value: number; display: string; inferred: boolean };
    const expected = chinaParRisk({
      ...table2Profile('male', 60),
      sbp: 120,
      tcMgDl: 200,
      hdlMgDl: 40,
      waistCm: 90,
      diabetes: false,
    });
    expect(ideal.value).toBeCloseTo(expected, 12);
    expect(ideal.inferred).toBe(true);
    expect(ideal.value).toBeLessThan(result.value ?? 0);
  });

  it('uses waist 85 cm for the ideal risk of women', () => {
    const result = ok(table2('female', 50));
    const expected = chinaParRisk({
      ...table2Profile('female', 50),
      sbp: 120,
      tcMgDl: 200,
      hdlMgDl: 40,
      waistCm: 85,
      diabetes: false,
    });
    expect((result.details.idealRisk as { value: number }).value).toBeCloseTo(expected, 12);
  });
});

describe('China-PAR categories and display (§2.3)', () => {
  /** A man aged 50 whose SBP is tuned so the risk lands on `target` percent. */
  function manAtRisk(target: number): ModelInputs {
    let low = 70;
    let high = 200;
    for (let i = 0; i < 200; i++) {
      const mid = (low + high) / 2;
      const risk = ok({ ...table2('male', 50), sbp: mid }).value ?? NaN;
      if (risk < target) low = mid;
      else high = mid;
    }
    return { ...table2('male', 50), sbp: high };
  }

  it.each([
    [4.98, '5.0 %', 'low'],
    [5.0, '5.0 %', 'medium'],
    [5.02, '5.0 %', 'medium'],
    [9.96, '10.0 %', 'medium'],
    [10.0, '10.0 %', 'high'],
    [10.04, '10.0 %', 'high'],
  ] as const)('risk %f %% displays "%s" and is %s', (target, display, category) => {
    const result = ok(manAtRisk(target));
    expect(result.value).toBeCloseTo(target, 5);
    expect(result.display).toBe(display);
    expect(result.category).toBe(category);
  });

  it('labels the three categories 低危/中危/高危', () => {
    expect(ok(table2('male', 40)).categoryLabel?.zh).toBe('低危');
    expect(ok(table2('male', 50)).categoryLabel?.zh).toBe('中危');
    expect(ok(table2('male', 60)).categoryLabel?.zh).toBe('高危');
  });
});

describe('China-PAR population and refusals', () => {
  it.each([20, 34, 75, 85])('computes at age %i with the AGE_OUTSIDE_DERIVATION_RANGE flag', (age) => {
    expect(ok(table2('male', age)).warnings).toEqual(['AGE_OUTSIDE_DERIVATION_RANGE']);
  });

  it.each([35, 74])('has no flag at the derivation edge %i', (age) => {
    expect(ok(table2('female', age)).warnings).toEqual([]);
  });

  it.each([19, 86])('does not apply at age %i', (age) => {
    expect(refusals(table2('male', age))).toEqual([expect.objectContaining({ code: 'NOT_APPLICABLE', field: 'age' })]);
  });

  it('does not apply with established ASCVD, and reports nothing else', () => {
    const { waistCm: _waist, ...inputs } = table2('male', 60);
    expect(refusals({ ...inputs, establishedAscvd: true })).toEqual([
      expect.objectContaining({ code: 'NOT_APPLICABLE', field: 'establishedAscvd' }),
    ]);
    expect(ok({ ...table2('male', 60), establishedAscvd: false }).category).toBe('high');
  });

  it('requires urban and family history for men', () => {
    const { urban: _urban, familyHistoryAscvd: _fh, ...inputs } = table2('male', 60);
    expect(refusals(inputs).map((r) => [r.code, r.field])).toEqual([
      ['MISSING_INPUT', 'urban'],
      ['MISSING_INPUT', 'familyHistoryAscvd'],
    ]);
  });

  it('does not guess an unknown smoking status', () => {
    const { smoker: _smoker, ...inputs } = table2('male', 60);
    expect(refusals(inputs)).toEqual([expect.objectContaining({ code: 'MISSING_INPUT', field: 'smoker' })]);
  });

  it.each([
    ['sbp', 69.9, '[70, 200] mmHg'],
    ['sbp', 200.1, '[70, 200] mmHg'],
    ['tcMmol', 1.99, '[2, 11] mmol/L'],
    ['tcMmol', 11.01, '[2, 11] mmol/L'],
    ['hdlMmol', 0.49, '[0.5, 4] mmol/L'],
    ['hdlMmol', 4.01, '[0.5, 4] mmol/L'],
    ['waistCm', 49.9, '[50, 130] cm'],
    ['waistCm', 130.1, '[50, 130] cm'],
  ])("refuses %s = %f outside the rule's own range, stating it", (field, value, range) => {
    const [refusal] = refusals({ ...table2('male', 60), [field]: value });
    expect(refusal.code).toBe('OUT_OF_RANGE');
    expect(refusal.field).toBe(field);
    expect(refusal.message.en).toContain(range);
    expect(refusal.message.zh).toContain(range);
  });

  it.each([
    ['sbp', 70],
    ['sbp', 200],
    ['tcMmol', 2],
    ['tcMmol', 11],
    ['hdlMmol', 0.5],
    ['hdlMmol', 4],
    ['waistCm', 50],
    ['waistCm', 130],
  ])('accepts %s at its range edge %f', (field, value) => {
    expect(ok({ ...table2('female', 60), [field]: value }).value).toBeGreaterThan(0);
  });

  it('refuses a sex other than male/female and a non-integer age', () => {
    expect(refusals({ ...table2('male', 60), sex: 'other' })[0]).toMatchObject({ code: 'OUT_OF_RANGE', field: 'sex' });
    expect(refusals({ ...table2('male', 60), age: 60.5 })[0]).toMatchObject({ code: 'OUT_OF_RANGE', field: 'age' });
  });

  it('describes its inputs with the ranges it enforces', () => {
    const sbp = chinaParModel.inputs.find((i) => i.name === 'sbp');
    expect(sbp).toMatchObject({ required: true, min: 70, max: 200, unit: 'mmHg' });
    expect(chinaParModel.inputs.find((i) => i.name === 'urban')?.required).toBe(false);
    expect(chinaParModel.inputs.find((i) => i.name === 'establishedAscvd')?.required).toBe(false);
  });
});
