import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk client imports and the outcome of each of their rows. */
export class ClientImports1763900300001 implements MigrationInterface {
  name = 'ClientImports1763900300001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE client_import (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES organisation (id),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        file_name text NOT NULL,
        format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
        columns jsonb NOT NULL,
        total_rows integer NOT NULL CHECK (total_rows >= 0),
        processed_rows integer NOT NULL DEFAULT 0,
        imported_rows integer NOT NULL DEFAULT 0,
        rejected_rows integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES staff_user (id),
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX client_import_org_idx ON client_import (org_id, created_at DESC)`);
    // The reconciler walks unfinished imports only.
    await db.query(`CREATE INDEX client_import_unfinished_idx ON client_import (id) WHERE status IN ('queued', 'running')`);

    await db.query(`
      CREATE TABLE client_import_row (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        import_id uuid NOT NULL REFERENCES client_import (id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        status text NOT NULL CHECK (status IN ('imported', 'rejected')),
        error_code text,
        errors jsonb NOT NULL DEFAULT '[]',
        client_id uuid REFERENCES client (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (import_id, row_number)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE client_import_row`);
    await db.query(`DROP TABLE client_import`);
  }
}
