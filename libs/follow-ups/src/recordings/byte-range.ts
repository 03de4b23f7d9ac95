import type { ByteRange } from '@health/core';

/** What a `Range` header asks of a representation of `size` bytes. */
export type RangeRequest = { kind: 'whole' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/i;

/**
 * Reads an HTTP `Range` header (RFC 9110 §14.1.2) for one range, which is what audio players send:
 * `bytes=a-b`, `bytes=a-` and suffix ranges `bytes=-n`. No header, another unit or a list of
 * ranges is answered with the whole body (servers may ignore ranges); a malformed byte range or
 * one starting past the end is unsatisfiable (416).
 */
export function parseRangeHeader(header: string | undefined, size: number): RangeRequest {
  if (!header || !/^bytes=/i.test(header.trim()) || header.includes(',')) return { kind: 'whole' };
  const match = SINGLE.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'unsatisfiable' };
  const [first, last] = [match[1], match[2]];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || (last !== '' && Number(last) < start)) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}
