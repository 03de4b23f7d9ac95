import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources } from '@health/core';
import { TagRepository } from './tag.repository';
import { reevaluationJobId, TagReevaluationJob } from './tags.jobs';
import { TagsService } from './tags.service';

/** Maps the re-evaluation job to the service; the reconciler re-enqueues runs whose job was lost. */
@Injectable()
export class TagsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly tags: TagsService,
    private readonly repository: TagRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(TagReevaluationJob, ({ tagId, version }) => this.tags.runReevaluation(tagId, version));
    this.sources.register({
      name: 'tag-reevaluation',
      job: TagReevaluationJob,
      listPending: async (afterId, limit) =>
        (await this.repository.pendingReevaluations(afterId?.split('.v')[0] ?? null, limit)).map(({ id, version }) => ({
          jobId: reevaluationJobId(id, version),
          payload: { tagId: id, version },
        })),
    });
  }
}
