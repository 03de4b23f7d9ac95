import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSessionEvents } from '@/api/client';
import { ApiError } from '@/api/errors';
import { tokens } from '@/api/tokens';
import { errorBody, json, loginResult, me, stubApi } from '@/test/fixtures';
import { useSessionStore } from './session';

const realFetch = globalThis.fetch;

beforeEach(() => {
  setActivePinia(createPinia());
  tokens.clear();
});

afterEach(() => {
  globalThis.fetch = realFetch;
  setSessionEvents({});
});

describe('session store', () => {
  it('logs in: keeps the tokens (memory and sessionStorage) and the user', async () => {
    const seen = stubApi({ 'POST /api/v1/auth/login': () => json(loginResult()) });
    const session = useSessionStore();
    await session.login('admin', 'secret-password');

    expect(await seen[0]!.json()).toEqual({ username: 'admin', password: 'secret-password' });
    expect(session.isAuthenticated).toBe(true);
    expect(session.me?.displayName).toBe('管理员');
    expect(tokens.access).toBe('access-1');
    expect(sessionStorage.getItem('hp.refreshToken')).toBe('refresh-1');
  });

  it('reports a locked account with the wait from Retry-After and keeps no session', async () => {
    stubApi({
      'POST /api/v1/auth/login': () =>
        json(errorBody(401, 'ACCOUNT_LOCKED', 'Locked until 10:15'), 401, { 'Retry-After': '900' }),
    });
    const session = useSessionStore();
    const err = await session.login('admin', 'wrong').catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 900 });
    expect(session.isAuthenticated).toBe(false);
  });

  it('checks permissions; a list means any of them', async () => {
    stubApi({ 'POST /api/v1/auth/login': () => json(loginResult(me({ permissions: ['users:read'] }))) });
    const session = useSessionStore();
    await session.login('admin', 'pw');

    expect(session.can('users:read')).toBe(true);
    expect(session.can('users:manage')).toBe(false);
    expect(session.can(['users:manage', 'users:read'])).toBe(true);
    expect(session.can([])).toBe(true);
  });

  it('after a reload, loads the user, renewing an expired access token once', async () => {
    tokens.set({ accessToken: 'expired', refreshToken: 'refresh-0' });
    const refreshed = vi.fn();
    setSessionEvents({ onRefreshed: refreshed });
    const seen = stubApi({
      'GET /api/v1/auth/me': (request) =>
        request.headers.get('Authorization') === 'Bearer access-2' ? json(me()) : json(errorBody(401, 'TOKEN_EXPIRED'), 401),
      'POST /api/v1/auth/refresh': () => json(loginResult(me(), 2)),
    });
    const session = useSessionStore();

    await expect(session.ensureMe()).resolves.toBe(true);
    expect(session.me?.username).toBe('admin');
    expect(tokens.refresh).toBe('refresh-2');
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/v1/auth/me',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/auth/me',
    ]);
  });

  it('reports an expired session when the refresh token is refused', async () => {
    tokens.set({ accessToken: 'expired', refreshToken: 'revoked' });
    const expired = vi.fn();
    setSessionEvents({ onExpired: expired });
    stubApi({
      'GET /api/v1/auth/me': () => json(errorBody(401, 'TOKEN_EXPIRED'), 401),
      'POST /api/v1/auth/refresh': () => json(errorBody(401, 'INVALID_REFRESH_TOKEN'), 401),
    });
    const session = useSessionStore();

    await expect(session.ensureMe()).resolves.toBe(false);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(session.isAuthenticated).toBe(false);
  });

  it('logs out: revokes the refresh token and ends the session even when the API is unreachable', async () => {
    stubApi({ 'POST /api/v1/auth/login': () => json(loginResult()) });
    const session = useSessionStore();
    await session.login('admin', 'pw');

    const seen = stubApi({ 'POST /api/v1/auth/logout': () => Promise.reject(new TypeError('offline')) });
    await session.logout();

    expect(await seen[0]!.json()).toEqual({ refreshToken: 'refresh-1' });
    expect(session.isAuthenticated).toBe(false);
    expect(session.me).toBeNull();
    expect(sessionStorage.getItem('hp.accessToken')).toBeNull();
  });

  it('changing the password lifts the forced change', async () => {
    stubApi({
      'POST /api/v1/auth/login': () => json(loginResult(me({ mustChangePassword: true }))),
      'POST /api/v1/auth/password': () => json(null, 204),
    });
    const session = useSessionStore();
    await session.login('admin', 'pw');
    expect(session.mustChangePassword).toBe(true);

    await session.changePassword('pw', 'a-much-longer-password');
    expect(session.mustChangePassword).toBe(false);
  });
});
