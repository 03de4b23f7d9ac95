import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources } from '@health/core';
import { IndicatorMappingRepository } from './indicator-mapping.repository';
import { ReprocessMappingJob } from './indicator-mappings.jobs';
import { IndicatorMappingsService } from './indicator-mappings.service';

/**
 * Maps the re-processing job to the service, and lets the reconciler re-enqueue mappings still
 * queued whose job is missing from Redis.
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
    this.jobs.handle(ReprocessMappingJob, ({ mappingId }) => this.mappings.reprocessQueued(mappingId));
    this.sources.register({
      name: 'indicator-mappings',
      job: ReprocessMappingJob,
      listPending: async (afterId, limit) =>
        (await this.repository.queuedIds(afterId, limit)).map((id) => ({ jobId: id, payload: { mappingId: id } })),
    });
  }
}
