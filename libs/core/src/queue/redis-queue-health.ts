import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DependencyStatus, QueueHealth } from './queue-health';
import { createRedisConnection, DEFAULT_REDIS_URL } from './redis-connection';

const PING_TIMEOUT_MS = 1000;

@Injectable()
export class RedisQueueHealth extends QueueHealth implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(config: AppConfig) {
    super();
    this.redis = createRedisConnection(config.redisUrl ?? DEFAULT_REDIS_URL);
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  async status(): Promise<DependencyStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
