import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobPrefix, BlobStore } from './blob-store';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** Blobs as files under one directory (`<DATA_DIR>/objects`), readable by the owner only. */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    return join(this.root, ...key.split('/'));
  }

  async write(key: string, content: AsyncIterable<Buffer>): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    // Written beside the target and renamed into place: readers never see half a file.
    const temporary = `${target}.${randomUUID()}.part`;
    try {
      await pipeline(Readable.from(content), createWriteStream(temporary, { mode: 0o600 }));
      await rename(temporary, target);
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  async readPrefix(key: string, length: number): Promise<BlobPrefix | null> {
    let handle;
    try {
      handle = await open(this.path(key), 'r');
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    try {
      const { size } = await handle.stat();
      const bytes = Buffer.alloc(Math.min(length, size));
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
      return { bytes: bytes.subarray(0, bytesRead), totalSize: size };
    } finally {
      await handle.close();
    }
  }

  async readRange(key: string, start: number, end: number): Promise<Readable> {
    return createReadStream(this.path(key), { start, end });
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
