import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { AppConfig, DomainError } from '@health/core';
import {
  checkPassword,
  isPasswordExpired,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PasswordCheckInput,
} from './password-policy';

/** Hashes with argon2id (library defaults: 19 MiB, 2 passes) and applies the configured policy. */
@Injectable()
export class PasswordService {
  /** Verified against when the username is unknown, so both answers take as long. */
  private readonly timingDecoy = hash('timing-decoy-for-unknown-usernames');

  constructor(private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  async spendVerificationTime(password: string): Promise<void> {
    await this.verify(await this.timingDecoy, password);
  }

  isAcceptable(input: PasswordCheckInput): boolean {
    return checkPassword(this.config.passwordPolicy, input).length === 0;
  }

  /** Throws `PASSWORD_POLICY_VIOLATION` listing every broken rule under `field`. */
  assertAcceptable(input: PasswordCheckInput, field: string): void {
    const violations = checkPassword(this.config.passwordPolicy, input);
    if (violations.length === 0) return;
    throw DomainError.badRequest(
      'PASSWORD_POLICY_VIOLATION',
      'The password does not meet the password policy',
      violations.map((v) => ({ field, code: v.code, message: v.message })),
    );
  }

  isExpired(changedAt: Date): boolean {
    return isPasswordExpired(this.config.passwordPolicy, changedAt, this.config.passwordExpiryDays);
  }

  describe() {
    const strict = this.config.passwordPolicy === 'strict';
    return {
      profile: this.config.passwordPolicy,
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
      requiresCharacterClasses: strict,
      expiryDays: strict ? this.config.passwordExpiryDays : undefined,
    };
  }

  /** 20 characters from every class (strict-policy proof), without look-alikes such as 0/O and 1/l. */
  generate(): string {
    const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!#%+-=?@_'];
    const all = classes.join('');
    const chars = classes.map((set) => set[randomInt(set.length)]);
    while (chars.length < 20) chars.push(all[randomInt(all.length)]);
    for (let i = chars.length - 1; i > 0; i -= 1) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.join('');
  }
}
