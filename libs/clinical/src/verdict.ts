/**
 * Verdicts (indicators.md, "Units and values" → Verdicts): computed from the dictionary by sex and age
 * band, never copied from the sender's flag.
 */
import type { IndicatorDefinition, ReferenceInterval } from './indicator-dictionary';
import { normaliseOrdinal, normaliseTextForComparison, type Comparator, type ItemValue, type OrdinalGrade } from './parse-value';
import { referenceIntervalFor, type Subject } from './reference-interval';

export type Verdict = 'high' | 'low' | 'normal' | 'abnormal';

/** A numeric value already converted to the indicator's canonical unit. */
export interface CanonicalNumber {
  readonly value: number;
  readonly comparator?: Comparator;
}

/**
 * Inclusive interval check after rounding to 2 decimals, so that conversion noise (106 mg/dL →
 * 5.883 mmol/L) and the "<X stored one step below" limits (FPG 6.09: 6.09 normal, 6.1 high) behave.
 * An interval written with more decimals (urine SG 1.003–1.03) is compared at that precision,
 * otherwise 1.004 would round to 1.00 and fall below it.
 *
 * Censored values: `<x` is low only if x ≤ low and `>x` high only if x ≥ high; `≤x`/`≥x` likewise
 * only when every value they allow is outside (x < low, x > high). Otherwise normal.
 */
export function numericVerdict({ value, comparator }: CanonicalNumber, { low, high }: ReferenceInterval): Verdict {
  const rounded = roundTo(value, Math.max(2, decimalsOf(low), decimalsOf(high)));
  if (low !== undefined && isBelow(rounded, comparator, low)) return 'low';
  if (high !== undefined && isAbove(rounded, comparator, high)) return 'high';
  return 'normal';
}

function isBelow(value: number, comparator: Comparator | undefined, low: number): boolean {
  switch (comparator) {
    case undefined:
      return value < low;
    case '<':
      return value <= low;
    case '≤':
      return value < low;
    default:
      // `>x` and `≥x` say nothing about the lower side.
      return false;
  }
}

function isAbove(value: number, comparator: Comparator | undefined, high: number): boolean {
  switch (comparator) {
    case undefined:
      return value > high;
    case '>':
      return value >= high;
    case '≥':
      return value > high;
    default:
      // `<x` and `≤x` say nothing about the upper side.
      return false;
  }
}

/**
 * `refText` lists the normal grades separated by `|` (`阴性`, or `阴性|±`). An empty list means the
 * dictionary gives no reference, which like four empty numeric limits yields `normal`.
 */
export function ordinalVerdict(grade: OrdinalGrade, refText: string): Verdict {
  const normalGrades = splitReference(refText).flatMap((entry) => {
    const parsed = normaliseOrdinal(entry);
    return parsed.ok ? [parsed.value.grade] : [];
  });
  if (normalGrades.length === 0) return 'normal';
  return normalGrades.includes(grade) ? 'normal' : 'abnormal';
}

/**
 * `refText` lists the phrases that mean normal, separated by `|`; equality is tested after
 * `normaliseTextForComparison` on both sides. An empty list yields `normal`, as for ordinals.
 */
export function textVerdict(text: string, refText: string): Verdict {
  const phrases = splitReference(refText).map(normaliseTextForComparison);
  if (phrases.length === 0) return 'normal';
  return phrases.includes(normaliseTextForComparison(text)) ? 'normal' : 'abnormal';
}

/** The verdict for a parsed value (numeric values in the canonical unit) of one person. */
export function verdictFor(definition: IndicatorDefinition, value: ItemValue, subject: Subject): Verdict {
  switch (value.kind) {
    case 'numeric':
      return numericVerdict(value, referenceIntervalFor(definition, subject));
    case 'ordinal':
      return ordinalVerdict(value.grade, definition.refText);
    case 'text':
      return textVerdict(value.text, definition.refText);
  }
}

function splitReference(refText: string): string[] {
  return refText
    .split('|')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function decimalsOf(limit: number | undefined): number {
  const fraction = limit === undefined ? null : /\.(\d+)$/.exec(String(limit));
  return fraction?.[1]?.length ?? 0;
}

/** Half away from zero; `toPrecision(12)` first removes binary noise such as 6.095 × 100 = 609.4999…. */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = Number((Math.abs(value) * scale).toPrecision(12));
  return (Math.sign(value) * Math.round(scaled)) / scale;
}
