import { Injectable } from '@nestjs/common';
import { DependencyStatus, QueueHealth } from './queue-health';
import { QueueConnection } from './queue-connection';

const PING_TIMEOUT_MS = 1000;

@Injectable()
export class RedisQueueHealth extends QueueHealth {
  constructor(private readonly connection: QueueConnection) {
    super();
  }

  async status(): Promise<DependencyStatus> {
    if (!this.connection.isAvailable()) return 'down';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.connection.client.ping(), timeout]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
