import { RISK_MODELS, RISK_SPEC_REVISION, riskModel } from './registry';

describe('risk model registry: cardiometabolic models (§2–§6)', () => {
  it('lists the §2–§6 models in the order of the specification index', () => {
    expect(RISK_MODELS.map((m) => [m.model, m.ruleId]).slice(0, 11)).toEqual([
      ['china-par', 'china-par-10y'],
      ['cdrs', 'cdrs'],
      ['findrisc', 'findrisc'],
      ['framingham-lipid', 'framingham-2008-lipid'],
      ['framingham-bmi', 'framingham-2008-bmi'],
      ['bmi-class', 'cn-bmi'],
      ['bp-grade', 'cn-bp-2018'],
      ['glucose-class', 'cn-glucose-2020'],
      ['lipid-class', 'cn-lipids-2023'],
      ['uric-acid', 'cn-uric-acid-2019'],
      ['metabolic-syndrome', 'cn-mets-cds'],
    ]);
  });

  it('stamps every model with the specification revision (set before the models load)', () => {
    expect(RISK_SPEC_REVISION).toMatch(/\S/);
    for (const model of RISK_MODELS) expect(model.version).toBe(RISK_SPEC_REVISION);
  });

  it('finds models by calculator name', () => {
    expect(riskModel('china-par')?.ruleId).toBe('china-par-10y');
    expect(riskModel('nope')).toBeUndefined();
  });

  it('describes every input with a bilingual label and names each input once per model', () => {
    for (const model of RISK_MODELS) {
      const names = model.inputs.map((i) => i.name);
      expect(new Set(names).size).toBe(names.length);
      for (const input of model.inputs) {
        expect(input.label.zh).toMatch(/\S/);
        expect(input.label.en).toMatch(/\S/);
      }
    }
  });

  it('refuses an empty input object with reasons in both languages, never a result', () => {
    for (const model of RISK_MODELS) {
      const evaluation = model.evaluate({});
      expect(evaluation.status).toBe('refused');
      if (evaluation.status === 'refused') {
        expect(evaluation.refusals.length).toBeGreaterThan(0);
        for (const refusal of evaluation.refusals) expect(refusal.message.zh && refusal.message.en).toBeTruthy();
      }
    }
  });
});
