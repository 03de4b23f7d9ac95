import { Injectable } from '@nestjs/common';
import { AppConfig, UploadStore } from '@health/core';

/** Uploaded client import files under `<dataDir>/imports/<import id>`, kept until their import has finished. */
@Injectable()
export class ClientImportFiles extends UploadStore {
  constructor(config: AppConfig) {
    super(config.dataDir, 'imports');
  }
}
