import { normaliseOrdinal, normaliseTextForComparison, parseItemValue, parseNumericValue } from './parse-value';

describe('parseNumericValue', () => {
  it('reads plain and signed decimals', () => {
    expect(parseNumericValue('5.6')).toEqual({ ok: true, value: { kind: 'numeric', value: 5.6 } });
    expect(parseNumericValue('126')).toMatchObject({ ok: true, value: { value: 126 } });
    expect(parseNumericValue('-2.1')).toMatchObject({ ok: true, value: { value: -2.1 } });
    expect(parseNumericValue(' 4.12 ')).toMatchObject({ ok: true, value: { value: 4.12 } });
  });

  it('applies NFKC first, so full-width digits and points are read', () => {
    expect(parseNumericValue('５.６')).toMatchObject({ ok: true, value: { value: 5.6 } });
    expect(parseNumericValue('６．３５')).toMatchObject({ ok: true, value: { value: 6.35 } });
    expect(parseNumericValue('－２.１')).toMatchObject({ ok: true, value: { value: -2.1 } });
  });

  it('drops ↑ and ↓ markers', () => {
    expect(parseNumericValue('6.35↑')).toMatchObject({ ok: true, value: { value: 6.35 } });
    expect(parseNumericValue('↓106')).toMatchObject({ ok: true, value: { value: 106 } });
    expect(parseNumericValue('5.62 ↑', 'mIU/L')).toMatchObject({ ok: true, value: { value: 5.62, unit: 'mIU/L' } });
  });

  it('keeps a comparator: < > ≤ ≥, with <= and >= read as ≤ and ≥', () => {
    expect(parseNumericValue('<0.5')).toEqual({ ok: true, value: { kind: 'numeric', value: 0.5, comparator: '<' } });
    expect(parseNumericValue('>1000')).toMatchObject({ ok: true, value: { value: 1000, comparator: '>' } });
    expect(parseNumericValue('≤3.0')).toMatchObject({ ok: true, value: { value: 3, comparator: '≤' } });
    expect(parseNumericValue('≥90')).toMatchObject({ ok: true, value: { value: 90, comparator: '≥' } });
    expect(parseNumericValue('<=3.0')).toMatchObject({ ok: true, value: { comparator: '≤' } });
    expect(parseNumericValue('>=90')).toMatchObject({ ok: true, value: { comparator: '≥' } });
    expect(parseNumericValue('＜ 0.5')).toMatchObject({ ok: true, value: { value: 0.5, comparator: '<' } });
  });

  it('uses a unit written inside the value when the unit field is empty', () => {
    expect(parseNumericValue('5.6 mmol/l')).toEqual({ ok: true, value: { kind: 'numeric', value: 5.6, unit: 'mmol/l' } });
    expect(parseNumericValue('5.6mmol/L', '')).toMatchObject({ ok: true, value: { unit: 'mmol/L' } });
    expect(parseNumericValue('<0.5 mg/L')).toMatchObject({ ok: true, value: { value: 0.5, comparator: '<', unit: 'mg/L' } });
  });

  it('prefers the unit field, and accepts an inline unit that is the same unit', () => {
    expect(parseNumericValue('5.6', 'mmol/L')).toMatchObject({ ok: true, value: { unit: 'mmol/L' } });
    expect(parseNumericValue('5.6 mmol/l', 'mmol/L')).toMatchObject({ ok: true, value: { unit: 'mmol/L' } });
  });

  it('fails with conflicting-units when the two units differ', () => {
    expect(parseNumericValue('106 mg/dL', 'mmol/L')).toEqual({ ok: false, reason: 'conflicting-units', input: '106 mg/dL' });
  });

  it('fails with a reason code when the value is not one number', () => {
    expect(parseNumericValue('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseNumericValue(' ↑ ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseNumericValue('阴性')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(parseNumericValue('未测')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(parseNumericValue('<')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(parseNumericValue('1.2-3.4')).toMatchObject({ ok: false, reason: 'unexpected-text' });
    expect(parseNumericValue('1,000')).toMatchObject({ ok: false, reason: 'unexpected-text' });
    expect(parseNumericValue('3.9～6.1')).toMatchObject({ ok: false, reason: 'unexpected-text' });
  });
});

describe('normaliseOrdinal', () => {
  it.each([
    ['-', '阴性'],
    ['阴性', '阴性'],
    ['negative', '阴性'],
    ['Negative', '阴性'],
    ['正常', '阴性'],
    ['Normal', '阴性'],
    ['±', '±'],
    ['弱阳性', '±'],
    ['微量', '±'],
    ['trace', '±'],
    ['Trace', '±'],
    ['+', '1+'],
    ['1+', '1+'],
    ['阳性(+)', '1+'],
    ['阳性（+）', '1+'],
    ['++', '2+'],
    ['＋＋', '2+'],
    ['2+', '2+'],
    ['+++', '3+'],
    ['3+', '3+'],
    ['++++', '4+'],
    ['4+', '4+'],
    ['阳性', '阳性'],
    ['Positive', '阳性'],
    [' 阴性 ', '阴性'],
    ['+↑', '1+'],
    ['阳性(++)', '2+'],
    ['阴性(-)', '阴性'],
  ])('%s → %s', (raw, grade) => {
    expect(normaliseOrdinal(raw)).toEqual({ ok: true, value: { kind: 'ordinal', grade } });
  });

  it.each(['+++++', '5+', '阳性(-)', '阴性(+)', '阳性(±)', '少量', '3.5'])('rejects %s', (raw) => {
    expect(normaliseOrdinal(raw)).toEqual({ ok: false, reason: 'unrecognised-ordinal', input: raw });
  });

  it('reports an empty value as empty', () => {
    expect(normaliseOrdinal('  ')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('normaliseTextForComparison', () => {
  it('applies NFKC, removes whitespace and drops trailing punctuation', () => {
    expect(normaliseTextForComparison('窦性心律。')).toBe('窦性心律');
    expect(normaliseTextForComparison(' 未见 明显异常 ')).toBe('未见明显异常');
    expect(normaliseTextForComparison('未见明显异常！')).toBe('未见明显异常');
    expect(normaliseTextForComparison('未见明显异常...')).toBe('未见明显异常');
  });

  it('keeps inner punctuation (full-width comma becomes ASCII) and closing brackets', () => {
    expect(normaliseTextForComparison('窦性心律，正常心电图')).toBe('窦性心律,正常心电图');
    expect(normaliseTextForComparison('窦性心律, 正常心电图')).toBe('窦性心律,正常心电图');
    expect(normaliseTextForComparison('脂肪肝(中度)')).toBe('脂肪肝(中度)');
  });
});

describe('parseItemValue', () => {
  it('dispatches on the value type', () => {
    expect(parseItemValue('5.6', 'numeric', 'mmol/L')).toMatchObject({ ok: true, value: { kind: 'numeric', value: 5.6 } });
    expect(parseItemValue('++', 'ordinal')).toEqual({ ok: true, value: { kind: 'ordinal', grade: '2+' } });
  });

  it('keeps text values verbatim', () => {
    const text = ' 甲状腺右叶实性结节(0.6cm×0.5cm)，TI-RADS 3类 ';
    expect(parseItemValue(text, 'text')).toEqual({ ok: true, value: { kind: 'text', text } });
    expect(parseItemValue('  ', 'text')).toMatchObject({ ok: false, reason: 'empty' });
  });
});
