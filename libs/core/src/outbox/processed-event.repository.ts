import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The only place that queries `processed_events`. */
@Injectable()
export class ProcessedEventRepository {
  /**
   * Records that `handler` handles `eventId` in this transaction. False when it already has: a
   * concurrent run waits here for the other transaction and then sees its row.
   */
  async claim(manager: EntityManager, eventId: string, handler: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO processed_events (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [eventId, handler],
    );
    return rows.length === 1;
  }
}
