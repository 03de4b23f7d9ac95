import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, ReconcileSources, registerStoredRun } from '@health/core';
import { RunAuditVerificationJob } from './audit-verification.jobs';
import { AuditVerificationRepository } from './audit-verification.repository';
import { AuditVerificationRunner } from './audit-verification.runner';

/** Maps the verification job to its runner; see `registerStoredRun`. */
@Injectable()
export class AuditVerificationProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sources: ReconcileSources,
    private readonly runner: AuditVerificationRunner,
    private readonly verifications: AuditVerificationRepository,
  ) {}

  onModuleInit(): void {
    registerStoredRun(this.jobs, this.sources, {
      name: 'audit-verifications',
      job: RunAuditVerificationJob,
      idOf: ({ verificationId }) => verificationId,
      payloadOf: (verificationId) => ({ verificationId }),
      run: (id) => this.runner.run(id),
      fail: (id) => this.runner.fail(id),
      unfinishedIds: (afterId, limit) => this.verifications.unfinishedIds(afterId, limit),
    });
  }
}
