import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@health/core';
import { AuditChains } from './audit-chains';
import { AuditVerificationRepository } from './audit-verification.repository';

/** How often a running verification writes how far it got. */
const PROGRESS_EVERY_MS = 1000;

/** Recomputes an organisation's audit chains for one verification, recording progress and the result. */
@Injectable()
export class AuditVerificationRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifications: AuditVerificationRepository,
    private readonly chains: AuditChains,
    private readonly audit: AuditService,
  ) {}

  /** Runs it from the start (a retried job starts over); does nothing for a finished one. */
  async run(id: string): Promise<void> {
    const verification = await this.verifications.findById(id);
    if (!verification || verification.status === 'completed' || verification.status === 'failed') return;
    const chains = await this.chains.of(verification.orgId);
    await this.verifications.markRunning(id, await this.audit.countChainRows(chains));
    let reportedAt = Date.now();
    const result = await this.audit.verify(chains, async (checked) => {
      if (Date.now() - reportedAt < PROGRESS_EVERY_MS) return;
      reportedAt = Date.now();
      await this.verifications.progress(id, checked);
    });
    // The result and its audit row together: a retry after a crash between them would find the
    // verification completed and never write the row.
    await this.dataSource.transaction(async (manager) => {
      await this.verifications.complete(manager, id, result);
      await this.audit.record(
        {
          action: 'audit.verified',
          outcome: result.valid ? 'success' : 'failure',
          targetType: 'audit_verification',
          targetId: id,
          orgId: verification.orgId,
          actor: { type: verification.requestedByType, id: verification.requestedBy },
        },
        manager,
      );
    });
  }

  async fail(id: string): Promise<void> {
    await this.verifications.fail(id);
  }
}
