import { Readable } from 'node:stream';
import { assertObjectKey, BlobStore } from './blob-store';
import {
  decryptSpan,
  DEFAULT_CHUNK_SIZE,
  EncryptionTally,
  encryptObject,
  HEADER_READ_BYTES,
  layoutOf,
  ObjectKeyring,
  ObjectLayout,
  parseHeader,
  spanOf,
} from './chunked-encryption';
import {
  ByteRange,
  ObjectInfo,
  ObjectMeta,
  ObjectNotFoundError,
  ObjectRead,
  ObjectStorage,
  StoredObject,
} from './object-storage';

async function* piecesOf(body: Buffer | AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  if (Buffer.isBuffer(body)) yield body;
  else yield* body;
}

/**
 * Object storage that encrypts at rest whatever holds the bytes: content is cut into chunks
 * (64 KiB by default) each sealed with AES-256-GCM, so a range is served by decrypting only the
 * chunks it touches. The header names the data key, so objects written before a key rotation stay
 * readable while `keyring` still holds the old key.
 */
export class EncryptedObjectStorage extends ObjectStorage {
  constructor(
    private readonly blobs: BlobStore,
    private readonly keyring: ObjectKeyring,
    private readonly chunkSize = DEFAULT_CHUNK_SIZE,
  ) {
    super();
  }

  async put(key: string, body: Buffer | AsyncIterable<Buffer>, meta: ObjectMeta): Promise<StoredObject> {
    assertObjectKey(key);
    const tally: EncryptionTally = { size: 0, sha256: '' };
    await this.blobs.write(key, encryptObject(key, piecesOf(body), meta, this.keyring, tally, this.chunkSize));
    return { size: tally.size, sha256: tally.sha256 };
  }

  async get(key: string, range?: ByteRange): Promise<ObjectRead> {
    const layout = await this.layout(key);
    if (!layout) throw new ObjectNotFoundError(key);
    const span = spanOf(layout, range);
    // Fails before any bytes are fetched when the object was written under a key no longer held.
    this.keyring.key(layout.header.keyId);
    const info = { size: layout.plaintextSize, contentType: layout.header.meta.contentType };
    const ciphertext = await this.blobs.readRange(key, span.cipherStart, span.cipherEnd);
    const body = Readable.from(decryptSpan(key, layout, span, this.keyring, ciphertext), { objectMode: false });
    return range ? { ...info, body, range: span.range } : { ...info, body };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const layout = await this.layout(key);
    return layout && { size: layout.plaintextSize, contentType: layout.header.meta.contentType };
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await this.blobs.delete(key);
  }

  private async layout(key: string): Promise<ObjectLayout | null> {
    assertObjectKey(key);
    const prefix = await this.blobs.readPrefix(key, HEADER_READ_BYTES);
    return prefix && layoutOf(parseHeader(prefix.bytes), prefix.totalSize);
  }
}
