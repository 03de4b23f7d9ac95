import { readBodyMass } from './body-mass';
import { InputReader } from './inputs';
import type { ModelInputs } from './risk-model';

function read(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  const bodyMass = readBodyMass(reader, inputs);
  return { bodyMass, refusals: reader.refusals.map((r) => [r.code, r.field]), used: reader.used, reader };
}

describe('readBodyMass', () => {
  it('computes BMI from height and weight, unrounded', () => {
    const { bodyMass, used } = read({ heightCm: 170, weightKg: 65 });
    expect(bodyMass).toEqual({ bmi: 65 / 1.7 ** 2, source: 'height_weight' });
    expect(used).toEqual({ heightCm: 170, weightKg: 65, bmi: 65 / 1.7 ** 2 });
  });

  it('prefers height and weight over a supplied BMI, which is then not read', () => {
    expect(read({ heightCm: 160, weightKg: 61.44, bmi: 99 }).bodyMass).toEqual({
      bmi: 61.44 / 1.6 ** 2,
      source: 'height_weight',
    });
  });

  it('uses the supplied BMI without a full height/weight pair', () => {
    expect(read({ bmi: 23.5 }).bodyMass).toEqual({ bmi: 23.5, source: 'bmi' });
    expect(read({ bmi: 23.5, heightCm: 170 }).bodyMass).toEqual({ bmi: 23.5, source: 'bmi' });
  });

  it('refuses on bmi when nothing is given, and on the missing half of a pair', () => {
    expect(read({}).refusals).toEqual([['MISSING_INPUT', 'bmi']]);
    expect(read({ heightCm: 170 }).refusals).toEqual([['MISSING_INPUT', 'weightKg']]);
    expect(read({ weightKg: 70 }).refusals).toEqual([['MISSING_INPUT', 'heightCm']]);
  });

  it('applies the §1.4 limits to height, weight, supplied and computed BMI', () => {
    expect(read({ heightCm: 99, weightKg: 70 }).refusals).toEqual([['OUT_OF_RANGE', 'heightCm']]);
    expect(read({ heightCm: 170, weightKg: 301 }).refusals).toEqual([['OUT_OF_RANGE', 'weightKg']]);
    expect(read({ bmi: 9.9 }).refusals).toEqual([['OUT_OF_RANGE', 'bmi']]);
    expect(read({ bmi: 80.1 }).refusals).toEqual([['OUT_OF_RANGE', 'bmi']]);
    const tooLight = read({ heightCm: 250, weightKg: 20 });
    expect(tooLight.refusals).toEqual([['OUT_OF_RANGE', 'bmi']]);
    expect(tooLight.reader.refusals[0].message.en).toContain('[10, 80] kg/m²');
  });
});
