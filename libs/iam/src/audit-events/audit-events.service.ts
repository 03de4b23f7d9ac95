import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Actor,
  AUDIT_TOTAL_EXACT_UP_TO,
  AuditEvent,
  AuditService,
  DomainError,
  estimatedPageOf,
  JobQueues,
  pageOffset,
} from '@health/core';
import { ApiKeyRepository } from '../api-keys/api-key.repository';
import { orgIdOf } from '../auth/current-actor.decorator';
import { UserRepository } from '../users/user.repository';
import { AuditChains } from './audit-chains';
import { AuditVerification } from './audit-verification.entity';
import { RunAuditVerificationJob } from './audit-verification.jobs';
import { AuditVerificationRepository } from './audit-verification.repository';
import {
  AuditEventDto,
  AuditEventPageDto,
  AuditVerificationDto,
  AuditVerificationListDto,
  AuditVerificationRunDto,
  ListAuditEventsQueryDto,
} from './dto/audit-event.dto';

/** How many past verifications the list shows. */
const VERIFICATIONS_LISTED = 20;

/** Reading and verifying the audit log of the caller's organisation (for auditors). */
@Injectable()
export class AuditEventsService {
  constructor(
    private readonly audit: AuditService,
    private readonly chains: AuditChains,
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly verifications: AuditVerificationRepository,
    private readonly queues: JobQueues,
  ) {}

  async list(actor: Actor, query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    const orgIds = await this.chains.of(orgIdOf(actor));
    const [rows, total] = await this.audit.search(
      {
        orgIds,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        action: query.action,
        actorId: query.actorId,
        targetType: query.targetType,
        targetId: query.targetId,
        outcome: query.outcome,
      },
      pageOffset(query),
      query.pageSize,
    );
    const names = await this.actorNames(orgIds, rows);
    return estimatedPageOf(
      rows.map((row) => this.toDto(row, names)),
      total,
      AUDIT_TOTAL_EXACT_UP_TO,
      query,
    );
  }

  /** In the request: fine for small logs; large ones should use `startVerification`. */
  async verify(actor: Actor): Promise<AuditVerificationDto> {
    const result = await this.audit.verify(await this.chains.of(orgIdOf(actor)));
    await this.audit.record({ action: 'audit.verified', outcome: result.valid ? 'success' : 'failure', targetType: 'audit_log' });
    return result;
  }

  /**
   * Queues a verification of the organisation's chains, or answers with the one already queued or
   * running. With Redis down it stays queued and the reconciler enqueues it later.
   */
  async startVerification(actor: Actor): Promise<AuditVerificationRunDto> {
    const { verification, created } = await this.verifications.insertUnlessActive({
      id: randomUUID(),
      orgId: orgIdOf(actor),
      requestedByType: actor.type === 'api_key' ? 'api_key' : 'user',
      requestedBy: actor.id,
    });
    if (created) {
      await this.queues.enqueueIfAvailable(
        RunAuditVerificationJob,
        { verificationId: verification.id },
        { jobId: verification.id },
      );
    }
    return toVerificationDto(verification);
  }

  async getVerification(actor: Actor, id: string): Promise<AuditVerificationRunDto> {
    const verification = await this.verifications.findInOrg(orgIdOf(actor), id);
    if (!verification) throw DomainError.notFound('AUDIT_VERIFICATION_NOT_FOUND', 'Audit verification not found');
    return toVerificationDto(verification);
  }

  async listVerifications(actor: Actor): Promise<AuditVerificationListDto> {
    const latest = await this.verifications.latest(orgIdOf(actor), VERIFICATIONS_LISTED);
    return { items: latest.map(toVerificationDto) };
  }

  private async actorNames(orgIds: (string | null)[], rows: AuditEvent[]): Promise<Map<string, string>> {
    const ids = (type: string) => [...new Set(rows.filter((r) => r.actorType === type && r.actorId).map((r) => r.actorId!))];
    const tenantIds = orgIds.filter((id): id is string => id !== null);
    const [users, keys] = await Promise.all([
      this.users.usernames(tenantIds, ids('user')),
      this.apiKeys.names(tenantIds, ids('api_key')),
    ]);
    return new Map([...users, ...keys]);
  }

  private toDto(row: AuditEvent, names: Map<string, string>): AuditEventDto {
    return {
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      orgId: row.orgId ?? undefined,
      actorType: row.actorType,
      actorId: row.actorId ?? undefined,
      actorName: row.actorId ? names.get(row.actorId) : undefined,
      action: row.action,
      targetType: row.targetType ?? undefined,
      targetId: row.targetId ?? undefined,
      outcome: row.outcome,
      ip: row.ip ?? undefined,
      requestId: row.requestId ?? undefined,
      hash: row.hash,
    };
  }
}

function toVerificationDto(verification: AuditVerification): AuditVerificationRunDto {
  return {
    id: verification.id,
    status: verification.status,
    rowsTotal: Number(verification.rowsTotal),
    checked: Number(verification.checked),
    valid: verification.valid ?? undefined,
    firstBrokenId: verification.firstBrokenId ?? undefined,
    requestedByType: verification.requestedByType,
    requestedBy: verification.requestedBy,
    createdAt: verification.createdAt.toISOString(),
    startedAt: verification.startedAt?.toISOString(),
    finishedAt: verification.finishedAt?.toISOString(),
  };
}
