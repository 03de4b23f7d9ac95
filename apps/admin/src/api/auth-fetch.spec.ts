import { describe, expect, it, vi } from 'vitest';
import { json } from '@/test/fixtures';
import { createAuthFetch } from './auth-fetch';

function setup(options: { refreshResult?: boolean | Promise<boolean> } = {}) {
  const tokens = { access: 'old' as string | null, refresh: 'refresh-1' as string | null };
  const seen: (string | null)[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const auth = request.headers.get('Authorization');
    seen.push(auth);
    return auth === 'Bearer new' ? json({ ok: true }) : json({ code: 'UNAUTHORIZED' }, 401);
  });
  const refresh = vi.fn(async () => {
    const ok = await (options.refreshResult ?? true);
    if (ok) tokens.access = 'new';
    return ok;
  });
  const onExpired = vi.fn();
  const authFetch = createAuthFetch({ tokens, refresh, onExpired, fetch });
  return { tokens, seen, fetch, refresh, onExpired, authFetch };
}

const request = (path: string, init?: RequestInit) => new Request(`http://localhost${path}`, init);

describe('createAuthFetch', () => {
  it('sends the bearer token', async () => {
    const { authFetch, seen } = setup();
    await authFetch(request('/api/v1/users'));
    expect(seen[0]).toBe('Bearer old');
  });

  it('renews the session once on 401 and replays the request with its body', async () => {
    const { authFetch, refresh, fetch } = setup();
    const response = await authFetch(request('/api/v1/users', { method: 'POST', body: JSON.stringify({ a: 1 }) }));
    expect(response.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    const replay = fetch.mock.calls[1]![0];
    expect(await replay.text()).toBe('{"a":1}');
  });

  it('shares one refresh between concurrent 401s (single flight)', async () => {
    let release!: (ok: boolean) => void;
    const { authFetch, refresh } = setup({ refreshResult: new Promise((resolve) => (release = resolve)) });
    const all = Promise.all([authFetch(request('/api/v1/a')), authFetch(request('/api/v1/b')), authFetch(request('/api/v1/c'))]);
    await vi.waitFor(() => expect(refresh).toHaveBeenCalled());
    release(true);
    const responses = await all;
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('ends the session when the refresh is refused', async () => {
    const { authFetch, onExpired } = setup({ refreshResult: false });
    const response = await authFetch(request('/api/v1/users'));
    expect(response.status).toBe(401);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for a failed login', async () => {
    const { authFetch, refresh, onExpired } = setup();
    const response = await authFetch(request('/api/v1/auth/login', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
    expect(onExpired).not.toHaveBeenCalled();
  });

  it('does not refresh without a session', async () => {
    const { authFetch, tokens, refresh } = setup();
    tokens.access = null;
    await authFetch(request('/api/v1/users'));
    expect(refresh).not.toHaveBeenCalled();
  });
});
