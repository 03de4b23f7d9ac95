import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain events (`outbox`), written in the transaction of the change that caused them, and the
 * record of which handler has already handled which event (`processed_events`), written in the
 * handler's own transaction so a redelivered event does its work once.
 */
export class CoreOutbox1763700000000 implements MigrationInterface {
  name = 'CoreOutbox1763700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        org_id uuid,
        type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // What the relay polls: small because rows leave it as soon as they are published.
    await db.query(`CREATE INDEX outbox_unpublished_idx ON outbox (created_at, id) WHERE published_at IS NULL`);
    // What the reconciler walks: published events no handler run has finished yet.
    await db.query(`CREATE INDEX outbox_unprocessed_idx ON outbox (id) WHERE published_at IS NOT NULL AND processed_at IS NULL`);
    await db.query(`CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_type, aggregate_id)`);
    await db.query(`
      CREATE TABLE processed_events (
        event_id uuid NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
        handler text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, handler)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE processed_events`);
    await db.query(`DROP TABLE outbox`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const OUTBOX_MIGRATIONS: Function[] = [CoreOutbox1763700000000];
