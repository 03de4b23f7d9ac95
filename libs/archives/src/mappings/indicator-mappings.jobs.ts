import { defineJob } from '@health/core';

/** Re-processes the raw items of a mapping's name in batches; the job id is the mapping id. */
export const ReprocessMappingJob = defineJob<{ mappingId: string }>({
  queue: 'indicator-mappings',
  name: 'reprocess-mapping',
  attempts: 5,
});
