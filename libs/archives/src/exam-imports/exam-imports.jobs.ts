import { defineJob } from '@health/core';

/** Runs one exam import; the job id is the import id, so it is enqueued at most once at a time. */
export const RunExamImportJob = defineJob<{ importId: string }>({
  queue: 'exam-imports',
  name: 'run-exam-import',
  attempts: 3,
});
