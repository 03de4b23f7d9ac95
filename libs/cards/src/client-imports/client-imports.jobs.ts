import { defineJob } from '@health/core';

/** Runs one client import; the job id is the import id, so it is enqueued at most once at a time. */
export const RunClientImportJob = defineJob<{ importId: string }>({
  queue: 'client-imports',
  name: 'run-client-import',
  attempts: 3,
});
