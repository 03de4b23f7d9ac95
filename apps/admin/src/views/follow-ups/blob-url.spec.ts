import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBlobUrlHolder } from './blob-url';

describe('createBlobUrlHolder', () => {
  afterEach(() => vi.restoreAllMocks());

  it('revokes the previous URL when a new blob is set, and the last one on clear', () => {
    let next = 0;
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:test/${++next}`);
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const holder = createBlobUrlHolder();

    expect(holder.set(new Blob(['a']))).toBe('blob:test/1');
    expect(revoked).not.toHaveBeenCalled();
    expect(holder.set(new Blob(['b']))).toBe('blob:test/2');
    expect(revoked).toHaveBeenCalledWith('blob:test/1');
    holder.clear();
    holder.clear();
    expect(revoked.mock.calls).toEqual([['blob:test/1'], ['blob:test/2']]);
    expect(created).toHaveBeenCalledTimes(2);
  });
});
