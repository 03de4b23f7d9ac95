import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Call recordings of follow-up records: one per record (a new upload replaces it). The audio itself
 * is in object storage under `storage_key`, encrypted; this row holds what is needed to serve it.
 * Runs after the follow-ups migrations that create `follow_up_record`.
 */
export class FollowUpRecordings1767000000001 implements MigrationInterface {
  name = 'FollowUpRecordings1767000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE follow_up_recording (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES organisation (id),
        record_id uuid NOT NULL UNIQUE REFERENCES follow_up_record (id),
        storage_key text NOT NULL UNIQUE,
        mime text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        duration_ms integer CHECK (duration_ms >= 0),
        uploaded_by_type text NOT NULL CHECK (uploaded_by_type IN ('user', 'api_key')),
        uploaded_by_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX follow_up_recording_org_idx ON follow_up_recording (org_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE follow_up_recording`);
  }
}

/** Migrations of call recordings, to be listed after those of the follow-ups domain. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RECORDINGS_MIGRATIONS: Function[] = [FollowUpRecordings1767000000001];
