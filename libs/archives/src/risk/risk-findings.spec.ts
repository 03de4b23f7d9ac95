import { findingsOf } from './risk-findings';

describe('findingsOf', () => {
  it('names keyed findings by their key and listed ones by their code', () => {
    const details = {
      analytes: { tc: { value: 6.5, category: 'high' }, hdl: { value: 0.9, category: 'low' } },
      clinicalTypes: [{ category: 'hypercholesterolaemia' }, { category: 'low_hdl' }],
      waist: null,
    };
    expect(findingsOf(details)).toEqual(['hdl:low', 'hypercholesterolaemia', 'low_hdl', 'tc:high']);
  });

  it('is empty for details without categories', () => {
    expect(findingsOf({ points: { age: 8 }, total: 12 })).toEqual([]);
  });
});
