import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueueConnection } from '../../queue/queue-connection';

/** Tokens are dropped this long before WeChat says they expire, so none is used at its last second. */
export const TOKEN_EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * WeChat access tokens by organisation and app id. Kept in Redis so every worker shares one token
 * (fetching a new token makes WeChat retire the previous one soon after); when Redis does not answer,
 * this process's memory stands in.
 */
@Injectable()
export class WechatTokenCache {
  private readonly memory = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly connection: QueueConnection) {}

  async get(orgId: string, appId: string): Promise<string | null> {
    const key = this.key(orgId, appId);
    const local = this.memory.get(key);
    if (local && local.expiresAt > Date.now()) return local.token;
    if (!this.connection.isAvailable()) return null;
    try {
      return await this.connection.client.get(key);
    } catch {
      return null;
    }
  }

  /** Stores a token WeChat says lives `expiresInSeconds`; one about to expire is not stored. */
  async set(orgId: string, appId: string, token: string, expiresInSeconds: number): Promise<void> {
    const ttlMs = expiresInSeconds * 1000 - TOKEN_EXPIRY_MARGIN_MS;
    if (ttlMs <= 0) return;
    const key = this.key(orgId, appId);
    this.memory.set(key, { token, expiresAt: Date.now() + ttlMs });
    if (!this.connection.isAvailable()) return;
    await this.connection.client.set(key, token, 'PX', ttlMs).catch(() => undefined);
  }

  async invalidate(orgId: string, appId: string): Promise<void> {
    const key = this.key(orgId, appId);
    this.memory.delete(key);
    if (!this.connection.isAvailable()) return;
    await this.connection.client.del(key).catch(() => undefined);
  }

  private key(orgId: string, appId: string): string {
    // The app id is hashed only to keep the key short and uniform.
    const app = createHash('sha256').update(appId).digest('hex').slice(0, 16);
    return `${this.connection.prefix}:notifications:wechat-token:${orgId}:${app}`;
  }
}
