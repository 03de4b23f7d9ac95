import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@health/core';

/**
 * Uploaded exam import files under `<dataDir>/exam-imports/<import id>`, readable by the owner
 * only. They hold personal data in the clear, so they are kept only until their import has ended.
 */
@Injectable()
export class ExamImportFiles {
  constructor(private readonly config: AppConfig) {}

  private path(importId: string): string {
    return join(this.config.dataDir, 'exam-imports', importId);
  }

  async write(importId: string, content: Buffer): Promise<void> {
    await mkdir(join(this.config.dataDir, 'exam-imports'), { recursive: true, mode: 0o700 });
    await writeFile(this.path(importId), content, { mode: 0o600 });
  }

  async read(importId: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(importId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(importId: string): Promise<void> {
    await rm(this.path(importId), { force: true });
  }
}
