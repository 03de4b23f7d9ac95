import type { Readable } from 'node:stream';

/** Inclusive byte positions, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ObjectMeta {
  contentType: string;
}

/** What `put` learned while storing: the plaintext's length and SHA-256 (hex). */
export interface StoredObject {
  size: number;
  sha256: string;
}

export interface ObjectInfo {
  /** Length of the stored content (the plaintext, not its encrypted form). */
  size: number;
  contentType: string;
}

export interface ObjectRead extends ObjectInfo {
  /** The requested bytes, or all of them without a range. Errors with `ObjectIntegrityError` on tampering. */
  body: Readable;
  /** The bytes `body` holds; absent when the whole object was asked for. */
  range?: ByteRange;
}

export class ObjectNotFoundError extends Error {
  constructor(key: string) {
    super(`no stored object ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

/** The stored bytes do not authenticate: changed, truncated, reordered or written under an unknown key. */
export class ObjectIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObjectIntegrityError';
  }
}

/** A range that starts at or after the end of the object (HTTP 416). */
export class ObjectRangeError extends Error {
  constructor(readonly size: number) {
    super(`range outside an object of ${size} bytes`);
    this.name = 'ObjectRangeError';
  }
}

/**
 * Where large binary content (call recordings) lives, out of the database. Keys are slash-separated
 * paths chosen by the caller (`recordings/<orgId>/<id>`); every implementation encrypts at rest.
 * Also the Nest injection token, provided by `StorageModule`.
 */
export abstract class ObjectStorage {
  /** Stores the content under `key`, replacing what was there; readers never see a partial object. */
  abstract put(key: string, body: Buffer | AsyncIterable<Buffer>, meta: ObjectMeta): Promise<StoredObject>;

  /** Throws `ObjectNotFoundError`, or `ObjectRangeError` when `range.start` is not inside the object. */
  abstract get(key: string, range?: ByteRange): Promise<ObjectRead>;

  /** Size and type, or null when there is no such object. */
  abstract head(key: string): Promise<ObjectInfo | null>;

  /** Removes the object; removing a missing one is not an error. */
  abstract delete(key: string): Promise<void>;
}
