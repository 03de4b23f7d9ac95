import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources } from '@health/core';
import { ClientImportRunner } from './client-import-runner';
import { ClientImportRepository } from './client-import.repository';
import { RunClientImportJob } from './client-imports.jobs';

/**
 * Maps the import job to its runner, and lets the reconciler re-enqueue imports that are queued or
 * running but have no job in Redis (accepted while Redis was down, or lost with it).
 */
@Injectable()
export class ClientImportsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly runner: ClientImportRunner,
    private readonly imports: ClientImportRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(RunClientImportJob, async ({ importId }, { attempt }) => {
      try {
        await this.runner.run(importId);
      } catch (err) {
        if (attempt >= RunClientImportJob.attempts) await this.runner.fail(importId);
        throw err;
      }
    });
    this.sources.register({
      name: 'client-imports',
      job: RunClientImportJob,
      listPending: async (afterId, limit) =>
        (await this.imports.unfinishedIds(afterId, limit)).map((id) => ({ jobId: id, payload: { importId: id } })),
    });
  }
}
