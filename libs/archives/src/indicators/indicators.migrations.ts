import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indicator dictionary. Rows with `org_id` NULL are the platform dictionary seeded from
 * `indicators.csv`; a row with an `org_id` is that organisation's own indicator or its edited copy
 * of a platform indicator, and hides the platform row of the same code for that organisation only.
 *
 * `revision` takes a new value from one sequence on every write: the largest revision an
 * organisation can see tells every process whether its cached dictionary is still current.
 */
export class IndicatorDictionary1764800000001 implements MigrationInterface {
  name = 'IndicatorDictionary1764800000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE indicator_revision_seq`);
    await db.query(`
      CREATE TABLE indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid REFERENCES organisation (id),
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        version integer NOT NULL CHECK (version > 0),
        definition jsonb NOT NULL,
        revision bigint NOT NULL DEFAULT nextval('indicator_revision_seq'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_scope_code_unique UNIQUE NULLS NOT DISTINCT (org_id, code)
      )`);
    await db.query(`CREATE INDEX indicator_org_revision_idx ON indicator (org_id, revision)`);

    await db.query(`
      CREATE TABLE indicator_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid REFERENCES organisation (id),
        code text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        definition jsonb NOT NULL,
        change_kind text NOT NULL CHECK (change_kind IN ('seed', 'create', 'update')),
        changed_fields text[] NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_version_unique UNIQUE NULLS NOT DISTINCT (org_id, code, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE indicator_version`);
    await db.query(`DROP TABLE indicator`);
    await db.query(`DROP SEQUENCE indicator_revision_seq`);
  }
}

/**
 * An organisation's own indicator can be retired: it keeps its row, versions and observations (codes
 * are never reused) but no longer matches or takes new items. Platform rows are always active.
 */
export class IndicatorStatus1767100000401 implements MigrationInterface {
  name = 'IndicatorStatus1767100000401';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['indicator', 'indicator_version']) {
      await db.query(`
        ALTER TABLE ${table}
          ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator_version DROP COLUMN status`);
    await db.query(`ALTER TABLE indicator DROP COLUMN status`);
  }
}
