import { Redis, RedisOptions } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Reconnects every 0.5 s, 1 s, … up to every 5 s, forever: Redis may come back at any time. */
export const RETRY_STRATEGY = (attempt: number): number => Math.min(attempt * 500, 5000);

/**
 * A Redis connection that fails fast instead of queueing commands while Redis is away, so an HTTP
 * request never hangs on the queue. It keeps reconnecting in the background.
 */
export function createRedisConnection(url: string, overrides: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // A socket that never connected never says goodbye: do not keep the process alive 2 s for it.
    disconnectTimeout: 200,
    retryStrategy: RETRY_STRATEGY,
    ...overrides,
  });
}
