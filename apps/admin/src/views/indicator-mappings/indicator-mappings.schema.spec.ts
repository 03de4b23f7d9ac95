import { describe, expect, it } from 'vitest';
import { indicatorLabel, mappingBody, mappingFormModel, suggestedContext } from './indicator-mappings.schema';

const item = { source: 'anxin-lis', name: '葡萄糖', categories: ['尿液检查'] };

describe('mapping workbench', () => {
  it('limits a name seen only in urine sections to them', () => {
    expect(suggestedContext(item)).toBe('尿');
    expect(suggestedContext({ categories: ['尿常规', '生化'] })).toBe('');
    expect(suggestedContext({ categories: [] })).toBe('');
  });

  it('sends the indicator, or text-only, with the section filter when given', () => {
    const model = mappingFormModel(item);
    model.code = 'U_GLU';
    expect(mappingBody(item, model)).toEqual({ source: 'anxin-lis', name: '葡萄糖', categoryContext: '尿', code: 'U_GLU' });
    expect(mappingBody(item, { mode: 'textOnly', code: 'U_GLU', categoryContext: ' ' })).toEqual({
      source: 'anxin-lis',
      name: '葡萄糖',
      textOnly: true,
    });
  });

  it('labels indicators with name, code and unit', () => {
    expect(indicatorLabel({ code: 'FPG', nameZh: '空腹血糖', nameEn: 'Fasting plasma glucose', unit: 'mmol/L' })).toBe(
      '空腹血糖 FPG · mmol/L',
    );
    expect(indicatorLabel({ code: 'U_PRO', nameZh: '尿蛋白', nameEn: 'Urine protein', unit: '' })).toBe('尿蛋白 U_PRO');
  });
});
