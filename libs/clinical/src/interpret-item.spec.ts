import { interpretItem } from './interpret-item';
import { definitionOf } from './testing/shared-files';

const man = { sex: 'male', age: 45 } as const;

describe('interpretItem', () => {
  it('converts mg/dL glucose to mmol/L before judging it', () => {
    expect(interpretItem(definitionOf('FPG'), { value: '106', unit: 'mg/dL' }, man)).toEqual({
      ok: true,
      value: { kind: 'numeric', value: 106 * 0.0555, unit: 'mmol/L' },
      verdict: 'normal',
    });
    expect(interpretItem(definitionOf('FPG'), { value: '126', unit: 'mg/dL' }, man)).toMatchObject({ ok: true, verdict: 'high' });
  });

  it('reads a unit written inside the value and full-width digits', () => {
    expect(interpretItem(definitionOf('FPG'), { value: '5.6 mmol/l' }, man)).toMatchObject({
      ok: true,
      value: { value: 5.6, unit: 'mmol/L' },
      verdict: 'normal',
    });
    expect(interpretItem(definitionOf('TC'), { value: '６.３５', unit: 'mmol/L' }, man)).toMatchObject({
      ok: true,
      verdict: 'high',
    });
  });

  it('keeps the comparator of a censored value', () => {
    expect(interpretItem(definitionOf('HSCRP'), { value: '<0.5', unit: 'mg/L' }, man)).toEqual({
      ok: true,
      value: { kind: 'numeric', value: 0.5, comparator: '<', unit: 'mg/L' },
      verdict: 'normal',
    });
    expect(interpretItem(definitionOf('CA199'), { value: '>1000', unit: 'U/mL' }, man)).toMatchObject({
      ok: true,
      value: { comparator: '>', value: 1000 },
      verdict: 'high',
    });
  });

  it('normalises and judges ordinal values', () => {
    expect(interpretItem(definitionOf('U_GLU'), { value: '++' }, man)).toEqual({
      ok: true,
      value: { kind: 'ordinal', grade: '2+' },
      verdict: 'abnormal',
    });
    expect(interpretItem(definitionOf('U_LEU'), { value: '弱阳性' }, man)).toMatchObject({
      value: { grade: '±' },
      verdict: 'abnormal',
    });
    expect(interpretItem(definitionOf('U_URO'), { value: '弱阳性' }, man)).toMatchObject({
      value: { grade: '±' },
      verdict: 'normal',
    });
    expect(interpretItem(definitionOf('U_PRO'), { value: 'Negative' }, man)).toMatchObject({ verdict: 'normal' });
  });

  it('stores text verbatim and judges it by the normal phrases', () => {
    expect(interpretItem(definitionOf('CXR_CONCL'), { value: '心肺膈未见明显异常。' }, man)).toEqual({
      ok: true,
      value: { kind: 'text', text: '心肺膈未见明显异常。' },
      verdict: 'normal',
    });
  });

  it('returns the reason when a step fails', () => {
    const failure = (code: string, value: string, unit?: string) =>
      interpretItem(definitionOf(code), { value, ...(unit === undefined ? {} : { unit }) }, man);
    expect(failure('FPG', '106')).toEqual({ ok: false, reason: 'missing-unit', printed: { value: '106' } });
    expect(failure('HGB', '8.1', 'mmol/L')).toMatchObject({ ok: false, reason: 'unknown-unit' });
    expect(failure('FPG', '未测', 'mmol/L')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(failure('FPG', '106 mg/dL', 'mmol/L')).toMatchObject({ ok: false, reason: 'conflicting-units' });
    expect(failure('U_PRO', '少量')).toMatchObject({ ok: false, reason: 'unrecognised-ordinal' });
    expect(failure('ECG_CONCL', '')).toMatchObject({ ok: false, reason: 'empty' });
  });
});
