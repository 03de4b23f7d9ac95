import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAliasIndex } from '@health/clinical';
import { SHARED_ORIGINALS_DIR } from '@health/clinical/testing';
import { canonicalJson, changedFields, formatAlias } from './indicator-definition';
import { readSeedDictionary, SEED_CSV_PATH } from './indicator-seeder';

// Without the shared originals beside the checkout (a newcomer's clone) there is nothing to compare.
const withOriginals = SHARED_ORIGINALS_DIR === undefined ? it.skip : it;

describe('the committed seed dictionary', () => {
  withOriginals('is a byte-for-byte copy of the shared indicators.csv', () => {
    expect(readFileSync(SEED_CSV_PATH, 'utf8')).toBe(
      readFileSync(join(SHARED_ORIGINALS_DIR!, 'clinical/indicators.csv'), 'utf8'),
    );
  });

  it('parses into 99 indicators whose aliases index without conflicts', () => {
    const definitions = readSeedDictionary();
    expect(definitions).toHaveLength(99);
    expect(() => buildAliasIndex(definitions)).not.toThrow();
  });

  it('writes aliases back as the file writes them', () => {
    const byCode = new Map(readSeedDictionary().map((d) => [d.code, d]));
    expect(byCode.get('U_GLU')?.aliases.map(formatAlias)).toContain('尿:葡萄糖');
    expect(byCode.get('NEUT_PCT')?.aliases.map(formatAlias)).toContain('中性粒细胞[%]');
  });
});

describe('definition comparison', () => {
  const fpg = readSeedDictionary().find((d) => d.code === 'FPG');
  if (fpg === undefined) throw new Error('no FPG');

  it('ignores key order, as jsonb does', () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(fpg).reverse())));
    expect(canonicalJson(reordered)).toBe(canonicalJson(fpg));
  });

  it('names the changed fields', () => {
    expect(changedFields(fpg, { ...fpg, limits: { ...fpg.limits, male: { low: 3.9, high: 6.0 } }, nameEn: 'x' })).toEqual([
      'nameEn',
      'limits',
    ]);
    expect(changedFields(fpg, fpg)).toEqual([]);
  });
});
