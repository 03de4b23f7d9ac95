/**
 * Mapping a sender's item to a dictionary indicator: steps 1–5 of indicators.md, "Matching item
 * names". Step 6 (the organisation's own mappings) belongs to the caller, which gets `undefined`
 * when these steps find nothing.
 */
import type { IndicatorAlias, IndicatorDefinition } from './indicator-dictionary';
import { normaliseName } from './normalise-name';
import { normaliseUnit } from './normalise-unit';

/** Lookup tables keyed by normalised names (and contexts, and unit keys). Build once per dictionary. */
export interface AliasIndex {
  readonly byCode: ReadonlyMap<string, IndicatorDefinition>;
  /** Context (normalised, e.g. 尿) → alias name → indicator. */
  readonly contextAliases: ReadonlyMap<string, ReadonlyMap<string, IndicatorDefinition>>;
  /** Plain aliases, `name_zh` and `code`. */
  readonly plainAliases: ReadonlyMap<string, IndicatorDefinition>;
  /** Alias name → unit key (see `normaliseUnit`) → indicator. */
  readonly unitScopedAliases: ReadonlyMap<string, ReadonlyMap<string, IndicatorDefinition>>;
}

export interface ItemToMatch {
  readonly name: string;
  /** A dictionary code, if the sender sends one. */
  readonly code?: string;
  /** The sender's section title; it decides whether `尿:` context aliases apply. */
  readonly category?: string;
  /** The unit the value is in (the unit field, or the unit written inside the value). */
  readonly unit?: string;
}

export type MatchStep = 'code' | 'context-alias' | 'alias' | 'unit-scoped-alias';

export interface IndicatorMatch {
  readonly definition: IndicatorDefinition;
  readonly matchedBy: MatchStep;
}

/** One normalised alias claimed by more than one indicator, e.g. after an admin's edit. */
export interface AliasConflict {
  /** `name`, `context:name` or `name[unit]`, normalised. */
  readonly alias: string;
  readonly codes: readonly string[];
}

export class AliasConflictError extends Error {
  constructor(readonly conflicts: readonly AliasConflict[]) {
    super(`aliases shared by several indicators: ${conflicts.map((c) => `${c.alias} (${c.codes.join(', ')})`).join('; ')}`);
    this.name = 'AliasConflictError';
  }
}

/** Aliases that normalise to the same key in the same scope for different indicators. */
export function findAliasConflicts(definitions: readonly IndicatorDefinition[]): AliasConflict[] {
  const owners = new Map<string, Set<string>>();
  for (const definition of definitions) {
    for (const entry of indexEntries(definition)) {
      const codes = owners.get(entry.conflictKey) ?? new Set<string>();
      codes.add(definition.code);
      owners.set(entry.conflictKey, codes);
    }
  }
  return [...owners].filter(([, codes]) => codes.size > 1).map(([alias, codes]) => ({ alias, codes: [...codes].sort() }));
}

/**
 * Builds the lookup tables. Throws `AliasConflictError` if two indicators share an alias: the
 * dictionary promises they never do, and a silent first-wins would store values under the wrong code.
 */
export function buildAliasIndex(definitions: readonly IndicatorDefinition[]): AliasIndex {
  const conflicts = findAliasConflicts(definitions);
  if (conflicts.length > 0) throw new AliasConflictError(conflicts);

  const byCode = new Map<string, IndicatorDefinition>();
  const contextAliases = new Map<string, Map<string, IndicatorDefinition>>();
  const plainAliases = new Map<string, IndicatorDefinition>();
  const unitScopedAliases = new Map<string, Map<string, IndicatorDefinition>>();

  for (const definition of definitions) {
    byCode.set(definition.code, definition);
    for (const entry of indexEntries(definition)) {
      if (entry.context !== undefined) {
        nested(contextAliases, entry.context).set(entry.name, definition);
      } else if (entry.unitKey !== undefined) {
        nested(unitScopedAliases, entry.name).set(entry.unitKey, definition);
      } else {
        plainAliases.set(entry.name, definition);
      }
    }
  }
  return { byCode, contextAliases, plainAliases, unitScopedAliases };
}

export function matchIndicator(index: AliasIndex, item: ItemToMatch): IndicatorMatch | undefined {
  const code = item.code?.trim();
  if (code) {
    const byCode = index.byCode.get(code);
    if (byCode !== undefined) return { definition: byCode, matchedBy: 'code' };
  }

  const name = normaliseName(item.name);
  if (name === '') return undefined;

  const category = normaliseName(item.category ?? '');
  for (const [context, aliases] of index.contextAliases) {
    if (!category.includes(context)) continue;
    const definition = aliases.get(name);
    if (definition !== undefined) return { definition, matchedBy: 'context-alias' };
  }

  const plain = index.plainAliases.get(name);
  if (plain !== undefined) return { definition: plain, matchedBy: 'alias' };

  const unitKey = normaliseUnit(item.unit ?? '');
  const unitScoped = unitKey === '' ? undefined : index.unitScopedAliases.get(name)?.get(unitKey);
  if (unitScoped !== undefined) return { definition: unitScoped, matchedBy: 'unit-scoped-alias' };

  return undefined;
}

interface IndexEntry {
  readonly name: string;
  readonly context?: string;
  readonly unitKey?: string;
  readonly conflictKey: string;
}

function indexEntries(definition: IndicatorDefinition): IndexEntry[] {
  // name_zh and code count as plain aliases (indicators.md, "Columns").
  const written: IndicatorAlias[] = [{ name: definition.nameZh }, { name: definition.code }, ...definition.aliases];
  return written.flatMap((alias): IndexEntry[] => {
    const name = normaliseName(alias.name);
    if (name === '') return [];
    if (alias.context !== undefined) {
      const context = normaliseName(alias.context);
      return [{ name, context, conflictKey: `${context}:${name}` }];
    }
    if (alias.unit !== undefined) {
      const unitKey = normaliseUnit(alias.unit);
      return [{ name, unitKey, conflictKey: `${name}[${unitKey}]` }];
    }
    return [{ name, conflictKey: name }];
  });
}

function nested<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
  const existing = outer.get(key);
  if (existing !== undefined) return existing;
  const created = new Map<K, V>();
  outer.set(key, created);
  return created;
}
