import { referenceIntervalFor } from './reference-interval';
import { definitionOf } from './testing/shared-files';

describe('referenceIntervalFor', () => {
  it('returns the sex columns when no age band applies', () => {
    expect(referenceIntervalFor(definitionOf('HGB'), { sex: 'female', age: 40 })).toEqual({ low: 115, high: 150 });
    expect(referenceIntervalFor(definitionOf('TC'), { sex: 'male' })).toEqual({ high: 5.19 });
    expect(referenceIntervalFor(definitionOf('HEIGHT'), { sex: 'male' })).toEqual({});
  });

  it.each([
    ['CREA', 'male', 60, { low: 57, high: 111 }],
    ['CREA', 'female', 60, { low: 41, high: 81 }],
    ['UREA', 'male', 60, { low: 3.6, high: 9.5 }],
    ['UREA', 'female', 60, { low: 3.1, high: 8.8 }],
    ['ALP', 'female', 50, { low: 50, high: 135 }],
    ['CREA', 'male', 95, { low: 57, high: 111 }],
    ['ALP', 'female', 88, { low: 50, high: 135 }],
  ] as const)('%s %s at %i → the older band of indicators.md', (code, sex, age, interval) => {
    expect(referenceIntervalFor(definitionOf(code), { sex, age })).toEqual(interval);
  });

  it.each([
    ['CREA', 'male', 59, { low: 57, high: 97 }],
    ['CREA', 'female', 20, { low: 41, high: 73 }],
    ['UREA', 'male', 18, { low: 3.1, high: 8 }],
    ['ALP', 'female', 49, { low: 35, high: 100 }],
    ['ALP', 'male', 70, { low: 45, high: 125 }],
  ] as const)('%s %s at %i → the columns', (code, sex, age, interval) => {
    expect(referenceIntervalFor(definitionOf(code), { sex, age })).toEqual(interval);
  });

  it('uses the sex columns when age is unknown', () => {
    expect(referenceIntervalFor(definitionOf('CREA'), { sex: 'male' })).toEqual({ low: 57, high: 97 });
    expect(referenceIntervalFor(definitionOf('ALP'), { sex: 'female' })).toEqual({ low: 35, high: 100 });
  });
});
