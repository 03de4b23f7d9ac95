import { AUTH_STATE_TTL_MS, AuthStateCache } from './auth-state.cache';
import type { UserAuthState } from './user.repository';

const state = (tokenVersion: number): UserAuthState => ({
  id: 'u1',
  orgId: 'o1',
  status: 'active',
  orgStatus: 'active',
  isPlatformAdmin: false,
  tokenVersion,
  permissions: ['clients:read'],
});

describe('AuthStateCache', () => {
  afterEach(() => jest.useRealTimers());

  it('reuses a state for AUTH_STATE_TTL_MS, then reads again', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new AuthStateCache();
    const read = jest.fn(async () => state(1));
    await cache.get('u1', read);
    jest.setSystemTime(AUTH_STATE_TTL_MS - 1);
    expect(await cache.get('u1', read)).toEqual(state(1));
    expect(read).toHaveBeenCalledTimes(1);
    jest.setSystemTime(AUTH_STATE_TTL_MS);
    await cache.get('u1', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads again at once after forget or forgetAll', async () => {
    const cache = new AuthStateCache();
    let version = 1;
    const read = jest.fn(async () => state(version));
    await cache.get('u1', read);
    version = 2;
    cache.forget('u1');
    expect((await cache.get('u1', read))?.tokenVersion).toBe(2);
    version = 3;
    cache.forgetAll();
    expect((await cache.get('u1', read))?.tokenVersion).toBe(3);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('does not keep a state read while a forget happened: it may predate the change', async () => {
    const cache = new AuthStateCache();
    let finish!: (value: UserAuthState) => void;
    const slow = cache.get('u1', () => new Promise<UserAuthState>((resolve) => (finish = resolve)));
    cache.forget('u1');
    finish(state(1));
    expect((await slow)?.tokenVersion).toBe(1);
    const read = jest.fn(async () => state(2));
    expect((await cache.get('u1', read))?.tokenVersion).toBe(2);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('remembers that a user does not exist, for the same time', async () => {
    const cache = new AuthStateCache();
    const read = jest.fn(async () => null);
    expect(await cache.get('gone', read)).toBeNull();
    expect(await cache.get('gone', read)).toBeNull();
    expect(read).toHaveBeenCalledTimes(1);
  });
});
