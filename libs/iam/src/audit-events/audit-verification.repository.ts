import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { AuditChainVerification } from '@health/core';
import { AuditVerification, AuditVerificationStatus } from './audit-verification.entity';

export type NewAuditVerification = Pick<AuditVerification, 'id' | 'orgId' | 'requestedByType' | 'requestedBy'>;

const UNFINISHED: AuditVerificationStatus[] = ['queued', 'running'];

/** The only place that queries `audit_verification`. */
@Injectable()
export class AuditVerificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AuditVerification);
  }

  /**
   * A new queued verification, or the organisation's queued or running one if it has one (a unique
   * index keeps it to one): `created` tells which.
   */
  async insertUnlessActive(values: NewAuditVerification): Promise<{ verification: AuditVerification; created: boolean }> {
    for (;;) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO audit_verification (id, org_id, requested_by_type, requested_by, status)
         VALUES ($1, $2, $3, $4, 'queued')
         ON CONFLICT (org_id) WHERE status IN ('queued', 'running') DO NOTHING
         RETURNING id`,
        [values.id, values.orgId, values.requestedByType, values.requestedBy],
      );
      if (inserted.length > 0) return { verification: (await this.findById(values.id))!, created: true };
      const active = await this.repo().findOneBy({ orgId: values.orgId, status: In(UNFINISHED) });
      // The active one finished between the two statements: try again.
      if (active) return { verification: active, created: false };
    }
  }

  findById(id: string): Promise<AuditVerification | null> {
    return this.repo().findOneBy({ id });
  }

  findInOrg(orgId: string, id: string): Promise<AuditVerification | null> {
    return this.repo().findOneBy({ orgId, id });
  }

  latest(orgId: string, limit: number): Promise<AuditVerification[]> {
    return this.repo().find({ where: { orgId }, order: { createdAt: 'DESC' }, take: limit });
  }

  async markRunning(id: string, rowsTotal: number): Promise<void> {
    await this.repo().update(
      { id, status: In(UNFINISHED) },
      { status: 'running', startedAt: new Date(), rowsTotal: String(rowsTotal), checked: '0' },
    );
  }

  async progress(id: string, checked: number): Promise<void> {
    await this.repo().update({ id, status: 'running' }, { checked: String(checked) });
  }

  async complete(manager: EntityManager, id: string, result: AuditChainVerification): Promise<void> {
    await this.repo(manager).update(
      { id },
      {
        status: 'completed',
        checked: String(result.checked),
        valid: result.valid,
        firstBrokenId: result.firstBrokenId ?? null,
        finishedAt: new Date(),
      },
    );
  }

  async fail(id: string): Promise<void> {
    await this.repo().update({ id, status: In(UNFINISHED) }, { status: 'failed', finishedAt: new Date() });
  }

  async unfinishedIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.repo().find({
      select: { id: true },
      where: afterId ? { status: In(UNFINISHED), id: MoreThan(afterId) } : { status: In(UNFINISHED) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }
}
