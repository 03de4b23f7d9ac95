import type { Readable } from 'node:stream';

/** The first bytes of a stored blob and the blob's whole length. */
export interface BlobPrefix {
  bytes: Buffer;
  totalSize: number;
}

/**
 * Moves opaque bytes to and from one place (a directory, a bucket). It never sees plaintext:
 * `EncryptedObjectStorage` encrypts before writing and authenticates after reading.
 */
export interface BlobStore {
  /** Stores the whole content under `key`; a reader sees either the old blob or the complete new one. */
  write(key: string, content: AsyncIterable<Buffer>): Promise<void>;
  /** Up to `length` bytes from the start, or null when there is no such blob. */
  readPrefix(key: string, length: number): Promise<BlobPrefix | null>;
  /** Bytes `start` to `end` inclusive; the caller asks only for positions inside the blob. */
  readRange(key: string, start: number, end: number): Promise<Readable>;
  delete(key: string): Promise<void>;
}

/** Object keys are relative slash paths of safe characters: no `..`, no leading slash, no empty segment. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function assertObjectKey(key: string): void {
  if (key.length > 512 || !KEY.test(key)) throw new Error(`invalid object key: ${JSON.stringify(key)}`);
}
