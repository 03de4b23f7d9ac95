import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources, registerStoredRun } from '@health/core';
import { ClientImportRunner } from './client-import-runner';
import { ClientImportRepository } from './client-import.repository';
import { RunClientImportJob } from './client-imports.jobs';

/** Maps the import job to its runner; see `registerStoredRun`. */
@Injectable()
export class ClientImportsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly runner: ClientImportRunner,
    private readonly imports: ClientImportRepository,
  ) {}

  onModuleInit(): void {
    registerStoredRun(this.jobs, this.sources, {
      name: 'client-imports',
      job: RunClientImportJob,
      idOf: ({ importId }) => importId,
      payloadOf: (importId) => ({ importId }),
      run: (id) => this.runner.run(id),
      fail: (id) => this.runner.fail(id),
      unfinishedIds: (afterId, limit) => this.imports.unfinishedIds(afterId, limit),
    });
  }
}
