/**
 * Reading the `value` string a sender printed (indicators.md, "Units and values"): numbers with an
 * optional comparator and unit, ordinal grades, and text conclusions.
 */
import { normaliseUnit } from './normalise-unit';

export type ValueType = 'numeric' | 'ordinal' | 'text';

/** `<=`/`>=` are read as `≤`/`≥`, so only these four are ever stored. */
export type Comparator = '<' | '>' | '≤' | '≥';

/** The grades ordinal values normalise to. `阳性` is "positive, grade not given". */
export const ORDINAL_GRADES = ['阴性', '±', '1+', '2+', '3+', '4+', '阳性'] as const;
export type OrdinalGrade = (typeof ORDINAL_GRADES)[number];

export interface NumericValue {
  readonly kind: 'numeric';
  readonly value: number;
  /** Present for censored values such as `<0.5` or `>1000`. */
  readonly comparator?: Comparator;
  /** The unit field if it was filled, otherwise the unit written inside the value, if any. */
  readonly unit?: string;
}

export interface OrdinalValue {
  readonly kind: 'ordinal';
  readonly grade: OrdinalGrade;
}

export interface TextValue {
  readonly kind: 'text';
  /** Verbatim, as printed. */
  readonly text: string;
}

export type ItemValue = NumericValue | OrdinalValue | TextValue;

export type ValueParseFailureReason =
  /** Nothing left after removing whitespace and ↑/↓. */
  | 'empty'
  /** A numeric item whose value does not start with a number (after an optional comparator). */
  | 'not-a-number'
  /** Something after the number that cannot be a unit, e.g. the `-3.4` of `1.2-3.4`. */
  | 'unexpected-text'
  /** The unit field and the unit written inside the value disagree, so the scale is unknown. */
  | 'conflicting-units'
  /** An ordinal item whose value is none of the grade spellings of indicators.md. */
  | 'unrecognised-ordinal';

export interface ValueParseFailure {
  readonly ok: false;
  readonly reason: ValueParseFailureReason;
  readonly input: string;
}

export type ValueParseResult<T extends ItemValue> = { readonly ok: true; readonly value: T } | ValueParseFailure;

// An optional comparator, a decimal number (the sign is for T-scores such as -2.1), then the rest.
const NUMERIC_VALUE = /^(<=|>=|<|>|≤|≥)?\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*(.*)$/su;

// A unit starts with a letter, %, /, ×, ^, μ/µ, a CJK character or similar, never with a digit, a
// sign, a decimal point, a comparator or a range mark: those mean the value was not a single number.
const CANNOT_START_A_UNIT = /^[\d+\-.<>≤≥~～,]/u;

export function parseNumericValue(raw: string, unitField?: string): ValueParseResult<NumericValue> {
  const text = raw.normalize('NFKC').replace(/[↑↓]/gu, '').trim();
  if (text === '') return fail('empty', raw);

  const match = NUMERIC_VALUE.exec(text);
  if (match === null) return fail('not-a-number', raw);
  const [, comparatorText, numberText, rest] = match;
  const inlineUnit = (rest ?? '').trim();
  if (inlineUnit !== '' && CANNOT_START_A_UNIT.test(inlineUnit)) return fail('unexpected-text', raw);

  const field = (unitField ?? '').trim();
  if (field !== '' && inlineUnit !== '' && normaliseUnit(field) !== normaliseUnit(inlineUnit)) {
    return fail('conflicting-units', raw);
  }
  const unit = field !== '' ? field : inlineUnit;
  const comparator = toComparator(comparatorText);
  const value: NumericValue = {
    kind: 'numeric',
    value: Number(numberText),
    ...(comparator === undefined ? {} : { comparator }),
    ...(unit === '' ? {} : { unit }),
  };
  return { ok: true, value };
}

// Keys are compared after NFKC, whitespace removal and ASCII lower-casing.
const ORDINAL_SPELLINGS: Readonly<Record<string, OrdinalGrade>> = {
  '-': '阴性',
  阴性: '阴性',
  negative: '阴性',
  正常: '阴性',
  normal: '阴性',
  '±': '±',
  弱阳性: '±',
  微量: '±',
  trace: '±',
  '+': '1+',
  '1+': '1+',
  '++': '2+',
  '2+': '2+',
  '+++': '3+',
  '3+': '3+',
  '++++': '4+',
  '4+': '4+',
  阳性: '阳性',
  // The English word indicators.md itself uses for 阳性.
  positive: '阳性',
};

/**
 * Normalises an ordinal value to `阴性`, `±`, `1+`…`4+` or `阳性`. `阳性(+)` is 1+ as indicators.md
 * says; the same pattern with another grade in the brackets (`阳性(++)`, `阴性(-)`) takes that grade,
 * provided the word and the bracketed grade agree in sign.
 */
export function normaliseOrdinal(raw: string): ValueParseResult<OrdinalValue> {
  const key = ordinalKey(raw);
  if (key === '') return fail('empty', raw);

  const direct = ORDINAL_SPELLINGS[key];
  if (direct !== undefined) return { ok: true, value: { kind: 'ordinal', grade: direct } };

  const bracketed = /^(阳性|阴性)\((.+)\)$/u.exec(key);
  if (bracketed !== null) {
    const [, word, inner] = bracketed;
    const grade = ORDINAL_SPELLINGS[inner ?? ''];
    const isNegative = grade === '阴性';
    if (grade !== undefined && grade !== '±' && isNegative === (word === '阴性')) {
      return { ok: true, value: { kind: 'ordinal', grade } };
    }
  }
  return fail('unrecognised-ordinal', raw);
}

/**
 * The form in which a text value is compared with the normal phrases of `ref_text`: NFKC, all
 * whitespace removed, trailing sentence punctuation dropped. The stored value stays verbatim.
 */
export function normaliseTextForComparison(raw: string): string {
  // After NFKC the full-width ，；：！？ are ASCII; 。、 stay as they are; … becomes "...".
  return raw
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[。.,、;:!?]+$/u, '');
}

/** Parses a printed value according to the indicator's `value_type`. */
export function parseItemValue(raw: string, valueType: ValueType, unitField?: string): ValueParseResult<ItemValue> {
  switch (valueType) {
    case 'numeric':
      return parseNumericValue(raw, unitField);
    case 'ordinal':
      return normaliseOrdinal(raw);
    case 'text':
      return raw.trim() === '' ? fail('empty', raw) : { ok: true, value: { kind: 'text', text: raw } };
  }
}

function ordinalKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[↑↓\s]+/gu, '')
    .replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function toComparator(text: string | undefined): Comparator | undefined {
  switch (text) {
    case '<':
    case '>':
    case '≤':
    case '≥':
      return text;
    case '<=':
      return '≤';
    case '>=':
      return '≥';
    default:
      return undefined;
  }
}

function fail(reason: ValueParseFailureReason, input: string): ValueParseFailure {
  return { ok: false, reason, input };
}
