import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources } from '@health/core';
import { RunAuditVerificationJob } from './audit-verification.jobs';
import { AuditVerificationRepository } from './audit-verification.repository';
import { AuditVerificationRunner } from './audit-verification.runner';

/**
 * Maps the verification job to its runner, and lets the reconciler re-enqueue verifications that
 * are queued or running with no job in Redis (accepted while Redis was down, or lost with it).
 */
@Injectable()
export class AuditVerificationProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly runner: AuditVerificationRunner,
    private readonly verifications: AuditVerificationRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(RunAuditVerificationJob, async ({ verificationId }, { attempt }) => {
      try {
        await this.runner.run(verificationId);
      } catch (err) {
        if (attempt >= RunAuditVerificationJob.attempts) await this.runner.fail(verificationId);
        throw err;
      }
    });
    this.sources.register({
      name: 'audit-verifications',
      job: RunAuditVerificationJob,
      listPending: async (afterId, limit) =>
        (await this.verifications.unfinishedIds(afterId, limit)).map((id) => ({ jobId: id, payload: { verificationId: id } })),
    });
  }
}
