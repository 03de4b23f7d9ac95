import { Injectable } from '@nestjs/common';
import { JobDefinition } from './job-definition';

export interface PendingJob<P> {
  /** The id of the row; the job is enqueued under it so an existing job is never duplicated. */
  jobId: string;
  payload: P;
  runAt?: Date;
}

/** A kind of database row that should have a job in Redis (pending follow-up tasks, unprocessed events). */
export interface ReconcileSource<P> {
  /** For log lines, e.g. `outbox`. */
  readonly name: string;
  readonly job: JobDefinition<P>;
  /** Rows that should have a job now, ordered by job id, after `afterJobId` (null: from the start). */
  listPending(afterJobId: string | null, limit: number): Promise<PendingJob<P>[]>;
}

/**
 * Every source the reconciler walks. Domain modules register theirs in `onModuleInit`; only the
 * worker runtime runs the reconciler, so registering in the API is harmless.
 */
@Injectable()
export class ReconcileSources {
  private readonly sources: ReconcileSource<unknown>[] = [];

  register<P>(source: ReconcileSource<P>): void {
    if (this.sources.some((s) => s.name === source.name)) throw new Error(`reconcile source ${source.name} is registered twice`);
    this.sources.push(source);
  }

  all(): readonly ReconcileSource<unknown>[] {
    return this.sources;
  }
}
