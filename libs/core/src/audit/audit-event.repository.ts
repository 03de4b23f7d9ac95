import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { HashedFields } from './audit-hash';
import { AuditFilter } from './audit.types';

@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serialises appends to one chain until the surrounding transaction ends, across every process
   * sharing the database, so no two rows ever claim the same predecessor.
   */
  /** Appends to the row's chain (see the `audit_append` migration): lock, previous hash and insert in one call. */
  async append(manager: EntityManager, row: HashedFields, canonicalFields: string, genesisHash: string): Promise<void> {
    await manager.query(`SELECT audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
      row.id,
      row.occurredAt,
      row.orgId,
      row.actorType,
      row.actorId,
      row.action,
      row.targetType,
      row.targetId,
      row.outcome,
      row.ip,
      row.requestId,
      canonicalFields,
      genesisHash,
    ]);
  }

  /** Newest first. */
  async search(filter: AuditFilter, offset: number, limit: number): Promise<[AuditEvent[], number]> {
    const query = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    const orgIds = filter.orgIds.filter((id): id is string => id !== null);
    const platform = filter.orgIds.includes(null);
    query.where(
      new Brackets((q) => {
        q.where(orgIds.length > 0 ? 'e.orgId IN (:...orgIds)' : 'false', { orgIds });
        if (platform) q.orWhere('e.orgId IS NULL');
      }),
    );
    if (filter.from) query.andWhere('e.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurredAt <= :to', { to: filter.to });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) query.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
    if (filter.targetType) query.andWhere('e.targetType = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('e.targetId = :targetId', { targetId: filter.targetId });
    if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    return query.orderBy('e.seq', 'DESC').skip(offset).take(limit).getManyAndCount();
  }

  /** One batch of a chain in append order, after `afterSeq` (exclusive). */
  async chainBatch(orgId: string | null, afterSeq: string, limit: number): Promise<AuditEvent[]> {
    const query = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.seq > :afterSeq', { afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit);
    return this.whereChain(query, orgId).getMany();
  }

  private whereChain<T extends SelectQueryBuilder<AuditEvent>>(query: T, orgId: string | null): T {
    return (orgId === null ? query.andWhere('e.orgId IS NULL') : query.andWhere('e.orgId = :orgId', { orgId })) as T;
  }
}
