import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Uploaded files waiting for a worker job, under `<dataDir>/<folder>/<id>`, readable by the owner
 * only. They hold personal data in the clear, so callers remove them as soon as their job has ended.
 */
export class UploadStore {
  constructor(
    private readonly dataDir: string,
    private readonly folder: string,
  ) {}

  private path(id: string): string {
    return join(this.dataDir, this.folder, id);
  }

  async write(id: string, content: Buffer): Promise<void> {
    await mkdir(join(this.dataDir, this.folder), { recursive: true, mode: 0o700 });
    await writeFile(this.path(id), content, { mode: 0o600 });
  }

  /** The file, or null when it is gone. */
  async read(id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }
}
