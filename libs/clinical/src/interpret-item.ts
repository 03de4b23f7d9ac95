/**
 * The per-item pipeline after matching: parse the printed value by the indicator's value type,
 * convert numbers to the canonical unit, and judge the result for the person. Each step's failure
 * is returned as a reason code, so the caller can keep the item raw and say why.
 */
import type { IndicatorDefinition } from './indicator-dictionary';
import { convertToCanonical, type UnitConversionFailureReason } from './normalise-unit';
import { parseItemValue, type ItemValue, type ValueParseFailureReason } from './parse-value';
import type { Subject } from './reference-interval';
import { verdictFor, type Verdict } from './verdict';

/** What the sender printed for one item. */
export interface PrintedValue {
  readonly value: string;
  readonly unit?: string;
}

export type InterpretationFailureReason = ValueParseFailureReason | UnitConversionFailureReason;

export type Interpretation =
  /** Numeric values are in the canonical unit (`definition.unit`), unrounded. */
  | { readonly ok: true; readonly value: ItemValue; readonly verdict: Verdict }
  | { readonly ok: false; readonly reason: InterpretationFailureReason; readonly printed: PrintedValue };

export function interpretItem(definition: IndicatorDefinition, printed: PrintedValue, subject: Subject): Interpretation {
  const parsed = parseItemValue(printed.value, definition.valueType, printed.unit);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, printed };

  let value = parsed.value;
  if (value.kind === 'numeric') {
    const converted = convertToCanonical(value.value, value.unit, definition);
    if (!converted.ok) return { ok: false, reason: converted.reason, printed };
    value = {
      kind: 'numeric',
      value: converted.value,
      ...(value.comparator === undefined ? {} : { comparator: value.comparator }),
      ...(definition.unit === '' ? {} : { unit: definition.unit }),
    };
  }
  return { ok: true, value, verdict: verdictFor(definition, value, subject) };
}
