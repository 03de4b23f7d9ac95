import { IndicatorCsvError, parseAlias, parseIndicatorCsv } from './indicator-dictionary';
import { buildAliasIndex, findAliasConflicts } from './indicator-matching';
import { parseCsvRecords } from './parse-csv';
import { definitionOf, loadSharedDictionary, readSharedFile } from './testing/shared-files';

const HEADER =
  'code,name_zh,name_en,category,unit,value_type,loinc,ref_low_male,ref_high_male,ref_low_female,ref_high_female,ref_text,aliases,alt_units,source';

describe('the real indicators.csv', () => {
  it('parses every row', () => {
    const dataRows = parseCsvRecords(readSharedFile('clinical/indicators.csv')).length - 1;
    const definitions = loadSharedDictionary();
    expect(definitions).toHaveLength(dataRows);
    expect(definitions).toHaveLength(99);
    expect(new Set(definitions.map((d) => d.code)).size).toBe(99);
  });

  it('has no normalised alias shared by two indicators, so the alias index builds', () => {
    expect(findAliasConflicts(loadSharedDictionary())).toEqual([]);
    expect(() => buildAliasIndex(loadSharedDictionary())).not.toThrow();
  });

  it('reads limits as numbers, empty as no limit', () => {
    expect(definitionOf('FPG').limits).toEqual({ male: { low: 3.9, high: 6.09 }, female: { low: 3.9, high: 6.09 } });
    expect(definitionOf('TC').limits.male).toEqual({ high: 5.19 });
    expect(definitionOf('PSA').limits).toEqual({ male: { high: 4 }, female: {} });
    expect(definitionOf('BMD_T').limits.female).toEqual({ low: -1 });
    expect(definitionOf('HEIGHT').limits).toEqual({ male: {}, female: {} });
  });

  it('reads a quoted name containing a comma', () => {
    expect(definitionOf('PSA').nameEn).toBe('Prostate specific antigen, total');
  });

  it('splits alt_units at the last *', () => {
    expect(definitionOf('FPG').altUnits).toEqual([{ unit: 'mg/dL', factor: 0.0555 }]);
    expect(definitionOf('WBC').altUnits).toContainEqual({ unit: '10*9/L', factor: 1 });
    expect(definitionOf('MCV').altUnits).toEqual([]);
  });

  it('parses context and unit-scoped aliases into structured form', () => {
    expect(definitionOf('U_GLU').aliases).toContainEqual({ name: '葡萄糖', context: '尿' });
    expect(definitionOf('U_GLU').aliases).toContainEqual({ name: 'GLU', context: '尿' });
    expect(definitionOf('NEUT_PCT').aliases).toContainEqual({ name: '中性粒细胞', unit: '%' });
    expect(definitionOf('NEUT_ABS').aliases).toContainEqual({ name: '中性粒细胞', unit: '10^9/L' });
    expect(definitionOf('AG_RATIO').aliases).toContainEqual({ name: 'A:G' });
  });

  it('leaves loinc out when the column is empty', () => {
    expect(definitionOf('FPG').loinc).toBe('14771-0');
    expect(definitionOf('WHR').loinc).toBeUndefined();
  });

  it('knows the value types', () => {
    const count = (type: string): number => loadSharedDictionary().filter((d) => d.valueType === type).length;
    expect([count('numeric'), count('ordinal'), count('text')]).toEqual([84, 9, 6]);
  });
});

describe('parseAlias', () => {
  it.each([
    ['尿:葡萄糖', { name: '葡萄糖', context: '尿' }],
    ['尿：葡萄糖', { name: '葡萄糖', context: '尿' }],
    ['中性粒细胞[%]', { name: '中性粒细胞', unit: '%' }],
    ['中性粒细胞［％］', { name: '中性粒细胞', unit: '%' }],
    ['淋巴细胞[10^9/L]', { name: '淋巴细胞', unit: '10^9/L' }],
    ['尿:红细胞[/HP]', { name: '红细胞', context: '尿', unit: '/HP' }],
    ['A:G', { name: 'A:G' }],
    ['脂蛋白（a）', { name: '脂蛋白(a)' }],
  ])('%s', (written, alias) => {
    expect(parseAlias(written)).toEqual(alias);
  });
});

describe('parseIndicatorCsv rejects bad rows with their line number', () => {
  const row = (overrides: Partial<Record<string, string>> = {}): string => {
    const values: Record<string, string> = {
      code: 'X',
      name_zh: '某项',
      name_en: 'Some item',
      category: '血常规',
      unit: 'g/L',
      value_type: 'numeric',
      loinc: '',
      ref_low_male: '1',
      ref_high_male: '2',
      ref_low_female: '1',
      ref_high_female: '2',
      ref_text: '',
      aliases: '某项|XI',
      alt_units: 'g/dL*10',
      source: 'test',
      ...overrides,
    };
    return HEADER.split(',')
      .map((column) => values[column] ?? '')
      .join(',');
  };
  const parse = (...rows: string[]) => parseIndicatorCsv([HEADER, ...rows].join('\n'));

  it('accepts a valid row', () => {
    expect(parse(row())).toHaveLength(1);
  });

  it.each([
    [{ code: 'lower' }, /not upper-case ASCII/],
    [{ value_type: 'number' }, /value_type/],
    [{ ref_low_male: 'abc' }, /not a number/],
    [{ ref_low_male: '3' }, /low 3 > high 2/],
    [{ alt_units: 'mg/dL' }, /not unit\*factor/],
    [{ alt_units: 'mg/dL*0' }, /not unit\*factor/],
    [{ alt_units: 'G/L*10' }, /factors 1 and 10/],
    [{ value_type: 'ordinal', unit: '', alt_units: '', ref_text: '阴性|少量' }, /not an ordinal grade/],
    [{ aliases: '尿:' }, /empty alias name/],
    [{ aliases: '某项|：' }, /empty alias name/],
  ])('%j', (overrides, message) => {
    expect(() => parse(row(overrides))).toThrow(message);
    expect(() => parse(row(overrides))).toThrow(IndicatorCsvError);
  });

  it('rejects a duplicate code, a short row and a missing column', () => {
    expect(() => parse(row(), row())).toThrow(/line 3: duplicate code X/);
    expect(() => parse('X,某项')).toThrow(/line 2: 2 fields/);
    expect(() => parseIndicatorCsv('code,name_zh\nX,某项')).toThrow(/missing columns: name_en/);
    expect(() => parseIndicatorCsv('')).toThrow(/no header row/);
  });

  it('skips blank lines', () => {
    expect(parse(row(), '', row({ code: 'Y', name_zh: '别项', aliases: '' }))).toHaveLength(2);
  });
});
