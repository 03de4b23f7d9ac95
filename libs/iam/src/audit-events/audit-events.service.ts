import { Injectable } from '@nestjs/common';
import { Actor, AUDIT_TOTAL_EXACT_UP_TO, AuditEvent, AuditService, estimatedPageOf, pageOffset } from '@health/core';
import { ApiKeyRepository } from '../api-keys/api-key.repository';
import { orgIdOf } from '../auth/current-actor.decorator';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { UserRepository } from '../users/user.repository';
import { AuditEventDto, AuditEventPageDto, AuditVerificationDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';

/** Reading and verifying the audit log of the caller's organisation (for auditors). */
@Injectable()
export class AuditEventsService {
  constructor(
    private readonly audit: AuditService,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async list(actor: Actor, query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    const orgIds = await this.visibleChains(actor);
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

  async verify(actor: Actor): Promise<AuditVerificationDto> {
    const result = await this.audit.verify(await this.visibleChains(actor));
    await this.audit.record({ action: 'audit.verified', outcome: result.valid ? 'success' : 'failure', targetType: 'audit_log' });
    return result;
  }

  /** Auditors of the platform organisation also answer for the platform chain (events of no organisation). */
  private async visibleChains(actor: Actor): Promise<(string | null)[]> {
    const orgId = orgIdOf(actor);
    const organisation = await this.organisations.findById(orgId);
    return organisation?.isPlatform ? [orgId, null] : [orgId];
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
