import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exam reports as senders send them: the report (one per organisation, source and external id),
 * every item exactly as printed with what it was mapped to, and the organisation's own item
 * mappings. Mapped items become rows of `observation` (report_id, item_index); unmapped ones stay
 * raw until a mapping re-processes them.
 */
export class ExamReports1764800000003 implements MigrationInterface {
  name = 'ExamReports1764800000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE exam_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        source text NOT NULL,
        external_id text NOT NULL,
        exam_date date NOT NULL,
        institution text,
        conclusions text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('processed', 'needs_mapping')),
        content_hash char(64) NOT NULL,
        item_count integer NOT NULL,
        unmapped_count integer NOT NULL,
        abnormal_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT exam_report_source_external_unique UNIQUE (org_id, source, external_id)
      )`);
    await db.query(`CREATE INDEX exam_report_org_date_idx ON exam_report (org_id, exam_date DESC, id)`);
    await db.query(`CREATE INDEX exam_report_client_date_idx ON exam_report (client_id, exam_date DESC)`);
    await db.query(`CREATE INDEX exam_report_needs_mapping_idx ON exam_report (org_id) WHERE status = 'needs_mapping'`);

    await db.query(`
      CREATE TABLE exam_report_item (
        report_id uuid NOT NULL REFERENCES exam_report (id),
        item_index integer NOT NULL CHECK (item_index >= 0),
        org_id uuid NOT NULL REFERENCES organisation (id),
        source text NOT NULL,
        name text NOT NULL,
        name_key text NOT NULL,
        category text,
        sender_code text,
        value text NOT NULL,
        unit text,
        reference_range text,
        flag text,
        status text NOT NULL CHECK (status IN ('mapped', 'unmapped', 'text_only')),
        code text,
        problem text,
        PRIMARY KEY (report_id, item_index),
        CONSTRAINT exam_report_item_code_present CHECK ((status = 'mapped') = (code IS NOT NULL))
      )`);
    await db.query(`
      CREATE INDEX exam_report_item_unmapped_idx ON exam_report_item (org_id, source, name_key) WHERE status = 'unmapped'`);

    await db.query(`
      ALTER TABLE observation
        ADD CONSTRAINT observation_report_fk FOREIGN KEY (report_id) REFERENCES exam_report (id)`);

    await db.query(`
      CREATE TABLE indicator_mapping (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        source text NOT NULL,
        name text NOT NULL,
        name_key text NOT NULL,
        category_context text NOT NULL DEFAULT '',
        code text,
        text_only boolean NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_mapping_target CHECK (text_only = (code IS NULL)),
        CONSTRAINT indicator_mapping_unique UNIQUE (org_id, source, name_key, category_context)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE indicator_mapping`);
    await db.query(`ALTER TABLE observation DROP CONSTRAINT observation_report_fk`);
    await db.query(`DROP TABLE exam_report_item`);
    await db.query(`DROP TABLE exam_report`);
  }
}
