import { JobDefinition } from './job-definition';
import { JobHandlers } from './job-handlers';
import { ReconcileSources } from './reconcile-sources';

/** Work kept as a row (an import, a verification) and done by one job per row, under the row's id. */
export interface StoredRun<P> {
  /** The reconciler's name for these rows, e.g. `client-imports`. */
  readonly name: string;
  readonly job: JobDefinition<P>;
  /** The row a payload names, and the payload for a row. */
  idOf(payload: P): string;
  payloadOf(id: string): P;
  /** Does the work (a retry starts it over). */
  run(id: string): Promise<void>;
  /** Marks the row failed: called once the job's last attempt has failed. */
  fail(id: string): Promise<void>;
  /** Rows still queued or running, ordered by id, after `afterId` (null: from the start). */
  unfinishedIds(afterId: string | null, limit: number): Promise<string[]>;
}

/**
 * Handles a stored run's job (the row is marked failed when the last attempt fails) and lets the
 * reconciler re-enqueue rows still unfinished with no job in Redis (accepted while Redis was down,
 * or lost with it). Call from the owning module's `onModuleInit`.
 */
export function registerStoredRun<P>(jobs: JobHandlers, sources: ReconcileSources, stored: StoredRun<P>): void {
  jobs.handle(stored.job, async (payload, { attempt }) => {
    const id = stored.idOf(payload);
    try {
      await stored.run(id);
    } catch (err) {
      if (attempt >= stored.job.attempts) await stored.fail(id);
      throw err;
    }
  });
  sources.register({
    name: stored.name,
    job: stored.job,
    listPending: async (afterId, limit) =>
      (await stored.unfinishedIds(afterId, limit)).map((id) => ({ jobId: id, payload: stored.payloadOf(id) })),
  });
}
