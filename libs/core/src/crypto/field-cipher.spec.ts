import { randomBytes } from 'node:crypto';
import { dataKeyId, FieldCipher, FieldDecryptionError, parseDataKey } from './field-cipher';

describe('FieldCipher', () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);

  it('round-trips a value and never stores it in plain text', () => {
    const stored = cipher.encrypt('110101197804020015', 'client.id_number');
    expect(stored).not.toContain('110101197804020015');
    expect(stored).toMatch(/^v1:[0-9a-f]{8}:[^:]+:[^:]+:[^:]+$/);
    expect(stored.split(':')[1]).toBe(dataKeyId(key));
    expect(cipher.decrypt(stored, 'client.id_number')).toBe('110101197804020015');
  });

  it('uses a fresh IV for every value', () => {
    expect(cipher.encrypt('13800138000', 'client.phone')).not.toBe(cipher.encrypt('13800138000', 'client.phone'));
  });

  it('never repeats an IV across pool refills, and every value still decrypts', () => {
    const values = Array.from({ length: 1000 }, (_, n) => `1390000${String(n).padStart(4, '0')}`);
    const stored = values.map((value) => cipher.encrypt(value, 'client.phone'));
    expect(new Set(stored.map((s) => s.split(':')[2])).size).toBe(values.length);
    expect(stored.map((s) => cipher.decrypt(s, 'client.phone'))).toEqual(values);
  });

  it('refuses a value read under another context or tampered with', () => {
    const stored = cipher.encrypt('13800138000', 'client.phone');
    expect(() => cipher.decrypt(stored, 'client.id_number')).toThrow(FieldDecryptionError);
    const parts = stored.split(':');
    const body = Buffer.from(parts[4], 'base64');
    body[0] ^= 1;
    parts[4] = body.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'), 'client.phone')).toThrow(FieldDecryptionError);
    expect(() => cipher.decrypt('plain text', 'client.phone')).toThrow(FieldDecryptionError);
  });

  it('decrypts values of a previous key after rotation, by key id', () => {
    const old = cipher.encrypt('13800138000', 'client.phone');
    const rotated = new FieldCipher(randomBytes(32), [key]);
    expect(rotated.decrypt(old, 'client.phone')).toBe('13800138000');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('x', 'client.phone'))).toBe(false);
    expect(() => new FieldCipher(randomBytes(32)).decrypt(old, 'client.phone')).toThrow(/no data encryption key/);
  });

  it('parses hex and base64 keys of 32 bytes only', () => {
    expect(parseDataKey(key.toString('hex'))).toEqual(key);
    expect(parseDataKey(key.toString('base64'))).toEqual(key);
    expect(() => parseDataKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
