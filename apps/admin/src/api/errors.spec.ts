import { describe, expect, it } from 'vitest';
import { errorBody, json } from '@/test/fixtures';
import { ApiError, call, NETWORK_ERROR, parseRetryAfter } from './errors';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    const now = Date.parse('2025-06-18T08:00:00Z');
    expect(parseRetryAfter('Wed, 18 Jun 2025 08:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('call', () => {
  it('returns the body of a successful response', async () => {
    await expect(call(Promise.resolve({ data: { id: 1 }, response: json({ id: 1 }) }))).resolves.toEqual({ id: 1 });
  });

  it('throws an ApiError with code, details and Retry-After', async () => {
    const body = errorBody(401, 'ACCOUNT_LOCKED', 'locked until 10:15');
    const response = json(body, 401, { 'Retry-After': '600' });
    const err = await call(Promise.resolve({ error: body, response })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'ACCOUNT_LOCKED', retryAfterSeconds: 600 });
  });

  it('turns a failed connection into NETWORK_ERROR', async () => {
    const err = await call(Promise.reject(new TypeError('Failed to fetch'))).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: NETWORK_ERROR });
  });
});
