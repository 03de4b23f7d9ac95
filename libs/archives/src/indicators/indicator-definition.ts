import type { IndicatorAlias, IndicatorDefinition } from '@health/clinical';

/** The fields of a definition, in the order versions list them as changed. */
const FIELDS = [
  'nameZh',
  'nameEn',
  'category',
  'unit',
  'valueType',
  'loinc',
  'limits',
  'refText',
  'aliases',
  'altUnits',
  'source',
] as const satisfies readonly (keyof IndicatorDefinition)[];

/** JSON with object keys sorted: jsonb does not keep key order, so equality is tested on this form. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, node: unknown) =>
    node !== null && typeof node === 'object' && !Array.isArray(node)
      ? Object.fromEntries(Object.entries(node as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : node,
  );
}

/** Top-level fields whose values differ (`loinc` absent and `loinc` empty count as different). */
export function changedFields(before: IndicatorDefinition | undefined, after: IndicatorDefinition): string[] {
  if (before === undefined) return [...FIELDS].filter((field) => after[field] !== undefined);
  return FIELDS.filter((field) => canonicalJson(before[field] ?? null) !== canonicalJson(after[field] ?? null));
}

/** An alias as the dictionary writes it: `尿:葡萄糖`, `中性粒细胞[%]`, `ALT`. */
export function formatAlias(alias: IndicatorAlias): string {
  return `${alias.context === undefined ? '' : `${alias.context}:`}${alias.name}${alias.unit === undefined ? '' : `[${alias.unit}]`}`;
}
