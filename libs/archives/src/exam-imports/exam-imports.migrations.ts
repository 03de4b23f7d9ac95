import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk exam imports (.xlsx/.csv, one row per item): the import with its progress, and one row per
 * report found in the file (rows grouped by source and external id) with its outcome. A report
 * with a recorded outcome is never sent again, so a retried job continues where it stopped.
 */
export class ExamImports1764800000004 implements MigrationInterface {
  name = 'ExamImports1764800000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE exam_import (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES organisation (id),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        file_name text NOT NULL,
        format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
        total_rows integer NOT NULL,
        total_reports integer NOT NULL,
        processed_reports integer NOT NULL DEFAULT 0,
        accepted_reports integer NOT NULL DEFAULT 0,
        rejected_reports integer NOT NULL DEFAULT 0,
        created_by text NOT NULL,
        created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'api_key')),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX exam_import_org_created_idx ON exam_import (org_id, created_at DESC)`);
    await db.query(`CREATE INDEX exam_import_unfinished_idx ON exam_import (id) WHERE status IN ('queued', 'running')`);

    await db.query(`
      CREATE TABLE exam_import_report (
        import_id uuid NOT NULL REFERENCES exam_import (id),
        group_index integer NOT NULL,
        source text NOT NULL,
        external_id text NOT NULL,
        row_numbers integer[] NOT NULL,
        status text NOT NULL CHECK (status IN ('accepted', 'rejected')),
        report_id uuid REFERENCES exam_report (id),
        error_code text,
        errors jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (import_id, group_index)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE exam_import_report`);
    await db.query(`DROP TABLE exam_import`);
  }
}
