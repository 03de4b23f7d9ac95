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
