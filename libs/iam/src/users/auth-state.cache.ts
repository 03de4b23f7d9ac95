import { Injectable } from '@nestjs/common';
import type { UserAuthState } from './user.repository';

/** Longest a user's auth state read from the database is reused by this process. */
export const AUTH_STATE_TTL_MS = 1000;

/** Above this many entries, expired ones are dropped when a new one is stored. */
const PRUNE_ABOVE = 10_000;

interface Entry {
  state: UserAuthState | null;
  expiresAt: number;
}

/**
 * Every authenticated request needs its user's state (status, token version, organisation status,
 * permissions). Reading it costs a database round trip, so a state read is reused for at most
 * `AUTH_STATE_TTL_MS`. The repositories that change any part of it call `forget` / `forgetAll`, so
 * the process that disables a user, resets a password or edits a role sees the change on the next
 * request; other API processes see it within `AUTH_STATE_TTL_MS`.
 */
@Injectable()
export class AuthStateCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget: a read that began before it must not store what it read. */
  private generation = 0;

  async get(userId: string, read: (userId: string) => Promise<UserAuthState | null>): Promise<UserAuthState | null> {
    const now = Date.now();
    const cached = this.entries.get(userId);
    if (cached && cached.expiresAt > now) return cached.state;
    const generation = this.generation;
    const state = await read(userId);
    if (generation === this.generation) this.store(userId, state, now);
    return state;
  }

  forget(userId: string): void {
    this.generation += 1;
    this.entries.delete(userId);
  }

  /** A role or an organisation changed: it may concern any user. */
  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private store(userId: string, state: UserAuthState | null, now: number): void {
    if (this.entries.size >= PRUNE_ABOVE) {
      for (const [id, old] of this.entries) if (old.expiresAt <= now) this.entries.delete(id);
    }
    this.entries.set(userId, { state, expiresAt: now + AUTH_STATE_TTL_MS });
  }
}
