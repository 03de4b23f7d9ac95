import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedisConnection, DEFAULT_REDIS_URL, RETRY_STRATEGY } from './redis-connection';

/**
 * The process's one fail-fast Redis connection (producers, health, reconciler lookups) and the
 * single place that notices Redis coming and going. Every other Redis user stays quiet about
 * connection errors, so an outage logs one warning and the recovery one info line.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;
  private readonly logger = new Logger('Queue');
  private readonly url: string;
  private readonly listeners = new Set<() => void>();
  private reportedDown = false;
  private closing = false;

  constructor(config: AppConfig) {
    this.url = config.redisUrl ?? DEFAULT_REDIS_URL;
    this.prefix = config.queuePrefix;
    this.client = createRedisConnection(this.url);
    this.client.on('ready', () => this.becameAvailable());
    this.client.on('error', (err: NodeJS.ErrnoException) => this.becameUnavailable(err.code ?? err.message));
    this.client.on('close', () => this.becameUnavailable('connection closed'));
    this.client.connect().catch(() => undefined);
  }

  isAvailable(): boolean {
    return this.client.status === 'ready';
  }

  /** Calls `listener` every time Redis becomes reachable after an outage was reported. */
  onReconnected(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Options for BullMQ workers, which open their own connections: they block on Redis and must
   * retry forever (`maxRetriesPerRequest: null`) instead of failing fast like producers.
   */
  workerConnectionOptions(): ConnectionOptions {
    return { url: this.url, maxRetriesPerRequest: null, connectTimeout: 2000, retryStrategy: RETRY_STRATEGY };
  }

  /** Where Redis is, without credentials, for log lines. */
  private get address(): string {
    return new URL(this.url).host;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.client.disconnect();
  }

  private becameAvailable(): void {
    if (!this.reportedDown) return;
    this.reportedDown = false;
    this.logger.log(`Redis at ${this.address} is reachable again; queued work resumes`);
    for (const listener of this.listeners) listener();
  }

  private becameUnavailable(reason: string): void {
    if (this.reportedDown || this.closing) return;
    this.reportedDown = true;
    this.logger.warn(
      `Redis at ${this.address} is unreachable (${reason}): requests are still served, jobs wait in ` +
        'PostgreSQL and are enqueued when it returns. Start Redis (e.g. `docker compose up -d redis`) or set REDIS_URL.',
    );
  }
}
