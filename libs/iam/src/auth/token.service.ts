import { createSecretKey, KeyObject } from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '@health/core';

const ISSUER = 'health-platform';
const AUDIENCE = 'health-platform-api';
/** Verified tokens remembered per process; a staff member sends the same token for up to 15 minutes. */
const VERIFIED_CACHE_SIZE = 5000;

export interface AccessClaims {
  userId: string;
  orgId: string;
  /** Refresh token family, i.e. the login session. */
  sessionId: string;
  tokenVersion: number;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Short-lived HS256 access tokens and opaque refresh tokens (only their SHA-256 is stored). */
@Injectable()
export class TokenService {
  private readonly key: KeyObject;
  /**
   * Token → its claims and expiry (ms). A token's content never changes, so a signature checked
   * once stays checked; only the expiry is looked at again. Whether the user may still act is
   * decided per request by the caller, not here.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  constructor(private readonly config: AppConfig) {
    if (!config.jwtSecret) throw new Error('JWT_SECRET is not configured');
    // A KeyObject made once: jose would otherwise import raw key bytes on every verification.
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  get accessTokenTtlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  signAccessToken(claims: AccessClaims): Promise<string> {
    return new SignJWT({ org: claims.orgId, sid: claims.sessionId, tv: claims.tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.accessTokenTtlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid, unexpired token; `null` for anything else. */
  async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return known.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const { sub, org, sid, tv, exp } = payload;
      if (typeof sub !== 'string' || typeof org !== 'string' || typeof sid !== 'string' || typeof tv !== 'number') return null;
      const claims = { userId: sub, orgId: org, sessionId: sid, tokenVersion: tv };
      if (typeof exp === 'number') this.remember(token, claims, exp * 1000);
      return claims;
    } catch {
      return null;
    }
  }

  private remember(token: string, claims: AccessClaims, expiresAtMs: number): void {
    // Oldest first: a Map iterates in insertion order.
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, expiresAtMs });
  }

  newRefreshToken(): { token: string; tokenHash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000),
    };
  }
}
