import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';

export type NewOutboxRow = Pick<OutboxEvent, 'id' | 'orgId' | 'type' | 'aggregateType' | 'aggregateId' | 'payload'>;

const LAST_ERROR_MAX_LENGTH = 2000;

/** The only place that queries the `outbox` table. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: NewOutboxRow): Promise<void> {
    await manager.query(
      `INSERT INTO outbox (id, org_id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.orgId, row.type, row.aggregateType, row.aggregateId, JSON.stringify(row.payload)],
    );
  }

  /**
   * Locks the oldest unpublished events for this transaction. Rows another relay has locked are
   * skipped, so any number of relays share the work without waiting on each other.
   */
  async lockUnpublished(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(OutboxEvent, 'e')
      .select('e.id', 'id')
      .where('e.publishedAt IS NULL')
      .orderBy('e.createdAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ publishedAt: () => 'now()' })
      .whereInIds(ids)
      .execute();
  }

  async findById(id: string): Promise<OutboxEvent | null> {
    return this.dataSource.getRepository(OutboxEvent).findOneBy({ id });
  }

  async markProcessed(id: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ processedAt: () => 'now()', lastError: null })
      .where({ id, processedAt: IsNull() })
      .execute();
  }

  async recordFailure(id: string, error: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ attempts: () => 'attempts + 1', lastError: error.slice(0, LAST_ERROR_MAX_LENGTH) })
      .where({ id })
      .execute();
  }

  /** Published events not yet fully handled, by id, after `afterId`: the reconciler's work list. */
  async listUnprocessed(afterId: string | null, limit: number): Promise<string[]> {
    const query = this.dataSource
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .select('e.id', 'id')
      .where('e.publishedAt IS NOT NULL')
      .andWhere('e.processedAt IS NULL')
      .orderBy('e.id', 'ASC')
      .limit(limit);
    if (afterId) query.andWhere('e.id > :afterId', { afterId });
    const rows = await query.getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}
