import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseIndicatorCsv, type IndicatorDefinition } from '@health/clinical';
import { canonicalJson, changedFields } from './indicator-definition';
import { IndicatorRepository, type NewIndicatorVersion } from './indicator.repository';

/**
 * The committed copy of the shared `indicators.csv` (a spec checks they are equal). The build copies
 * it next to the compiled file; the API never reads the shared folder at run time.
 */
export const SEED_CSV_PATH = join(__dirname, 'indicators.csv');

export function readSeedDictionary(): IndicatorDefinition[] {
  return parseIndicatorCsv(readFileSync(SEED_CSV_PATH, 'utf8'));
}

/**
 * Brings the platform dictionary up to the committed CSV at every start: a row that is new or
 * differs gets a new platform version (author `system`), an identical one is left alone, so the
 * seed is idempotent and a release with an edited CSV versions exactly what it changed. Rows the
 * CSV no longer has are kept: codes are never reused and stored observations refer to them.
 */
@Injectable()
export class IndicatorSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('IndicatorSeeder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: IndicatorRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const changed = await this.seed(readSeedDictionary());
    if (changed > 0) this.logger.log(`indicator dictionary: ${changed} platform indicator(s) added or updated`);
  }

  /** Returns how many platform indicators got a new version. */
  async seed(definitions: readonly IndicatorDefinition[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.indicators.lockSeed(manager);
      const stored = new Map((await this.indicators.platformRows(manager)).map((row) => [row.code, row]));
      const changes = definitions.flatMap((definition) => {
        const current = stored.get(definition.code);
        if (current !== undefined && canonicalJson(current.definition) === canonicalJson(definition)) return [];
        return [
          {
            code: definition.code,
            version: (current?.version ?? 0) + 1,
            definition,
            status: 'active' as const,
            before: current?.definition,
          },
        ];
      });
      await this.indicators.saveCurrent(manager, null, changes);
      await this.indicators.insertVersions(
        manager,
        changes.map((change): NewIndicatorVersion => ({
          orgId: null,
          code: change.code,
          version: change.version,
          definition: change.definition,
          status: change.status,
          changeKind: 'seed',
          changedFields: changedFields(change.before, change.definition),
          actorType: 'system',
          actorId: null,
        })),
      );
      return changes.length;
    });
  }
}
