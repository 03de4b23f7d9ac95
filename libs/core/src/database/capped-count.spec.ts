import { totalFromLastPage } from './capped-count';

describe('totalFromLastPage', () => {
  it('knows the total from a page shorter than its limit', () => {
    expect(totalFromLastPage(3, 0, 20)).toBe(3);
    expect(totalFromLastPage(0, 0, 20)).toBe(0);
    expect(totalFromLastPage(7, 40, 20)).toBe(47);
  });

  it('does not guess from a full page or from an empty page past the end', () => {
    expect(totalFromLastPage(20, 0, 20)).toBeUndefined();
    expect(totalFromLastPage(0, 60, 20)).toBeUndefined();
  });
});
