import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes measured at a million clients (tools/bench/clients-search.mjs, figures in the README):
 *
 * - Name substring search: pg_trgm cannot index patterns under three characters, and Chinese names
 *   and searches are one to three characters, so `ILIKE '%张%'` scanned every row. A GIN index over
 *   the name's characters and character pairs (`name_grams`) finds the candidates for any
 *   length, and works on the embedded database too, which has no pg_trgm. It replaces the trigram
 *   index.
 * - A manager's clients ("my clients", newest first, often narrowed by gender and age) are read
 *   and counted from the manager index alone: it is in list order and carries gender and birth date.
 * - Sorting by name or birth date: `text_pattern_ops` orders by bytes, not by the column's collation,
 *   so `ORDER BY name` sorted the whole organisation; both sort indexes end in `id`, the tie-breaker
 *   of every list order, so pages are read straight from the index.
 */
export class ClientSearchIndexes1764800000101 implements MigrationInterface {
  name = 'ClientSearchIndexes1764800000101';

  async up(db: QueryRunner): Promise<void> {
    // Every single character and every pair of neighbours of the lower-cased name: a name contains
    // a search text only if it has all of the text's pairs (or its one character).
    await db.query(`
      CREATE FUNCTION client_name_grams(name text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, n)), '{}')
          FROM generate_series(1, char_length(name)) AS i, (VALUES (1), (2)) AS size(n)
         WHERE i + n - 1 <= char_length(name)
      $$`);
    await db.query(`
      CREATE FUNCTION client_search_grams(search text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN char_length(search) = 1 THEN ARRAY[lower(search)]
               ELSE ARRAY(SELECT DISTINCT substr(lower(search), i, 2) FROM generate_series(1, char_length(search) - 1) AS i) END
      $$`);
    // Stored, because the search re-checks every candidate row: calling the function per row made
    // a search for a common surname ten times slower than reading the column.
    await db.query(`ALTER TABLE client ADD COLUMN name_grams text[] GENERATED ALWAYS AS (client_name_grams(name)) STORED`);
    await db.query(`CREATE INDEX client_name_grams_idx ON client USING gin (name_grams) WHERE deleted_at IS NULL`);
    await db.query(`DROP INDEX IF EXISTS client_name_trgm_idx`);
    await db.query(`DROP INDEX client_org_name_idx`);
    await db.query(`CREATE INDEX client_org_name_idx ON client (org_id, name, id) WHERE deleted_at IS NULL`);
    await db.query(`DROP INDEX client_org_birth_date_idx`);
    await db.query(`CREATE INDEX client_org_birth_date_idx ON client (org_id, birth_date, id) WHERE deleted_at IS NULL`);
    await db.query(`DROP INDEX client_org_manager_idx`);
    await db.query(
      `CREATE INDEX client_org_manager_idx ON client (org_id, manager_id, created_at, id) INCLUDE (gender, birth_date) WHERE deleted_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX client_org_manager_idx`);
    await db.query(`CREATE INDEX client_org_manager_idx ON client (org_id, manager_id) WHERE deleted_at IS NULL`);
    await db.query(`DROP INDEX client_org_birth_date_idx`);
    await db.query(`CREATE INDEX client_org_birth_date_idx ON client (org_id, birth_date) WHERE deleted_at IS NULL`);
    await db.query(`DROP INDEX client_org_name_idx`);
    await db.query(`CREATE INDEX client_org_name_idx ON client (org_id, name text_pattern_ops) WHERE deleted_at IS NULL`);
    await db.query(`ALTER TABLE client DROP COLUMN name_grams`);
    await db.query(`
      DO $$
      BEGIN
        CREATE INDEX client_name_trgm_idx ON client USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable: client name substring search is not indexed';
      END
      $$`);
    await db.query(`DROP FUNCTION client_search_grams(text)`);
    await db.query(`DROP FUNCTION client_name_grams(text)`);
  }
}
