import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Observations: one measured value of one dictionary indicator for one client on one date, in the
 * dictionary's canonical unit, with the verdict and the reference interval that applied when it
 * was stored (later dictionary edits never rewrite history). Exam reports are the main source;
 * follow-up calls (home blood pressure) and questionnaires add rows with their own `source`.
 *
 * `observation_client_code_date_idx` serves a client's history of a few indicators (trends, the
 * year-over-year table) as an index-only range scan, however large the table grows.
 */
export class Observations1764700000001 implements MigrationInterface {
  name = 'Observations1764700000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE observation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        indicator_code text NOT NULL,
        measured_on date NOT NULL,
        value_type text NOT NULL CHECK (value_type IN ('numeric', 'ordinal', 'text')),
        value_num double precision,
        comparator text CHECK (comparator IN ('<', '≤', '>', '≥')),
        value_text text,
        unit text NOT NULL DEFAULT '',
        verdict text NOT NULL CHECK (verdict IN ('normal', 'high', 'low', 'abnormal')),
        reference_low double precision,
        reference_high double precision,
        reference_text text,
        source text NOT NULL CHECK (source IN ('exam-report', 'follow-up', 'survey', 'manual')),
        report_id uuid,
        item_index integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT observation_value_present CHECK (
          (value_type = 'numeric' AND value_num IS NOT NULL) OR (value_type <> 'numeric' AND value_text IS NOT NULL)
        )
      )`);
    await db.query(`
      CREATE INDEX observation_client_code_date_idx
        ON observation (client_id, indicator_code, measured_on)
        INCLUDE (value_num, comparator, verdict, report_id)`);
    await db.query(`CREATE INDEX observation_report_idx ON observation (report_id) WHERE report_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE observation`);
  }
}
