import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { buildAliasIndex, type AliasIndex, type IndicatorDefinition } from '@health/clinical';
import { IndicatorRepository, type IndicatorRow } from './indicator.repository';

/**
 * The dictionary one organisation sees at one revision, with its lookup tables. `rows`,
 * `definitions` and `byCode` include retired indicators (their stored observations are still read
 * and named); the matching tables (`byLoinc`, `aliasIndex`) hold active ones only.
 */
export interface DictionarySnapshot {
  readonly revision: string;
  readonly rows: readonly IndicatorRow[];
  readonly definitions: readonly IndicatorDefinition[];
  readonly byCode: ReadonlyMap<string, IndicatorRow>;
  /** LOINC code → indicator, for senders that code their items with LOINC (FHIR). */
  readonly byLoinc: ReadonlyMap<string, IndicatorDefinition>;
  readonly aliasIndex: AliasIndex;
}

/** The indicator of `code` when new items may be stored under it (known and not retired). */
export function activeDefinition(snapshot: DictionarySnapshot, code: string): IndicatorDefinition | undefined {
  const row = snapshot.byCode.get(code);
  return row?.status === 'active' ? row.definition : undefined;
}

/**
 * The current indicator dictionary of an organisation: the platform's rows overlaid with the
 * organisation's own (see README, "Indicator dictionary"). Snapshots are cached per organisation
 * and revalidated on every call with one indexed `max(revision)` query, so an edit made through
 * any api or worker process is seen at once by all of them, while a report's ingestion never
 * re-reads the hundred rows.
 */
@Injectable()
export class IndicatorDictionaryService {
  private readonly cache = new Map<string, DictionarySnapshot>();

  constructor(private readonly indicators: IndicatorRepository) {}

  /** Current definitions of the organisation, all or those of `codes` (unknown codes are left out), by code. */
  async current(orgId: string, codes?: readonly string[]): Promise<IndicatorDefinition[]> {
    const snapshot = await this.snapshot(orgId);
    if (codes === undefined) return [...snapshot.definitions];
    return [...new Set(codes)].flatMap((code) => {
      const row = snapshot.byCode.get(code);
      return row === undefined ? [] : [row.definition];
    });
  }

  /** Pass the transaction's manager when called inside one (the embedded database has one connection). */
  async snapshot(orgId: string, manager?: EntityManager): Promise<DictionarySnapshot> {
    const revision = await this.indicators.revision(orgId, manager);
    const cached = this.cache.get(orgId);
    if (cached?.revision === revision) return cached;

    const rows = await this.indicators.effective(orgId, manager);
    const definitions = rows.map((row) => row.definition);
    const active = rows.filter((row) => row.status === 'active').map((row) => row.definition);
    const byLoinc = new Map<string, IndicatorDefinition>();
    for (const definition of active) if (definition.loinc) byLoinc.set(definition.loinc, definition);
    const snapshot: DictionarySnapshot = {
      revision,
      rows,
      definitions,
      byCode: new Map(rows.map((row) => [row.code, row])),
      byLoinc,
      aliasIndex: buildAliasIndex(active),
    };
    this.cache.set(orgId, snapshot);
    return snapshot;
  }
}
