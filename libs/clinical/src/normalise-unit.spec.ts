import { convertToCanonical, normaliseUnit, type IndicatorUnits } from './normalise-unit';
import { definitionOf } from './testing/shared-files';

describe('normaliseUnit', () => {
  it('maps μ (Greek), µ (micro sign) and u to u', () => {
    expect(normaliseUnit('μmol/L')).toBe('umol/l');
    expect(normaliseUnit('µmol/L')).toBe('umol/l');
    expect(normaliseUnit('umol/L')).toBe('umol/l');
  });

  it('drops a leading × before 10 and spaces', () => {
    expect(normaliseUnit('×10^9/L')).toBe('10^9/l');
    expect(normaliseUnit('× 10^9 / L')).toBe('10^9/l');
  });

  it('writes 10*9 and 10E9 as 10^9', () => {
    expect(normaliseUnit('10*9/L')).toBe('10^9/l');
    expect(normaliseUnit('10E9/L')).toBe('10^9/l');
    expect(normaliseUnit('10*12/L')).toBe('10^12/l');
    expect(normaliseUnit('10E12/L')).toBe('10^12/l');
  });

  it('applies NFKC and ignores case', () => {
    expect(normaliseUnit('ｍｍｏｌ／Ｌ')).toBe('mmol/l');
    expect(normaliseUnit('mmol/l')).toBe(normaliseUnit('mmol/L'));
    expect(normaliseUnit('kg/m²')).toBe('kg/m2');
  });

  it('gives G/L and g/L one key: only compare keys within one indicator', () => {
    expect(normaliseUnit('G/L')).toBe(normaliseUnit('g/L'));
  });
});

describe('convertToCanonical', () => {
  it('converts glucose in mg/dL to mmol/L with the alt_units factor', () => {
    expect(convertToCanonical(106, 'mg/dL', definitionOf('FPG'))).toEqual({
      ok: true,
      value: 106 * 0.0555,
      unit: 'mmol/L',
      factor: 0.0555,
    });
  });

  it('keeps values in the canonical unit, whatever its spelling', () => {
    expect(convertToCanonical(5.6, 'mmol/l', definitionOf('FPG'))).toEqual({ ok: true, value: 5.6, unit: 'mmol/L', factor: 1 });
    expect(convertToCanonical(11.8, 'umol/L', definitionOf('TBIL'))).toMatchObject({ ok: true, value: 11.8, factor: 1 });
    expect(convertToCanonical(24.6, 'kg/m²', definitionOf('BMI'))).toMatchObject({ ok: true, value: 24.6 });
  });

  it('uses the other listed units', () => {
    expect(convertToCanonical(16.1, 'g/dL', definitionOf('HGB'))).toMatchObject({ ok: true, value: 161, unit: 'g/L' });
    expect(convertToCanonical(7.8, '10^3/uL', definitionOf('WBC'))).toMatchObject({ ok: true, value: 7.8, unit: '10^9/L' });
    expect(convertToCanonical(7800, '/uL', definitionOf('WBC'))).toMatchObject({ ok: true, value: 7.8 });
    expect(convertToCanonical(5.4, '×10^9/L', definitionOf('WBC'))).toMatchObject({ ok: true, value: 5.4, factor: 1 });
    expect(convertToCanonical(5.4, '10E9/L', definitionOf('WBC'))).toMatchObject({ ok: true, value: 5.4, factor: 1 });
    expect(convertToCanonical(123, '斤', definitionOf('WEIGHT'))).toMatchObject({ ok: true, value: 61.5, unit: 'kg' });
    expect(convertToCanonical(16, '%', definitionOf('FPSA_RATIO'))).toMatchObject({ ok: true, value: 0.16, unit: '' });
  });

  it('accepts no unit for dimensionless indicators', () => {
    expect(convertToCanonical(1.015, undefined, definitionOf('U_SG'))).toEqual({ ok: true, value: 1.015, unit: '', factor: 1 });
    expect(convertToCanonical(1.66, '  ', definitionOf('AG_RATIO'))).toMatchObject({ ok: true, value: 1.66 });
  });

  it('returns a typed failure for a unit the indicator does not know', () => {
    expect(convertToCanonical(8, 'mmol/L', definitionOf('HGB'))).toEqual({
      ok: false,
      reason: 'unknown-unit',
      fromUnit: 'mmol/L',
    });
    expect(convertToCanonical(7.2, 'mmol/mol', definitionOf('HBA1C'))).toMatchObject({ ok: false, reason: 'unknown-unit' });
    expect(convertToCanonical(6, 'pH', definitionOf('U_PH'))).toMatchObject({ ok: false, reason: 'unknown-unit' });
  });

  it('returns a typed failure when the unit is missing but the indicator has one', () => {
    expect(convertToCanonical(106, '', definitionOf('FPG'))).toEqual({ ok: false, reason: 'missing-unit', fromUnit: '' });
  });

  it('works with any object that has unit and altUnits', () => {
    const units: IndicatorUnits = { unit: 'mmol/L', altUnits: [{ unit: 'mEq/L', factor: 0.5 }] };
    expect(convertToCanonical(5, 'meq/l', units)).toEqual({ ok: true, value: 2.5, unit: 'mmol/L', factor: 0.5 });
  });
});
