import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources, registerStoredRun } from '@health/core';
import { ExamImportRunner } from './exam-import-runner';
import { ExamImportRepository } from './exam-import.repository';
import { RunExamImportJob } from './exam-imports.jobs';

/** Maps the import job to its runner; see `registerStoredRun`. */
@Injectable()
export class ExamImportsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly runner: ExamImportRunner,
    private readonly imports: ExamImportRepository,
  ) {}

  onModuleInit(): void {
    registerStoredRun(this.jobs, this.sources, {
      name: 'exam-imports',
      job: RunExamImportJob,
      idOf: ({ importId }) => importId,
      payloadOf: (importId) => ({ importId }),
      run: (id) => this.runner.run(id),
      fail: (id) => this.runner.fail(id),
      unfinishedIds: (afterId, limit) => this.imports.unfinishedIds(afterId, limit),
    });
  }
}
