import { createCipheriv, createDecipheriv, createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs per pool refill. */
const IV_POOL_SIZE = 256;

/** A 32-byte key from its configured form: 64 hex characters or base64. */
export function parseDataKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('a data encryption key must be 32 bytes');
  return key;
}

/** Stable short name of a key, stored with every value it encrypts; reveals nothing about the key. */
export function dataKeyId(key: Buffer): string {
  return createHash('sha256').update('health-field-key-id:').update(key).digest('hex').slice(0, 8);
}

export class FieldDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}

/**
 * Encrypts personal data for storage with AES-256-GCM. A stored value reads
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts): the key id lets values written under an
 * older key still be read after a new key becomes current, so keys can rotate without a big-bang
 * re-encryption. The `context` (e.g. `client.phone`) is authenticated data: a value copied into
 * another column does not decrypt there.
 */
export class FieldCipher {
  /** Key objects made once: handing `createCipheriv` a raw buffer imports the key on every call. */
  private readonly keys = new Map<string, KeyObject>();
  private readonly currentKeyId: string;
  private readonly currentKey: KeyObject;
  /**
   * Random IVs are taken from a pool filled by the CSPRNG, each 12 bytes used once: a synchronous
   * `randomBytes(12)` per value costs more than the encryption itself (a job object per call).
   */
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  /** `current` encrypts; `previous` keys only decrypt values written before a rotation. */
  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('a data encryption key must be 32 bytes');
      this.keys.set(dataKeyId(key), createSecretKey(key));
    }
    this.currentKeyId = dataKeyId(current);
    this.currentKey = this.keys.get(this.currentKeyId)!;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.currentKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      FORMAT,
      this.currentKeyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  decrypt(stored: string, context: string): string {
    const parts = stored.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new FieldDecryptionError('unrecognised encrypted value format');
    const [, keyId, iv, tag, ciphertext] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new FieldDecryptionError(`no data encryption key with id ${keyId}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('encrypted value failed authentication');
    }
  }

  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivPool.length) {
      // A fresh pool, never refilled in place: an IV handed out earlier is not overwritten.
      this.ivPool = randomBytes(IV_BYTES * IV_POOL_SIZE);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  /** Whether a stored value was written under an older key and should be re-encrypted. */
  needsRotation(stored: string): boolean {
    return stored.split(':')[1] !== this.currentKeyId;
  }
}

/** Nest provider: the cipher keyed by `DATA_ENCRYPTION_KEY`. */
@Injectable()
export class ConfiguredFieldCipher extends FieldCipher {
  constructor(config: AppConfig) {
    if (!config.dataEncryptionKey) throw new Error('DATA_ENCRYPTION_KEY is not set');
    super(parseDataKey(config.dataEncryptionKey));
  }
}
