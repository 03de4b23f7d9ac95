import { displayDecimals } from './display-precision';
import { readSeedDictionary } from './indicator-seeder';

const decimalsOf = new Map(readSeedDictionary().map((definition) => [definition.code, displayDecimals(definition)]));

describe('display precision', () => {
  it('follows the canonical unit: blood pressure 0, glucose and lipids 2, body measures 1', () => {
    expect(['SBP', 'DBP', 'HR', 'ALT', 'EGFR'].map((code) => decimalsOf.get(code))).toEqual([0, 0, 0, 0, 0]);
    expect(['FPG', 'PG2H', 'TC', 'TG', 'LDL_C', 'K'].map((code) => decimalsOf.get(code))).toEqual([2, 2, 2, 2, 2, 2]);
    expect(['HEIGHT', 'WEIGHT', 'BMI', 'HBA1C', 'CREA', 'UA'].map((code) => decimalsOf.get(code))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('never shows fewer decimals than the reference limits print', () => {
    expect(decimalsOf.get('U_SG')).toBe(3);
    expect(decimalsOf.get('EOS_ABS')).toBe(2);
    expect(displayDecimals({ unit: 'mmHg', valueType: 'numeric', limits: { male: { high: 139.5 }, female: {} } })).toBe(1);
  });

  it('has none for ordinal and text indicators, and 2 for units it does not list', () => {
    expect(decimalsOf.get('U_PRO')).toBeNull();
    expect(decimalsOf.get('ECG_CONCL')).toBeNull();
    expect(displayDecimals({ unit: 'nmol/L', valueType: 'numeric', limits: { male: {}, female: {} } })).toBe(2);
    expect(displayDecimals({ unit: '', valueType: 'numeric', limits: { male: { low: 1.2 }, female: { low: 1.2 } } })).toBe(2);
  });
});
