import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { canonicalAuditFields, HashedFields } from './audit-hash';
import { countUpTo, totalFromLastPage } from '../database/capped-count';
import { queryPrepared } from '../database/prepared-query';
import { AuditFilter } from './audit.types';

/**
 * The audit list's `total` is exact up to this many matching rows; counting every row of a chain on
 * every page took 180 ms at two million rows, and a clinic writes millions a year.
 */
export const AUDIT_TOTAL_EXACT_UP_TO = 10_000;

/** A row as chain verification reads it. */
export type ChainRow = HashedFields & Pick<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

interface RawChainRow {
  id: string;
  seq: string;
  occurred_at: Date;
  org_id: string | null;
  actor_type: AuditEvent['actorType'];
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditEvent['outcome'];
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends rows to their chains in order (see the `audit_append_many` migration: it serialises
   * appends to one chain across processes until the surrounding transaction ends, and computes the
   * hashes). Several rows go in one statement, which is one transaction of its own when `manager`
   * has none.
   */
  async append(manager: EntityManager, rows: readonly HashedFields[], genesisHash: string): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof HashedFields>(key: K) => rows.map((row) => row[key]);
    // Prepared: parsing and planning this statement cost PostgreSQL a third of a batch's CPU.
    await queryPrepared(
      manager,
      'audit_append_many',
      `SELECT audit_append_many($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13)`,
      [
        column('id'),
        column('occurredAt'),
        column('orgId'),
        column('actorType'),
        column('actorId'),
        column('action'),
        column('targetType'),
        column('targetId'),
        column('outcome'),
        column('ip'),
        column('requestId'),
        rows.map(canonicalAuditFields),
        genesisHash,
      ],
    );
  }

  /** Newest first, with the total of matches (exact up to `AUDIT_TOTAL_EXACT_UP_TO`, then estimated). */
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
    const page = await query.clone().orderBy('e.seq', 'DESC').skip(offset).take(limit).getMany();
    return [page, totalFromLastPage(page.length, offset, limit) ?? (await countUpTo(query, AUDIT_TOTAL_EXACT_UP_TO))];
  }

  /** Rows in the given chains (`null`: the platform chain). */
  async countChainRows(orgIds: (string | null)[]): Promise<number> {
    const tenantIds = orgIds.filter((id): id is string => id !== null);
    const [{ count }]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM audit_event WHERE org_id = ANY($1::uuid[]) OR ($2 AND org_id IS NULL)`,
      [tenantIds, orgIds.includes(null)],
    );
    return Number(count);
  }

  /**
   * One batch of a chain in append order, after `afterSeq` (exclusive): the hashed fields, the two
   * hashes and `seq`. Raw rows, not entities: hydrating entities made verification read 20,000 rows
   * a second (a minute per million).
   */
  async chainBatch(orgId: string | null, afterSeq: string, limit: number): Promise<ChainRow[]> {
    const rows: RawChainRow[] = await queryPrepared(
      this.dataSource.manager,
      orgId === null ? 'audit_platform_chain_batch' : 'audit_org_chain_batch',
      `SELECT id, seq::text AS seq, occurred_at, org_id, actor_type, actor_id, action, target_type, target_id, outcome, ip,
              request_id, prev_hash, hash
         FROM audit_event
        WHERE ${orgId === null ? 'org_id IS NULL' : 'org_id = $3'} AND seq > $1
        ORDER BY audit_event.seq -- the column, not the text alias of the same name
        LIMIT $2`,
      orgId === null ? [afterSeq, limit] : [afterSeq, limit, orgId],
    );
    return rows.map((row) => ({
      id: row.id,
      seq: row.seq,
      occurredAt: row.occurred_at,
      orgId: row.org_id,
      actorType: row.actor_type,
      actorId: row.actor_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      outcome: row.outcome,
      ip: row.ip,
      requestId: row.request_id,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
  }
}
