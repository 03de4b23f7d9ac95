import type { MappingMatch, MappingLookup } from '../exam-reports/report-items';
import type { MappingRow } from './indicator-mapping.repository';

/**
 * Step 6 of indicators.md over one source's mappings: a mapping with a category context (尿) wins
 * when the item's normalised category contains it; otherwise the mapping for any category applies.
 */
export function mappingLookup(rows: readonly MappingRow[]): MappingLookup {
  const byName = new Map<string, MappingRow[]>();
  for (const row of rows) byName.set(row.nameKey, [...(byName.get(row.nameKey) ?? []), row]);
  return (nameKey, categoryKey): MappingMatch | undefined => {
    const candidates = byName.get(nameKey) ?? [];
    const hit =
      candidates.find((m) => m.categoryContext !== '' && categoryKey.includes(m.categoryContext)) ??
      candidates.find((m) => m.categoryContext === '');
    if (hit === undefined) return undefined;
    return hit.code === null ? { textOnly: true, mappingId: hit.id } : { code: hit.code, mappingId: hit.id };
  };
}
