import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './test-database';

/** A BullMQ key prefix (QUEUE_PREFIX) of its own for one test file, so files never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `hp-test-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every Redis key under `prefix`: what a test file leaves behind, or a simulated Redis loss. */
export async function deleteQueueKeys(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
