import { defineJob } from '@health/core';

/**
 * Re-processes the stored items a mapping change affects, in batches; job id `<mappingId>.v<version>`
 * (each change has its own job). `version` is absent in jobs queued before mappings had versions.
 */
export const ReprocessMappingJob = defineJob<{ mappingId: string; version?: number }>({
  queue: 'indicator-mappings',
  name: 'reprocess-mapping',
  attempts: 5,
});

export function reprocessJobId(mappingId: string, version: number): string {
  return `${mappingId}.v${version}`;
}
