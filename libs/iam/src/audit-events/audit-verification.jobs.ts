import { defineJob } from '@health/core';

/** Runs one audit chain verification; the job id is the verification id. */
export const RunAuditVerificationJob = defineJob<{ verificationId: string }>({
  queue: 'audit',
  name: 'verify-audit-chains',
  attempts: 3,
});
