import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { dataKeyId } from '../crypto/field-cipher';
import { ByteRange, ObjectIntegrityError, ObjectMeta, ObjectRangeError } from './object-storage';

const MAGIC = Buffer.from('HPOB', 'ascii');
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IV and tag around every chunk's ciphertext. */
export const CHUNK_OVERHEAD = IV_BYTES + TAG_BYTES;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
const SALT_BYTES = 16;
const MAX_META_BYTES = 2048;
/** Enough to hold any header: readers fetch this many bytes first. */
export const HEADER_READ_BYTES = 4096;

/**
 * The data keys storage can use: the current one encrypts, previous ones still decrypt objects
 * written before a rotation. Ids are the same short key ids `FieldCipher` stores.
 */
export class ObjectKeyring {
  private readonly keys = new Map<string, Buffer>();
  readonly currentId: string;

  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('a data encryption key must be 32 bytes');
      this.keys.set(dataKeyId(key), key);
    }
    this.currentId = dataKeyId(current);
  }

  key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new ObjectIntegrityError(`no data encryption key with id ${id}`);
    return key;
  }
}

export interface ObjectHeader {
  keyId: string;
  chunkSize: number;
  meta: ObjectMeta;
  /** The header's bytes as stored: authenticated as part of every chunk. */
  raw: Buffer;
}

/** Where the chunks of one stored object lie, derived from its header and total length. */
export interface ObjectLayout {
  header: ObjectHeader;
  chunkCount: number;
  plaintextSize: number;
  /** Length of the last chunk's record (IV, ciphertext, tag). */
  lastRecordSize: number;
}

export function buildHeader(keyId: string, chunkSize: number, meta: ObjectMeta): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  if (metaBytes.length > MAX_META_BYTES) throw new Error('object metadata is too large');
  const fixed = Buffer.alloc(6);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt8(VERSION, 4);
  fixed.writeUInt8(id.length, 5);
  const sizes = Buffer.alloc(4);
  sizes.writeUInt32BE(chunkSize);
  const metaLength = Buffer.alloc(2);
  metaLength.writeUInt16BE(metaBytes.length);
  return Buffer.concat([fixed, id, sizes, randomBytes(SALT_BYTES), metaLength, metaBytes]);
}

export function parseHeader(bytes: Buffer): ObjectHeader {
  const corrupt = () => new ObjectIntegrityError('stored object has no valid header');
  if (bytes.length < 6 || !bytes.subarray(0, 4).equals(MAGIC) || bytes.readUInt8(4) !== VERSION) throw corrupt();
  const idLength = bytes.readUInt8(5);
  const metaAt = 6 + idLength + 4 + SALT_BYTES;
  if (bytes.length < metaAt + 2) throw corrupt();
  const metaLength = bytes.readUInt16BE(metaAt);
  const end = metaAt + 2 + metaLength;
  if (bytes.length < end) throw corrupt();
  const chunkSize = bytes.readUInt32BE(6 + idLength);
  let meta: ObjectMeta;
  try {
    meta = JSON.parse(bytes.subarray(metaAt + 2, end).toString('utf8')) as ObjectMeta;
  } catch {
    throw corrupt();
  }
  if (chunkSize < 1 || typeof meta?.contentType !== 'string') throw corrupt();
  return { keyId: bytes.subarray(6, 6 + idLength).toString('ascii'), chunkSize, meta, raw: bytes.subarray(0, end) };
}

export function layoutOf(header: ObjectHeader, totalSize: number): ObjectLayout {
  const recordSize = header.chunkSize + CHUNK_OVERHEAD;
  const body = totalSize - header.raw.length;
  // Even empty content has one (empty) final chunk, so cutting a file down to its header is detected.
  if (body < CHUNK_OVERHEAD) throw new ObjectIntegrityError('stored object is truncated');
  const chunkCount = Math.ceil(body / recordSize);
  const lastRecordSize = body - (chunkCount - 1) * recordSize;
  if (lastRecordSize < CHUNK_OVERHEAD) throw new ObjectIntegrityError('stored object is truncated');
  return { header, chunkCount, plaintextSize: body - chunkCount * CHUNK_OVERHEAD, lastRecordSize };
}

/** Binds each chunk to its object (key and header, which holds a random salt), position and finality. */
function chunkAad(headerDigest: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(headerDigest.length + 9);
  headerDigest.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), headerDigest.length);
  aad.writeUInt8(final ? 1 : 0, headerDigest.length + 8);
  return aad;
}

function headerDigest(objectKey: string, header: Buffer): Buffer {
  return createHash('sha256').update('hp-object-v1\0').update(objectKey).update('\0').update(header).digest();
}

function sealChunk(key: Buffer, digest: Buffer, index: number, final: boolean, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(chunkAad(digest, index, final));
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function openChunk(key: Buffer, digest: Buffer, index: number, final: boolean, record: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, record.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(chunkAad(digest, index, final));
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    return Buffer.concat([decipher.update(record.subarray(IV_BYTES, record.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ObjectIntegrityError(`chunk ${index} of the stored object failed authentication`);
  }
}

export interface EncryptionTally {
  size: number;
  sha256: string;
}

/**
 * The stored form of `content`: the header, then chunks of `chunkSize` plaintext bytes, each
 * `IV ‖ AES-256-GCM ciphertext ‖ tag`. `tally` holds the plaintext's size and SHA-256 once the
 * generator has finished.
 */
export async function* encryptObject(
  objectKey: string,
  content: AsyncIterable<Buffer>,
  meta: ObjectMeta,
  keyring: ObjectKeyring,
  tally: EncryptionTally,
  chunkSize = DEFAULT_CHUNK_SIZE,
): AsyncGenerator<Buffer> {
  const header = buildHeader(keyring.currentId, chunkSize, meta);
  const digest = headerDigest(objectKey, header);
  const key = keyring.key(keyring.currentId);
  const hash = createHash('sha256');
  yield header;
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  let size = 0;
  for await (const piece of content) {
    hash.update(piece);
    size += piece.length;
    pending = pending.length === 0 ? piece : Buffer.concat([pending, piece]);
    // A chunk is sealed as non-final only once more bytes are known to follow it.
    while (pending.length > chunkSize) {
      yield sealChunk(key, digest, index++, false, pending.subarray(0, chunkSize));
      pending = pending.subarray(chunkSize);
    }
  }
  yield sealChunk(key, digest, index, true, pending);
  tally.size = size;
  tally.sha256 = hash.digest('hex');
}

/** The chunks covering `range` and the ciphertext bytes (absolute positions) that hold them. */
export interface ChunkSpan {
  range: ByteRange;
  firstChunk: number;
  lastChunk: number;
  cipherStart: number;
  cipherEnd: number;
}

/** Clamps `range` to the object (throwing `ObjectRangeError` when it starts outside) and finds its chunks. */
export function spanOf(layout: ObjectLayout, range?: ByteRange): ChunkSpan {
  const size = layout.plaintextSize;
  const { chunkSize } = layout.header;
  const recordSize = chunkSize + CHUNK_OVERHEAD;
  let wanted: ByteRange;
  if (range) {
    if (range.start < 0 || range.start >= size || range.end < range.start) throw new ObjectRangeError(size);
    wanted = { start: range.start, end: Math.min(range.end, size - 1) };
  } else {
    wanted = { start: 0, end: size - 1 };
  }
  const firstChunk = range ? Math.floor(wanted.start / chunkSize) : 0;
  const lastChunk = range ? Math.floor(wanted.end / chunkSize) : layout.chunkCount - 1;
  const headerSize = layout.header.raw.length;
  const lastRecord = lastChunk === layout.chunkCount - 1 ? layout.lastRecordSize : recordSize;
  return {
    range: wanted,
    firstChunk,
    lastChunk,
    cipherStart: headerSize + firstChunk * recordSize,
    cipherEnd: headerSize + lastChunk * recordSize + lastRecord - 1,
  };
}

/**
 * Decrypts the ciphertext of `span` as it arrives and yields only the wanted plaintext bytes.
 * Each chunk is authenticated before any of its bytes are released.
 */
export async function* decryptSpan(
  objectKey: string,
  layout: ObjectLayout,
  span: ChunkSpan,
  keyring: ObjectKeyring,
  ciphertext: AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  const key = keyring.key(layout.header.keyId);
  const digest = headerDigest(objectKey, layout.header.raw);
  const { chunkSize } = layout.header;
  const recordSize = chunkSize + CHUNK_OVERHEAD;
  let index = span.firstChunk;
  let pending: Buffer = Buffer.alloc(0);
  const expected = (i: number) => (i === layout.chunkCount - 1 ? layout.lastRecordSize : recordSize);

  const release = (plaintext: Buffer, i: number): Buffer => {
    const from = Math.max(span.range.start - i * chunkSize, 0);
    const to = Math.min(span.range.end - i * chunkSize + 1, plaintext.length);
    return plaintext.subarray(from, Math.max(from, to));
  };

  for await (const piece of ciphertext) {
    pending = pending.length === 0 ? piece : Buffer.concat([pending, piece]);
    while (index <= span.lastChunk && pending.length >= expected(index)) {
      const size = expected(index);
      const plaintext = openChunk(key, digest, index, index === layout.chunkCount - 1, pending.subarray(0, size));
      pending = pending.subarray(size);
      const out = release(plaintext, index);
      if (out.length > 0) yield out;
      index += 1;
    }
  }
  if (index <= span.lastChunk) throw new ObjectIntegrityError('stored object ended early');
}
