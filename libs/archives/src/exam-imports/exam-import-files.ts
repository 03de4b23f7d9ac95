import { Injectable } from '@nestjs/common';
import { AppConfig, UploadStore } from '@health/core';

/** Uploaded exam import files under `<dataDir>/exam-imports/<import id>`, kept until their import has ended. */
@Injectable()
export class ExamImportFiles extends UploadStore {
  constructor(config: AppConfig) {
    super(config.dataDir, 'exam-imports');
  }
}
