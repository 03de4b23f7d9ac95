import type { Sex } from './indicator-dictionary';
import type { Comparator } from './parse-value';
import { definitionOf } from './testing/shared-files';
import { numericVerdict, ordinalVerdict, textVerdict, verdictFor, type Verdict } from './verdict';

/** The verdict of a canonical numeric value for an adult of unknown age. */
function judge(code: string, value: number, sex: Sex = 'male', comparator?: Comparator): Verdict {
  return verdictFor(definitionOf(code), { kind: 'numeric', value, ...(comparator ? { comparator } : {}) }, { sex });
}

describe('numeric verdicts', () => {
  it('treats both limits as inclusive', () => {
    expect(judge('HGB', 130)).toBe('normal');
    expect(judge('HGB', 175)).toBe('normal');
    expect(judge('HGB', 129.9)).toBe('low');
    expect(judge('HGB', 175.1)).toBe('high');
  });

  it.each([
    // code, sex, last normal value (the stored limit), first high value (the guideline cut-point)
    ['FPG', 'male', 6.09, 6.1],
    ['TC', 'male', 5.19, 5.2],
    ['TG', 'female', 1.69, 1.7],
    ['LDL_C', 'male', 3.39, 3.4],
    ['NON_HDL_C', 'male', 4.09, 4.1],
    ['PG2H', 'male', 7.79, 7.8],
    ['LPA', 'male', 299.9, 300],
    ['BMI', 'male', 23.9, 24.0],
    ['WAIST', 'male', 84.9, 85],
    ['WAIST', 'female', 79.9, 80],
    ['WHR', 'male', 0.89, 0.9],
    ['WHR', 'female', 0.84, 0.85],
    ['SBP', 'male', 139, 140],
    ['DBP', 'female', 89, 90],
  ] as const)('"<X" cut-point stored one step below: %s (%s) %s normal, %s high', (code, sex, normal, high) => {
    expect(judge(code, normal, sex)).toBe('normal');
    expect(judge(code, high, sex)).toBe('high');
  });

  it('compares after rounding to 2 decimals', () => {
    expect(judge('FPG', 6.094)).toBe('normal');
    expect(judge('FPG', 6.095)).toBe('high');
    expect(judge('FPG', 3.895)).toBe('normal');
    expect(judge('FPG', 3.894)).toBe('low');
    // 106 mg/dL × 0.0555 = 5.883 mmol/L, 112 mg/dL = 6.216 mmol/L
    expect(judge('FPG', 106 * 0.0555)).toBe('normal');
    expect(judge('FPG', 112 * 0.0555)).toBe('high');
    // 40 mg/dL HDL-C = 1.0344 → 1.03, 38 mg/dL = 0.98268 → 0.98
    expect(judge('HDL_C', 40 * 0.02586)).toBe('normal');
    expect(judge('HDL_C', 38 * 0.02586)).toBe('low');
  });

  it('compares an interval written with more than 2 decimals (urine SG 1.003–1.03) at its precision', () => {
    expect(judge('U_SG', 1.003)).toBe('normal');
    expect(judge('U_SG', 1.004)).toBe('normal');
    expect(judge('U_SG', 1.002)).toBe('low');
    expect(judge('U_SG', 1.03)).toBe('normal');
    expect(judge('U_SG', 1.031)).toBe('high');
  });

  it('uses the sex columns', () => {
    expect(judge('HGB', 120, 'male')).toBe('low');
    expect(judge('HGB', 120, 'female')).toBe('normal');
    expect(judge('ALT', 45, 'male')).toBe('normal');
    expect(judge('ALT', 45, 'female')).toBe('high');
    // PSA has only a male limit.
    expect(judge('PSA', 4.86, 'male')).toBe('high');
    expect(judge('PSA', 4.86, 'female')).toBe('normal');
  });

  it('has no limit on an empty side', () => {
    expect(judge('UA', 420)).toBe('normal');
    expect(judge('UA', 421)).toBe('high');
    expect(judge('UA', 0)).toBe('normal');
    expect(judge('EGFR', 89)).toBe('low');
    expect(judge('EGFR', 150)).toBe('normal');
    expect(judge('BMD_T', -1)).toBe('normal');
    expect(judge('BMD_T', -1.01)).toBe('low');
    expect(judge('BMD_T', 1.5)).toBe('normal');
  });

  it('is normal whatever the value when all four limits are empty', () => {
    expect(judge('HEIGHT', 250)).toBe('normal');
    expect(judge('RDW_CV', 16.8, 'female')).toBe('normal');
    expect(judge('FPSA_RATIO', 0.05)).toBe('normal');
  });

  describe('censored values', () => {
    it('<x is low only if x ≤ low', () => {
      expect(judge('FPG', 3.9, 'male', '<')).toBe('low');
      expect(judge('FPG', 3.0, 'male', '<')).toBe('low');
      expect(judge('FPG', 4.0, 'male', '<')).toBe('normal');
      expect(judge('HSCRP', 0.5, 'male', '<')).toBe('normal');
    });

    it('>x is high only if x ≥ high', () => {
      expect(judge('CA199', 1000, 'male', '>')).toBe('high');
      expect(judge('CA199', 37, 'male', '>')).toBe('high');
      expect(judge('CA199', 30, 'male', '>')).toBe('normal');
    });

    it('<x is never high and >x never low', () => {
      expect(judge('TC', 10, 'male', '<')).toBe('normal');
      expect(judge('HDL_C', 0.5, 'male', '>')).toBe('normal');
    });

    it('≤x and ≥x are out of range only when x itself is beyond the limit', () => {
      expect(judge('FPG', 3.9, 'male', '≤')).toBe('normal');
      expect(judge('FPG', 3.8, 'male', '≤')).toBe('low');
      expect(judge('CA199', 37, 'male', '≥')).toBe('normal');
      expect(judge('CA199', 37.1, 'male', '≥')).toBe('high');
    });
  });

  it('numericVerdict works on a bare interval', () => {
    expect(numericVerdict({ value: 5 }, {})).toBe('normal');
    expect(numericVerdict({ value: 5 }, { low: 5, high: 5 })).toBe('normal');
    expect(numericVerdict({ value: 5.01 }, { high: 5 })).toBe('high');
    expect(numericVerdict({ value: -0.001 }, { low: 0 })).toBe('normal');
  });
});

describe('age bands (CREA, UREA, ALP)', () => {
  const at = (code: string, value: number, sex: Sex, age?: number): Verdict =>
    verdictFor(definitionOf(code), { kind: 'numeric', value }, { sex, ...(age === undefined ? {} : { age }) });

  it('CREA male: 57–97 below 60, 57–111 from 60, the 60–79 band above 79, the columns when age is unknown', () => {
    expect(at('CREA', 105, 'male', 59)).toBe('high');
    expect(at('CREA', 105, 'male', 60)).toBe('normal');
    expect(at('CREA', 111, 'male', 79)).toBe('normal');
    expect(at('CREA', 112, 'male', 79)).toBe('high');
    expect(at('CREA', 111, 'male', 85)).toBe('normal');
    expect(at('CREA', 56, 'male', 70)).toBe('low');
    expect(at('CREA', 105, 'male')).toBe('high');
  });

  it('CREA female: 41–73 below 60, 41–81 from 60', () => {
    expect(at('CREA', 78, 'female', 59)).toBe('high');
    expect(at('CREA', 81, 'female', 60)).toBe('normal');
    expect(at('CREA', 82, 'female', 60)).toBe('high');
  });

  it('UREA: male 3.1–8.0 → 3.6–9.5 and female 2.6–7.5 → 3.1–8.8 from 60', () => {
    expect(at('UREA', 9.5, 'male', 45)).toBe('high');
    expect(at('UREA', 9.5, 'male', 60)).toBe('normal');
    expect(at('UREA', 3.5, 'male', 60)).toBe('low');
    expect(at('UREA', 3.5, 'male', 59)).toBe('normal');
    expect(at('UREA', 8.8, 'female', 65)).toBe('normal');
    expect(at('UREA', 3.0, 'female', 65)).toBe('low');
    expect(at('UREA', 8.0, 'female', 30)).toBe('high');
    expect(at('UREA', 8.8, 'female', 92)).toBe('normal');
  });

  it('ALP: female 35–100 below 50, 50–135 from 50; male has one band', () => {
    expect(at('ALP', 130, 'female', 49)).toBe('high');
    expect(at('ALP', 130, 'female', 50)).toBe('normal');
    expect(at('ALP', 40, 'female', 50)).toBe('low');
    expect(at('ALP', 40, 'female', 49)).toBe('normal');
    expect(at('ALP', 130, 'male', 70)).toBe('high');
  });

  it('other indicators ignore age', () => {
    expect(at('HGB', 129, 'male', 75)).toBe('low');
  });
});

describe('ordinal verdicts', () => {
  it('is normal only for the grades listed in ref_text', () => {
    expect(verdictFor(definitionOf('U_PRO'), { kind: 'ordinal', grade: '阴性' }, { sex: 'male' })).toBe('normal');
    expect(verdictFor(definitionOf('U_PRO'), { kind: 'ordinal', grade: '±' }, { sex: 'male' })).toBe('abnormal');
    expect(verdictFor(definitionOf('U_GLU'), { kind: 'ordinal', grade: '2+' }, { sex: 'male' })).toBe('abnormal');
    expect(verdictFor(definitionOf('HBSAG'), { kind: 'ordinal', grade: '阳性' }, { sex: 'female' })).toBe('abnormal');
  });

  it('accepts ± for urobilinogen (ref_text 阴性|±)', () => {
    expect(verdictFor(definitionOf('U_URO'), { kind: 'ordinal', grade: '±' }, { sex: 'male' })).toBe('normal');
    expect(verdictFor(definitionOf('U_URO'), { kind: 'ordinal', grade: '1+' }, { sex: 'male' })).toBe('abnormal');
  });

  it('reads the grades of ref_text with the same normalisation', () => {
    expect(ordinalVerdict('±', '阴性|弱阳性')).toBe('normal');
    expect(ordinalVerdict('1+', '-')).toBe('abnormal');
  });

  it('is normal when ref_text lists no grade (no dictionary reference)', () => {
    expect(ordinalVerdict('3+', '')).toBe('normal');
  });
});

describe('text verdicts', () => {
  const ecg = (text: string): Verdict => verdictFor(definitionOf('ECG_CONCL'), { kind: 'text', text }, { sex: 'male' });

  it('is normal for a phrase of ref_text after NFKC, whitespace removal and trailing punctuation', () => {
    expect(ecg('窦性心律')).toBe('normal');
    expect(ecg('窦性心律。')).toBe('normal');
    expect(ecg(' 窦性 心律 ')).toBe('normal');
    expect(ecg('窦性心律，正常心电图')).toBe('normal');
    expect(ecg('窦性心律, 正常心电图。')).toBe('normal');
    expect(ecg('正常心电图')).toBe('normal');
  });

  it('is abnormal for anything else', () => {
    expect(ecg('窦性心律不齐')).toBe('abnormal');
    expect(ecg('窦性心律，ST-T改变')).toBe('abnormal');
    expect(verdictFor(definitionOf('US_ABD_CONCL'), { kind: 'text', text: '脂肪肝(中度)' }, { sex: 'male' })).toBe('abnormal');
    expect(verdictFor(definitionOf('US_ABD_CONCL'), { kind: 'text', text: '未见明显异常。' }, { sex: 'male' })).toBe('normal');
  });

  it('is normal when ref_text lists no phrase', () => {
    expect(textVerdict('任何结论', '')).toBe('normal');
  });
});
