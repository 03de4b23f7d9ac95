import { describe, expect, it } from 'vitest';
import { cardTypeFormModel, formatPrice, serviceProblems, toCents } from './card-types.schema';

describe('card type form', () => {
  it('starts with one empty service row', () => {
    expect(cardTypeFormModel().services).toEqual([{ code: '', name: '', quantity: 1 }]);
  });

  it('explains problems of the service table', () => {
    expect(serviceProblems([])).toEqual(['cardTypes.servicesRequired']);
    expect(serviceProblems([{ code: 'follow-up', name: '随访', quantity: 12 }])).toEqual([]);
    expect(
      serviceProblems([
        { code: 'Follow up', name: '随访', quantity: 12 },
        { code: 'report', name: ' ', quantity: 0 },
        { code: 'report', name: '年度报告', quantity: 1 },
      ]),
    ).toEqual([
      'cardTypes.serviceCodeInvalid',
      'cardTypes.serviceNameRequired',
      'cardTypes.serviceQuantityInvalid',
      'cardTypes.serviceCodeDuplicate',
    ]);
  });

  it('converts yuan to whole cents and shows prices', () => {
    expect(toCents(12.3)).toBe(1230);
    expect(toCents(0.07)).toBe(7);
    expect(toCents(undefined)).toBeUndefined();
    expect(formatPrice(128000)).toMatch(/1,280\.00/);
    expect(formatPrice(undefined)).toBe('—');
  });
});
