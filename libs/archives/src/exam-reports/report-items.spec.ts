import { buildAliasIndex } from '@health/clinical';
import type { DictionarySnapshot } from '../indicators/indicator-dictionary.service';
import { readSeedDictionary } from '../indicators/indicator-seeder';
import type { MappingRow } from '../mappings/indicator-mapping.repository';
import { mappingLookup } from '../mappings/mapping-lookup';
import { displayValue, MAX_ITEMS, processItem, readItems } from './report-items';

const definitions = readSeedDictionary();
const rows = definitions.map((definition) => ({
  code: definition.code,
  version: 1,
  definition,
  status: 'active' as const,
  orgId: null,
  fromPlatform: true,
  updatedAt: new Date(0),
}));
const snapshot: DictionarySnapshot = {
  revision: '1',
  rows,
  definitions,
  byCode: new Map(rows.map((row) => [row.code, row])),
  byLoinc: new Map(),
  aliasIndex: buildAliasIndex(definitions),
};
const man = { sex: 'male' as const, age: 45 };
const none = () => undefined;

function mapping(values: Partial<MappingRow>): MappingRow {
  return {
    id: values.id ?? 'm',
    orgId: 'o',
    source: 'lis',
    name: values.name ?? '',
    nameKey: values.nameKey ?? '',
    categoryContext: values.categoryContext ?? '',
    code: values.code ?? null,
    textOnly: values.textOnly ?? false,
    reprocessing: 'done',
    version: 1,
    actorType: 'user',
    actorId: null,
    actorName: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    deletedAt: null,
  };
}

describe('readItems', () => {
  it('accepts strings, and numbers as values', () => {
    expect(readItems([{ name: '心率', value: 72, unit: '次/分' }])).toEqual({
      ok: true,
      items: [{ name: '心率', value: '72', unit: '次/分' }],
    });
  });

  it('names every problem by items[i].field with its index', () => {
    const result = readItems([{ name: '心率' }, 'x', { name: '', value: '1', colour: 'red', unit: 5 }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.index, p.code])).toEqual([
      ['items[0].value', 0, 'isNotEmpty'],
      ['items[1]', 1, 'isObject'],
      ['items[2].colour', 2, 'unknownField'],
      ['items[2].unit', 2, 'isString'],
      ['items[2].name', 2, 'isNotEmpty'],
    ]);
  });

  it('refuses an empty list, a non-list and more than the limit', () => {
    expect(readItems([])).toMatchObject({ ok: false, problems: [{ field: 'items', code: 'arraySize' }] });
    expect(readItems({})).toMatchObject({ ok: false, problems: [{ field: 'items', code: 'isArray' }] });
    const many = Array.from({ length: MAX_ITEMS + 1 }, () => ({ name: '心率', value: '70' }));
    expect(readItems(many)).toMatchObject({ ok: false, problems: [{ code: 'arraySize' }] });
  });
});

describe('processItem', () => {
  it('resolves bare urinalysis names under a 尿 category, and converts mg/dL', () => {
    expect(processItem(0, { name: '葡萄糖', value: '阴性', category: '尿常规' }, snapshot, none, man).item).toMatchObject({
      status: 'mapped',
      definition: { code: 'U_GLU' },
      verdict: 'normal',
    });
    const glucose = processItem(1, { name: '葡萄糖', value: '110', unit: 'mg/dL' }, snapshot, none, man).item;
    expect(glucose).toMatchObject({
      status: 'mapped',
      definition: { code: 'FPG' },
      verdict: 'high',
      interval: { low: 3.9, high: 6.09 },
    });
    expect(displayValue(glucose.value!)).toBe('6.105');
  });

  it('uses the organisation’s mappings after the dictionary, with category contexts and text-only', () => {
    const lookup = mappingLookup([
      mapping({ id: 'any', nameKey: '血糖测定', code: 'FPG' }),
      mapping({ id: 'urine', nameKey: '血糖测定', categoryContext: '尿', code: 'U_GLU' }),
      mapping({ id: 'sign', nameKey: '签名', textOnly: true }),
    ]);
    expect(processItem(0, { name: '血糖测定', value: '5.0', unit: 'mmol/L' }, snapshot, lookup, man).item).toMatchObject({
      definition: { code: 'FPG' },
      mappingId: 'any',
    });
    expect(processItem(1, { name: '血糖测定', value: '-', category: '尿液分析' }, snapshot, lookup, man).item).toMatchObject({
      definition: { code: 'U_GLU' },
      mappingId: 'urine',
    });
    expect(processItem(2, { name: '签名', value: '王五' }, snapshot, lookup, man).item).toMatchObject({
      status: 'text_only',
      mappingId: 'sign',
    });
    expect(processItem(3, { name: '空腹血糖', value: '5.0' }, snapshot, lookup, man).item.mappingId).toBeUndefined();
    expect(processItem(3, { name: '未知项目', value: '1' }, snapshot, lookup, man)).toEqual({
      item: { index: 3, input: { name: '未知项目', value: '1' }, nameKey: '未知项目', status: 'unmapped' },
    });
  });

  it('matches no retired indicator, by name or through a mapping', () => {
    const retired = { ...snapshot.byCode.get('HCY')!, status: 'retired' as const };
    const active = definitions.filter((definition) => definition.code !== 'HCY');
    const withRetired: DictionarySnapshot = {
      ...snapshot,
      byCode: new Map([...snapshot.byCode, ['HCY', retired]]),
      aliasIndex: buildAliasIndex(active),
    };
    const lookup = mappingLookup([mapping({ nameKey: '同型半胱氨酸测定', code: 'HCY' })]);
    for (const name of ['同型半胱氨酸', '同型半胱氨酸测定']) {
      expect(processItem(0, { name, value: '12', unit: 'μmol/L' }, withRetired, lookup, man)).toEqual({
        item: { index: 0, input: { name, value: '12', unit: 'μmol/L' }, nameKey: name, status: 'unmapped' },
      });
    }
  });

  it('reports a mapped item it cannot read at the field that is wrong', () => {
    expect(processItem(4, { name: '总胆固醇', value: '5.2', unit: 'g' }, snapshot, none, man).problem).toMatchObject({
      field: 'items[4].unit',
      index: 4,
      code: 'unknown-unit',
    });
    expect(processItem(5, { name: '总胆固醇', value: '见备注', unit: 'mmol/L' }, snapshot, none, man).problem).toMatchObject({
      field: 'items[5].value',
      code: 'not-a-number',
    });
    expect(processItem(6, { name: '尿蛋白', value: '少许' }, snapshot, none, man).problem).toMatchObject({
      field: 'items[6].value',
      code: 'unrecognised-ordinal',
    });
  });

  it('keeps the comparator of censored values', () => {
    const item = processItem(0, { name: 'CEA', value: '<0.5', unit: 'ng/mL' }, snapshot, none, man).item;
    expect(item).toMatchObject({ status: 'mapped', value: { comparator: '<', value: 0.5 }, verdict: 'normal' });
    expect(displayValue(item.value!)).toBe('<0.5');
  });
});
