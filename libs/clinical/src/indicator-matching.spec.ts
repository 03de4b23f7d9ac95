import type { IndicatorDefinition } from './indicator-dictionary';
import { AliasConflictError, buildAliasIndex, findAliasConflicts, matchIndicator, type ItemToMatch } from './indicator-matching';
import { loadSharedDictionary } from './testing/shared-files';

const index = buildAliasIndex(loadSharedDictionary());
const codeOf = (item: ItemToMatch): string | undefined => matchIndicator(index, item)?.definition.code;

describe('matchIndicator on the real dictionary', () => {
  it('step 2: uses a code the dictionary has, whatever the name', () => {
    expect(matchIndicator(index, { name: '血糖(其他)', code: 'FPG' })).toMatchObject({
      definition: { code: 'FPG' },
      matchedBy: 'code',
    });
    expect(codeOf({ name: '尿糖', code: ' U_GLU ', category: '生化' })).toBe('U_GLU');
  });

  it('step 2: falls through to the name for a code the dictionary lacks', () => {
    expect(matchIndicator(index, { name: '空腹血糖', code: 'GLU01' })).toMatchObject({
      definition: { code: 'FPG' },
      matchedBy: 'alias',
    });
  });

  it('step 3: bare urinalysis names reach the urine indicators under a category containing 尿', () => {
    for (const category of ['尿常规', '尿液分析 Urinalysis', '尿液干化学分析', '尿液检查']) {
      expect(matchIndicator(index, { name: '葡萄糖', category })).toMatchObject({
        definition: { code: 'U_GLU' },
        matchedBy: 'context-alias',
      });
    }
    expect(codeOf({ name: 'GLU', category: '尿液分析' })).toBe('U_GLU');
    expect(codeOf({ name: '蛋白质', category: '尿常规' })).toBe('U_PRO');
    expect(codeOf({ name: '白细胞', category: '尿常规' })).toBe('U_LEU');
    expect(codeOf({ name: '红细胞', category: '尿常规' })).toBe('U_RBC');
    expect(codeOf({ name: '隐血', category: '尿常规' })).toBe('U_BLD');
    expect(codeOf({ name: '胆红素', category: '尿常规' })).toBe('U_BIL');
  });

  it('the same bare names elsewhere mean the blood indicators', () => {
    expect(codeOf({ name: '葡萄糖', category: '生化' })).toBe('FPG');
    expect(codeOf({ name: '葡萄糖' })).toBe('FPG');
    expect(codeOf({ name: 'GLU', category: '生化 Chemistry' })).toBe('FPG');
    expect(codeOf({ name: '白细胞', category: '血常规' })).toBe('WBC');
    expect(codeOf({ name: '红细胞', category: '血常规' })).toBe('RBC');
    // 胆红素 is not an alias of total bilirubin: left to the organisation's mappings (step 6).
    expect(codeOf({ name: '胆红素', category: '肝功能' })).toBeUndefined();
  });

  it('step 4: plain aliases, name_zh and code, after normalisation', () => {
    expect(codeOf({ name: '丙氨酸氨基转移酶（ＡＬＴ）' })).toBe('ALT');
    expect(codeOf({ name: '血压 — 收缩压' })).toBe('SBP');
    expect(codeOf({ name: '总胆固醇：' })).toBe('TC');
    expect(codeOf({ name: 'hba1c' })).toBe('HBA1C');
    expect(codeOf({ name: 'γ－GT' })).toBe('GGT');
    expect(codeOf({ name: '载脂蛋白AⅠ' })).toBe('APOA1');
    expect(codeOf({ name: '肌酐' })).toBe('CREA');
    expect(codeOf({ name: 'neut_pct' })).toBe('NEUT_PCT');
    expect(codeOf({ name: 'A:G' })).toBe('AG_RATIO');
  });

  it('step 5: unit-scoped aliases choose by the normalised unit', () => {
    expect(matchIndicator(index, { name: '中性粒细胞', unit: '%' })).toMatchObject({
      definition: { code: 'NEUT_PCT' },
      matchedBy: 'unit-scoped-alias',
    });
    expect(codeOf({ name: '中性粒细胞', unit: '10^9/L' })).toBe('NEUT_ABS');
    expect(codeOf({ name: '中性粒细胞', unit: '×10^9/L' })).toBe('NEUT_ABS');
    expect(codeOf({ name: '中性粒细胞', unit: '10*9/l' })).toBe('NEUT_ABS');
    expect(codeOf({ name: '淋巴细胞', unit: '％' })).toBe('LYMPH_PCT');
    expect(codeOf({ name: '嗜碱性粒细胞', unit: '10E9/L' })).toBe('BASO_ABS');
  });

  it('step 5: matches only the written unit, and nothing without a unit', () => {
    expect(codeOf({ name: '中性粒细胞', unit: 'G/L' })).toBeUndefined();
    expect(codeOf({ name: '中性粒细胞' })).toBeUndefined();
  });

  it('returns undefined when nothing matches (step 6 is the caller’s)', () => {
    expect(matchIndicator(index, { name: '幽门螺杆菌抗体', category: '感染筛查' })).toBeUndefined();
    expect(matchIndicator(index, { name: '  ' })).toBeUndefined();
  });
});

describe('buildAliasIndex and findAliasConflicts', () => {
  const definition = (code: string, aliases: IndicatorDefinition['aliases']): IndicatorDefinition => ({
    code,
    nameZh: `名称${code}`,
    nameEn: code,
    category: '测试',
    unit: '',
    valueType: 'numeric',
    limits: { male: {}, female: {} },
    refText: '',
    aliases,
    altUnits: [],
    source: 'test',
  });

  it('reports an alias two indicators share after normalisation', () => {
    const definitions = [definition('A1', [{ name: '（ＡＬＴ）' }]), definition('B1', [{ name: '(alt)' }])];
    expect(findAliasConflicts(definitions)).toEqual([{ alias: '(alt)', codes: ['A1', 'B1'] }]);
    expect(() => buildAliasIndex(definitions)).toThrow(AliasConflictError);
  });

  it('compares aliases within their scope only', () => {
    const definitions = [
      definition('A1', [{ name: '葡萄糖' }, { name: '中性粒细胞', unit: '%' }, { name: '葡萄糖' }]),
      definition('B1', [
        { name: '葡萄糖', context: '尿' },
        { name: '中性粒细胞', unit: '10^9/L' },
      ]),
    ];
    expect(findAliasConflicts(definitions)).toEqual([]);
    expect(findAliasConflicts([...definitions, definition('C1', [{ name: '葡萄糖', context: '尿' }])])).toEqual([
      { alias: '尿:葡萄糖', codes: ['B1', 'C1'] },
    ]);
  });

  it('tries plain aliases before unit-scoped ones', () => {
    const built = buildAliasIndex([definition('A1', [{ name: '细胞', unit: '%' }]), definition('B1', [{ name: '细胞' }])]);
    expect(matchIndicator(built, { name: '细胞', unit: '%' })?.definition.code).toBe('B1');
  });
});
