import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` records: one per organisation, operation and key, with the hash of the request
 * that first used it and, once that request succeeded, its response. Written in the transaction
 * of the change itself, so a key exists exactly when its change does.
 */
export class IdempotencyKeys1764800000002 implements MigrationInterface {
  name = 'IdempotencyKeys1764800000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_key (
        org_id uuid NOT NULL REFERENCES organisation (id),
        operation text NOT NULL,
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, operation, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_key`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const IDEMPOTENCY_MIGRATIONS: Function[] = [IdempotencyKeys1764800000002];
