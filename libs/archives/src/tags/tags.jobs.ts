import { defineJob } from '@health/core';

/** Re-evaluates one tag rule version against every client; job id `<tagId>.v<version>`. */
export const TagReevaluationJob = defineJob<{ tagId: string; version: number }>({
  queue: 'tags',
  name: 'reevaluate-rule',
  attempts: 5,
});

export function reevaluationJobId(tagId: string, version: number): string {
  return `${tagId}.v${version}`;
}
