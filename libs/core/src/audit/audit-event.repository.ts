import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { AuditFilter } from './audit.types';

@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serialises appends to one chain until the surrounding transaction ends, across every process
   * sharing the database, so no two rows ever claim the same predecessor.
   */
  async lockChain(manager: EntityManager, orgId: string | null): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('audit_event:' || coalesce($1::text, 'platform')))`, [orgId]);
  }

  async lastHash(manager: EntityManager, orgId: string | null): Promise<string | undefined> {
    const query = manager.createQueryBuilder(AuditEvent, 'e').select('e.hash', 'hash').orderBy('e.seq', 'DESC').limit(1);
    const row = await this.whereChain(query, orgId).getRawOne<{ hash: string }>();
    return row?.hash;
  }

  async insert(manager: EntityManager, event: Omit<AuditEvent, 'seq'>): Promise<void> {
    await manager.insert(AuditEvent, event);
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
