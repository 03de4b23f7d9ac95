import { defineJob } from './job-definition';
import { JobHandlers } from './job-handlers';
import { ReconcileSources } from './reconcile-sources';
import { registerStoredRun } from './stored-runs';

const ReportJob = defineJob<{ reportId: string }>({ queue: 'reports', name: 'render-report', attempts: 3 });

function setUp(run: (id: string) => Promise<void>) {
  const jobs = new JobHandlers();
  const sources = new ReconcileSources();
  const failed: string[] = [];
  registerStoredRun(jobs, sources, {
    name: 'reports',
    job: ReportJob,
    idOf: ({ reportId }) => reportId,
    payloadOf: (reportId) => ({ reportId }),
    run,
    fail: async (id) => void failed.push(id),
    unfinishedIds: async (afterId) => (afterId === null ? ['r1', 'r2'] : []),
  });
  const handler = jobs.handlerFor('reports', 'render-report')!;
  return { handler, sources, failed };
}

describe('registerStoredRun', () => {
  it('runs the row the payload names', async () => {
    const ran: string[] = [];
    const { handler, failed } = setUp(async (id) => void ran.push(id));
    await handler({ reportId: 'r7' }, { jobId: 'r7', attempt: 1 });
    expect(ran).toEqual(['r7']);
    expect(failed).toEqual([]);
  });

  it('marks the row failed only when the last attempt fails, and still fails the job', async () => {
    const { handler, failed } = setUp(async () => {
      throw new Error('renderer down');
    });
    await expect(handler({ reportId: 'r7' }, { jobId: 'r7', attempt: 2 })).rejects.toThrow('renderer down');
    expect(failed).toEqual([]);
    await expect(handler({ reportId: 'r7' }, { jobId: 'r7', attempt: 3 })).rejects.toThrow('renderer down');
    expect(failed).toEqual(['r7']);
  });

  it('gives the reconciler the unfinished rows as jobs under their ids', async () => {
    const { sources } = setUp(async () => undefined);
    const [source] = sources.all();
    expect(source.name).toBe('reports');
    await expect(source.listPending(null, 100)).resolves.toEqual([
      { jobId: 'r1', payload: { reportId: 'r1' } },
      { jobId: 'r2', payload: { reportId: 'r2' } },
    ]);
  });
});
