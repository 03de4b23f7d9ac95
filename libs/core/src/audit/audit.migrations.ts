import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log. Append-only in the database too: a trigger refuses UPDATE, DELETE and TRUNCATE
 * for every role, so neither the application nor an administrator with its credentials can quietly
 * rewrite history (the hash chain catches anyone who bypasses the trigger as superuser).
 */
export class AuditLogInitial1763800000000 implements MigrationInterface {
  name = 'AuditLogInitial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL,
        org_id uuid,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'anonymous')),
        actor_id text,
        action text NOT NULL,
        target_type text,
        target_id text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        ip text,
        request_id text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT audit_event_seq_unique UNIQUE (seq)
      )`);
    await db.query(`CREATE INDEX audit_event_org_seq_idx ON audit_event (org_id, seq)`);
    await db.query(`CREATE INDEX audit_event_platform_seq_idx ON audit_event (seq) WHERE org_id IS NULL`);
    await db.query(`CREATE INDEX audit_event_org_actor_idx ON audit_event (org_id, actor_id)`);
    await db.query(`CREATE INDEX audit_event_org_target_idx ON audit_event (org_id, target_type, target_id)`);
    await db.query(`CREATE INDEX audit_event_org_occurred_idx ON audit_event (org_id, occurred_at)`);
    await db.query(`
      CREATE FUNCTION audit_event_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_reject_change()`);
    await db.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_reject_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP FUNCTION audit_event_reject_change()`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const AUDIT_MIGRATIONS: Function[] = [AuditLogInitial1763800000000];
