import { parseRangeHeader } from './byte-range';

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['Bytes=5-5', { start: 5, end: 5 }],
  ])('reads %s of a 1000-byte body', (header, range) => {
    expect(parseRangeHeader(header, 1000)).toEqual({ kind: 'partial', range });
  });

  it.each([undefined, '', 'items=0-5', 'bytes=0-1,5-9'])('serves the whole body for %p', (header) => {
    expect(parseRangeHeader(header, 1000)).toEqual({ kind: 'whole' });
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=20-10', 'bytes=-0', 'bytes=-', 'bytes=abc', 'bytes=1.5-3'])(
    'calls %s unsatisfiable for a 1000-byte body',
    (header) => {
      expect(parseRangeHeader(header, 1000)).toEqual({ kind: 'unsatisfiable' });
    },
  );

  it('has nothing to offer a range of an empty body', () => {
    expect(parseRangeHeader('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
