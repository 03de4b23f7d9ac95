import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { CHUNK_OVERHEAD, DEFAULT_CHUNK_SIZE, ObjectKeyring } from './chunked-encryption';
import { EncryptedObjectStorage } from './encrypted-object-storage';
import { LocalBlobStore } from './local-blob-store';
import { ObjectIntegrityError, ObjectNotFoundError, ObjectRangeError } from './object-storage';

async function bytesOf(body: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of body) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

async function* inPieces(content: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < content.length; at += size) yield content.subarray(at, at + size);
}

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const AUDIO = { contentType: 'audio/mpeg' };

describe('EncryptedObjectStorage on the local disk', () => {
  let root: string;
  let storage: EncryptedObjectStorage;
  const fileOf = (key: string) => join(root, ...key.split('/'));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hp-objects-'));
    storage = new EncryptedObjectStorage(new LocalBlobStore(root), new ObjectKeyring(KEY_A));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('round-trips content streamed in odd pieces, reports its size and sha256, and keeps no plaintext on disk', async () => {
    const content = randomBytes(3 * DEFAULT_CHUNK_SIZE + 1234);
    const stored = await storage.put('recordings/org/a', inPieces(content, 10_007), AUDIO);
    expect(stored.size).toBe(content.length);
    expect(stored.sha256).toBe(createHash('sha256').update(content).digest('hex'));

    const read = await storage.get('recordings/org/a');
    expect(read).toMatchObject({ size: content.length, contentType: 'audio/mpeg' });
    expect(read.range).toBeUndefined();
    expect((await bytesOf(read.body)).equals(content)).toBe(true);

    const onDisk = readFileSync(fileOf('recordings/org/a'));
    expect(onDisk.length).toBeGreaterThan(content.length + 4 * CHUNK_OVERHEAD);
    expect(onDisk.includes(content.subarray(5000, 5032))).toBe(false);
    expect(statSync(fileOf('recordings/org/a')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(root, 'recordings/org'))).toEqual(['a']);
    expect(await storage.head('recordings/org/a')).toEqual({ size: content.length, contentType: 'audio/mpeg' });
  });

  it('serves ranges inside one chunk, across chunk borders and up to the end', async () => {
    const small = new EncryptedObjectStorage(new LocalBlobStore(root), new ObjectKeyring(KEY_A), 16);
    const content = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    await small.put('r', content, AUDIO);
    for (const [start, end] of [
      [0, 0],
      [3, 9],
      [15, 16],
      [10, 50],
      [31, 32],
      [95, 99],
      [0, 99],
    ]) {
      const read = await small.get('r', { start, end });
      expect(read.range).toEqual({ start, end });
      expect([...(await bytesOf(read.body))]).toEqual([...content.subarray(start, end + 1)]);
    }
    const pastEnd = await small.get('r', { start: 90, end: 5000 });
    expect(pastEnd.range).toEqual({ start: 90, end: 99 });
    expect((await bytesOf(pastEnd.body)).equals(content.subarray(90))).toBe(true);

    const big = randomBytes(2 * DEFAULT_CHUNK_SIZE + 10);
    await storage.put('big', big, AUDIO);
    const border = await storage.get('big', { start: DEFAULT_CHUNK_SIZE - 5, end: DEFAULT_CHUNK_SIZE + 4 });
    expect((await bytesOf(border.body)).equals(big.subarray(DEFAULT_CHUNK_SIZE - 5, DEFAULT_CHUNK_SIZE + 5))).toBe(true);
  });

  it('refuses ranges that start outside the object and answers not-found for a missing key', async () => {
    await storage.put('r', Buffer.from('0123456789'), AUDIO);
    await expect(storage.get('r', { start: 10, end: 12 })).rejects.toThrow(ObjectRangeError);
    await expect(storage.get('r', { start: 5, end: 4 })).rejects.toThrow(ObjectRangeError);
    await expect(storage.get('missing')).rejects.toThrow(ObjectNotFoundError);
    expect(await storage.head('missing')).toBeNull();
    await expect(storage.get('../etc/passwd')).rejects.toThrow(/invalid object key/);
  });

  it('stores empty content and still authenticates it', async () => {
    const stored = await storage.put('empty', Buffer.alloc(0), AUDIO);
    expect(stored.size).toBe(0);
    expect((await bytesOf((await storage.get('empty')).body)).length).toBe(0);
    await expect(storage.get('empty', { start: 0, end: 0 })).rejects.toThrow(ObjectRangeError);
  });

  describe('tampering', () => {
    const content = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    let small: EncryptedObjectStorage;
    beforeEach(async () => {
      small = new EncryptedObjectStorage(new LocalBlobStore(root), new ObjectKeyring(KEY_A), 16);
      await small.put('t', content, AUDIO);
    });
    const rewrite = (change: (bytes: Buffer) => Buffer) => writeFileSync(fileOf('t'), change(readFileSync(fileOf('t'))));
    const readAll = async (key = 't') => bytesOf((await small.get(key)).body);

    it('detects a flipped ciphertext bit, also in a ranged read of that chunk', async () => {
      rewrite((b) => {
        b[b.length - 20] ^= 0x01;
        return b;
      });
      await expect(readAll()).rejects.toThrow(ObjectIntegrityError);
      await expect(bytesOf((await small.get('t', { start: 96, end: 99 })).body)).rejects.toThrow(ObjectIntegrityError);
      expect((await bytesOf((await small.get('t', { start: 0, end: 15 })).body)).equals(content.subarray(0, 16))).toBe(true);
    });

    it('detects a changed header (the content type is authenticated)', async () => {
      rewrite((b) => Buffer.from(b.toString('latin1').replace('audio/mpeg', 'audio/mpeG'), 'latin1'));
      await expect(readAll()).rejects.toThrow(ObjectIntegrityError);
    });

    it('detects a whole chunk cut off the end, and swapped chunks', async () => {
      const record = 16 + CHUNK_OVERHEAD;
      rewrite((b) => b.subarray(0, b.length - (4 + CHUNK_OVERHEAD)));
      await expect(readAll()).rejects.toThrow(ObjectIntegrityError);

      await small.put('t', content, AUDIO);
      rewrite((b) => {
        const header = b.length - (6 * record + 4 + CHUNK_OVERHEAD);
        const first = Buffer.from(b.subarray(header, header + record));
        b.copy(b, header, header + record, header + 2 * record);
        first.copy(b, header + record);
        return b;
      });
      await expect(readAll()).rejects.toThrow(ObjectIntegrityError);
    });

    it('does not decrypt an object copied under another key', async () => {
      writeFileSync(fileOf('copy'), readFileSync(fileOf('t')));
      await expect(readAll('copy')).rejects.toThrow(ObjectIntegrityError);
    });
  });

  it('reads objects written under a previous key after rotation and writes new ones under the current key', async () => {
    await storage.put('old', Buffer.from('before rotation'), AUDIO);
    const rotated = new EncryptedObjectStorage(new LocalBlobStore(root), new ObjectKeyring(KEY_B, [KEY_A]));
    expect((await bytesOf((await rotated.get('old')).body)).toString()).toBe('before rotation');

    await rotated.put('new', Buffer.from('after rotation'), AUDIO);
    const withoutOldKey = new EncryptedObjectStorage(new LocalBlobStore(root), new ObjectKeyring(KEY_B));
    expect((await bytesOf((await withoutOldKey.get('new')).body)).toString()).toBe('after rotation');
    await expect(withoutOldKey.get('old')).rejects.toThrow(/no data encryption key with id/);
    await expect(storage.get('new')).rejects.toThrow(ObjectIntegrityError);
  });

  it('deletes, and deleting twice is fine', async () => {
    await storage.put('d', Buffer.from('x'), AUDIO);
    await storage.delete('d');
    await storage.delete('d');
    expect(await storage.head('d')).toBeNull();
  });
});
