/**
 * The items of one exam report, from the request body to what is stored: read and checked by hand
 * (a 300-item report must validate in well under a millisecond per item, and every problem must
 * name `items[i].field`), then matched (steps 1–5 of indicators.md by @health/clinical, step 6 by
 * the organisation's mappings), parsed, converted and judged. Pure: no I/O.
 */
import {
  interpretItem,
  matchIndicator,
  normaliseName,
  referenceIntervalFor,
  type IndicatorDefinition,
  type InterpretationFailureReason,
  type ItemValue,
  type ReferenceInterval,
  type Subject,
  type Verdict,
} from '@health/clinical';
import type { ErrorDetail } from '@health/core';
import { activeDefinition, type DictionarySnapshot } from '../indicators/indicator-dictionary.service';

export const MAX_ITEMS = 1000;

/** One item as the sender printed it. */
export interface ItemInput {
  readonly name: string;
  readonly value: string;
  readonly unit?: string;
  readonly referenceRange?: string;
  readonly flag?: string;
  readonly category?: string;
  readonly code?: string;
}

const LIMITS: Readonly<Record<keyof ItemInput, number>> = {
  name: 200,
  value: 2000,
  unit: 50,
  referenceRange: 200,
  flag: 20,
  category: 100,
  code: 40,
};
const REQUIRED: ReadonlySet<string> = new Set(['name', 'value']);

/** Checks the shape of `items`; numbers are accepted for `value` and kept as printed. */
export function readItems(raw: unknown): { ok: true; items: ItemInput[] } | { ok: false; problems: ErrorDetail[] } {
  if (!Array.isArray(raw))
    return { ok: false, problems: [{ field: 'items', code: 'isArray', message: 'items must be an array' }] };
  if (raw.length === 0 || raw.length > MAX_ITEMS) {
    return {
      ok: false,
      problems: [{ field: 'items', code: 'arraySize', message: `items must hold 1 to ${MAX_ITEMS} entries` }],
    };
  }
  const problems: ErrorDetail[] = [];
  const items = raw.map((entry: unknown, index): ItemInput => {
    const at = (field: string) => `items[${index}]${field === '' ? '' : `.${field}`}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ field: at(''), index, code: 'isObject', message: `${at('')} must be an object` });
      return { name: '', value: '' };
    }
    const item: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      const limit = LIMITS[key as keyof ItemInput];
      if (limit === undefined) {
        problems.push({ field: at(key), index, code: 'unknownField', message: `property ${key} should not exist` });
        continue;
      }
      if (value === undefined || value === null) continue;
      const text = key === 'value' && typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof text !== 'string') {
        problems.push({ field: at(key), index, code: 'isString', message: `${at(key)} must be a string` });
      } else if (text.length > limit) {
        problems.push({ field: at(key), index, code: 'maxLength', message: `${at(key)} must be at most ${limit} characters` });
      } else {
        item[key] = text;
      }
    }
    for (const key of REQUIRED) {
      if ((item[key] ?? '').trim() === '' && !problems.some((p) => p.field === at(key))) {
        problems.push({ field: at(key), index, code: 'isNotEmpty', message: `${at(key)} must not be empty` });
      }
    }
    return item as unknown as ItemInput;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}

/** The organisation's mapping for a normalised name (step 6), if it has one, and which mapping it is. */
export type MappingMatch = ({ code: string } | { textOnly: true }) & { mappingId: string };
export type MappingLookup = (nameKey: string, categoryKey: string) => MappingMatch | undefined;

export type ItemStatus = 'mapped' | 'unmapped' | 'text_only';

export interface ProcessedItem {
  readonly index: number;
  readonly input: ItemInput;
  readonly nameKey: string;
  readonly status: ItemStatus;
  /** The organisation's mapping that resolved the item (mapped or text-only through step 6). */
  readonly mappingId?: string;
  /** Present when mapped. */
  readonly definition?: IndicatorDefinition;
  readonly value?: ItemValue;
  readonly verdict?: Verdict;
  readonly interval?: ReferenceInterval;
}

const REASONS: Readonly<Record<InterpretationFailureReason, { field: 'value' | 'unit'; text: string }>> = {
  empty: { field: 'value', text: 'is empty' },
  'not-a-number': { field: 'value', text: 'is not a number and has no interpretable form (such as <0.5 or >1000)' },
  'unexpected-text': { field: 'value', text: 'has text after the number that is not a unit' },
  'conflicting-units': { field: 'value', text: 'is written with a unit different from the unit field' },
  'unrecognised-ordinal': { field: 'value', text: 'is not a grade (阴性, ±, +…++++, 阳性)' },
  'unknown-unit': { field: 'unit', text: 'cannot be converted to the indicator’s unit' },
  'missing-unit': { field: 'unit', text: 'is missing, so the value’s scale is unknown' },
};

/** Why a mapped item could not be stored, as an error detail naming the item. */
export function interpretationProblem(
  index: number,
  definition: IndicatorDefinition,
  reason: InterpretationFailureReason,
): ErrorDetail {
  const { field, text } = REASONS[reason];
  const unit = definition.unit === '' ? '' : ` (${definition.unit})`;
  return {
    field: `items[${index}].${field}`,
    index,
    code: reason,
    message: `items[${index}].${field} ${text} for ${definition.code}${unit}`,
  };
}

/**
 * Matches and interprets one item. `problem` is set when it maps but its value cannot be read. A
 * mapping to a retired indicator matches nothing: the item stays raw, back in the workbench.
 */
export function processItem(
  index: number,
  input: ItemInput,
  snapshot: DictionarySnapshot,
  mapping: MappingLookup,
  subject: Subject,
): { item: ProcessedItem; problem?: ErrorDetail } {
  const nameKey = normaliseName(input.name);
  let definition = matchIndicator(snapshot.aliasIndex, input)?.definition;
  let mappingId: string | undefined;
  if (definition === undefined) {
    const own = mapping(nameKey, normaliseName(input.category ?? ''));
    if (own !== undefined && 'textOnly' in own) {
      return { item: { index, input, nameKey, status: 'text_only', mappingId: own.mappingId } };
    }
    if (own !== undefined) {
      definition = activeDefinition(snapshot, own.code);
      mappingId = own.mappingId;
    }
  }
  if (definition === undefined) return { item: { index, input, nameKey, status: 'unmapped' } };

  const interpretation = interpretItem(definition, { value: input.value, ...(input.unit ? { unit: input.unit } : {}) }, subject);
  if (!interpretation.ok) {
    return {
      item: { index, input, nameKey, status: 'unmapped' },
      problem: interpretationProblem(index, definition, interpretation.reason),
    };
  }
  return {
    item: {
      index,
      input,
      nameKey,
      status: 'mapped',
      ...(mappingId === undefined ? {} : { mappingId }),
      definition,
      value: interpretation.value,
      verdict: interpretation.verdict,
      interval: definition.valueType === 'numeric' ? referenceIntervalFor(definition, subject) : {},
    },
  };
}

/**
 * A stored value for display: at most 4 decimals, enough for urine specific gravity (1.015) while
 * hiding conversion noise (104 mg/dL × 0.0555 = 5.772 mmol/L, not 5.7720000000000002).
 */
export function displayValue(value: ItemValue): string {
  switch (value.kind) {
    case 'numeric':
      return `${value.comparator ?? ''}${Number(value.value.toFixed(4))}`;
    case 'ordinal':
      return value.grade;
    case 'text':
      return value.text;
  }
}
