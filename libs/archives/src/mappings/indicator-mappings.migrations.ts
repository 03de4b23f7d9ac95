import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-processing state of a mapping: `done` when its raw items were re-processed with it (in the
 * request, for few items), `queued` while a worker job still works through many.
 */
export class MappingReprocessing1764800000005 implements MigrationInterface {
  name = 'MappingReprocessing1764800000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE indicator_mapping
        ADD COLUMN reprocessing text NOT NULL DEFAULT 'done' CHECK (reprocessing IN ('done', 'queued'))`);
    await db.query(`CREATE INDEX indicator_mapping_queued_idx ON indicator_mapping (id) WHERE reprocessing = 'queued'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator_mapping DROP COLUMN reprocessing`);
  }
}

/**
 * Mappings can be changed and deleted. Each change is a version (`indicator_mapping_version`: the
 * target, the kind of change, the author). A deleted mapping keeps its row (`deleted_at`) so its
 * history and its re-processing job can still find it; only live mappings must be unique.
 *
 * `exam_report_item.mapping_id` names the mapping that resolved an item (null when the dictionary
 * matched it or nothing did), so changing or deleting a mapping finds exactly the items to
 * re-process through a small partial index. Existing items get it from the mapping of their source
 * and name with the same target (a category context compared as a substring of the printed
 * category, which is what the normalised comparison amounts to for the Chinese fragments used).
 */
export class MappingChanges1767100000402 implements MigrationInterface {
  name = 'MappingChanges1767100000402';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE indicator_mapping
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN deleted_at timestamptz`);
    await db.query(`UPDATE indicator_mapping SET updated_at = created_at`);
    await db.query(`ALTER TABLE indicator_mapping DROP CONSTRAINT indicator_mapping_unique`);
    await db.query(`
      CREATE UNIQUE INDEX indicator_mapping_unique ON indicator_mapping (org_id, source, name_key, category_context)
        WHERE deleted_at IS NULL`);

    await db.query(`
      CREATE TABLE indicator_mapping_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        mapping_id uuid NOT NULL REFERENCES indicator_mapping (id),
        version integer NOT NULL CHECK (version > 0),
        change_kind text NOT NULL CHECK (change_kind IN ('create', 'update', 'delete')),
        code text,
        text_only boolean NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_mapping_version_unique UNIQUE (mapping_id, version)
      )`);
    await db.query(`
      INSERT INTO indicator_mapping_version (org_id, mapping_id, version, change_kind, code, text_only, actor_type, actor_id,
                                             created_at)
      SELECT org_id, id, 1, 'create', code, text_only, actor_type, actor_id, created_at FROM indicator_mapping`);

    await db.query(`ALTER TABLE exam_report_item ADD COLUMN mapping_id uuid REFERENCES indicator_mapping (id)`);
    await db.query(`
      UPDATE exam_report_item i
         SET mapping_id = m.id
        FROM indicator_mapping m
       WHERE i.status <> 'unmapped'
         AND m.org_id = i.org_id AND m.source = i.source AND m.name_key = i.name_key
         AND m.code IS NOT DISTINCT FROM i.code AND m.text_only = (i.status = 'text_only')
         AND (m.category_context = '' OR strpos(coalesce(i.category, ''), m.category_context) > 0)`);
    await db.query(`
      CREATE INDEX exam_report_item_mapping_idx ON exam_report_item (mapping_id, report_id, item_index)
        WHERE mapping_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE exam_report_item DROP COLUMN mapping_id`);
    await db.query(`DROP TABLE indicator_mapping_version`);
    await db.query(`DELETE FROM indicator_mapping WHERE deleted_at IS NOT NULL`);
    await db.query(`DROP INDEX indicator_mapping_unique`);
    await db.query(`
      ALTER TABLE indicator_mapping
        ADD CONSTRAINT indicator_mapping_unique UNIQUE (org_id, source, name_key, category_context)`);
    await db.query(`ALTER TABLE indicator_mapping DROP COLUMN version, DROP COLUMN updated_at, DROP COLUMN deleted_at`);
  }
}
