import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources } from '@health/core';
import { IndicatorMappingRepository } from './indicator-mapping.repository';
import { reprocessJobId, ReprocessMappingJob } from './indicator-mappings.jobs';
import { IndicatorMappingsService } from './indicator-mappings.service';

/**
 * Maps the re-processing job to the service, and lets the reconciler re-enqueue the job of each
 * mapping still queued (for its current version) when Redis lost it.
 */
@Injectable()
export class IndicatorMappingsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly mappings: IndicatorMappingsService,
    private readonly repository: IndicatorMappingRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(ReprocessMappingJob, ({ mappingId, version }) => this.mappings.reprocessQueued(mappingId, version));
    this.sources.register({
      name: 'indicator-mappings',
      job: ReprocessMappingJob,
      listPending: async (afterId, limit) =>
        (await this.repository.queued(afterId?.split('.v')[0] ?? null, limit)).map(({ id, version }) => ({
          jobId: reprocessJobId(id, version),
          payload: { mappingId: id, version },
        })),
    });
  }
}
