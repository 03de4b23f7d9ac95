import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources } from '@health/core';
import { ExamImportRunner } from './exam-import-runner';
import { ExamImportRepository } from './exam-import.repository';
import { RunExamImportJob } from './exam-imports.jobs';

/**
 * Maps the import job to its runner, and lets the reconciler re-enqueue imports that are queued or
 * running but have no job in Redis (accepted while Redis was down, or lost with it).
 */
@Injectable()
export class ExamImportsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly runner: ExamImportRunner,
    private readonly imports: ExamImportRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(RunExamImportJob, async ({ importId }, { attempt }) => {
      try {
        await this.runner.run(importId);
      } catch (err) {
        if (attempt >= RunExamImportJob.attempts) await this.runner.fail(importId);
        throw err;
      }
    });
    this.sources.register({
      name: 'exam-imports',
      job: RunExamImportJob,
      listPending: async (afterId, limit) =>
        (await this.imports.unfinishedIds(afterId, limit)).map((id) => ({ jobId: id, payload: { importId: id } })),
    });
  }
}
