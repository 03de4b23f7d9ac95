import { Injectable, Logger } from '@nestjs/common';
import { defineJob } from './job-definition';
import { JobQueues } from './job-queues';
import { ReconcileSource, ReconcileSources } from './reconcile-sources';
import { describeError } from '../logging/describe-error';

/** The recurring job that runs `Reconciler.reconcileAll` (scheduled by the worker runtime). */
export const ReconcileJob = defineJob<Record<string, never>>({ queue: 'maintenance', name: 'reconcile-jobs', attempts: 1 });

export interface ReconcileResult {
  source: string;
  checked: number;
  reenqueued: number;
}

const PAGE_SIZE = 500;

/**
 * Makes Redis agree with PostgreSQL: for every row a source says should have a job, enqueues the
 * job again (same job id) if Redis does not have it, so flushing or losing Redis loses no work.
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger('Reconciler');

  constructor(
    private readonly sources: ReconcileSources,
    private readonly queues: JobQueues,
  ) {}

  async reconcileAll(): Promise<ReconcileResult[]> {
    const results: ReconcileResult[] = [];
    for (const source of this.sources.all()) {
      try {
        const result = await this.reconcile(source);
        results.push(result);
        if (result.reenqueued > 0) this.logger.log({ msg: 're-enqueued jobs missing from Redis', ...result });
      } catch (err) {
        this.logger.warn({ msg: `reconcile source ${source.name} failed`, error: describeError(err) });
      }
    }
    return results;
  }

  private async reconcile(source: ReconcileSource<unknown>): Promise<ReconcileResult> {
    const result: ReconcileResult = { source: source.name, checked: 0, reenqueued: 0 };
    let after: string | null = null;
    for (;;) {
      const page = await source.listPending(after, PAGE_SIZE);
      if (page.length === 0) return result;
      const missing = new Set(
        await this.queues.missingJobIds(
          source.job,
          page.map((p) => p.jobId),
        ),
      );
      await this.queues.enqueueMany(
        source.job,
        page.filter((p) => missing.has(p.jobId)),
      );
      result.checked += page.length;
      result.reenqueued += missing.size;
      if (page.length < PAGE_SIZE) return result;
      after = page[page.length - 1].jobId;
    }
  }
}
