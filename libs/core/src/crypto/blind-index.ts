import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/** Width-folded (NFKC), without spaces or dashes, upper-case: `110101 19780402 001x` → `11010119780402001X`. */
export function normaliseForIndex(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/**
 * Keyed hash (HMAC-SHA256, hex) of an encrypted value, so it can be found by exact match without
 * storing it in plain text. The `context` (e.g. `client.id_number`) separates the columns: equal
 * values in different columns get different hashes.
 */
export class BlindIndex {
  /** Imported once: `createHmac` with a raw buffer imports the key on every call. */
  private readonly key: KeyObject;

  constructor(key: Buffer) {
    if (key.length < 32) throw new Error('a blind index key must have at least 32 bytes');
    this.key = createSecretKey(key);
  }

  compute(value: string, context: string): string {
    return this.computeExact(normaliseForIndex(value), context);
  }

  /**
   * The hash of the value exactly as given, for case-sensitive identifiers (WeChat openids) where
   * folding case or dropping dashes would make two different values collide.
   */
  computeExact(value: string, context: string): string {
    return createHmac('sha256', this.key).update(context, 'utf8').update('\0').update(value, 'utf8').digest('hex');
  }
}

/** Nest provider: the blind index keyed by `BLIND_INDEX_KEY`. */
@Injectable()
export class ConfiguredBlindIndex extends BlindIndex {
  constructor(config: AppConfig) {
    if (!config.blindIndexKey) throw new Error('BLIND_INDEX_KEY is not set');
    super(Buffer.from(config.blindIndexKey, 'utf8'));
  }
}
