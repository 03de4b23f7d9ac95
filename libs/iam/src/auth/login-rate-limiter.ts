import { Injectable } from '@nestjs/common';
import { AppConfig } from '@health/core';
import { LoginRateLimitRepository } from './login-rate-limit.repository';

export interface RateLimitVerdict {
  allowed: boolean;
  /** The first refused attempt of a window; audited once instead of on every refusal. */
  firstRefusal: boolean;
  retryAfterSeconds: number;
}

/** Login attempts per client IP in fixed windows (LOGIN_RATE_LIMIT_MAX per LOGIN_RATE_LIMIT_WINDOW_SECONDS). */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly config: AppConfig,
    private readonly counters: LoginRateLimitRepository,
  ) {}

  async hit(ip: string, now = Date.now()): Promise<RateLimitVerdict> {
    const windowMs = this.config.loginRateLimitWindowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const attempts = await this.counters.hit(`login:ip:${ip}`, new Date(windowStart));
    // The first attempt of a window is a good moment to drop windows nobody can hit any more.
    if (attempts === 1) await this.counters.purgeBefore(new Date(windowStart - windowMs));
    const max = this.config.loginRateLimitMax;
    return {
      allowed: attempts <= max,
      firstRefusal: attempts === max + 1,
      retryAfterSeconds: Math.ceil((windowStart + windowMs - now) / 1000),
    };
  }
}
