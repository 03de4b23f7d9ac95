import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clients, their consent records and unmask reasons. The indexes serve the client list at a
 * million clients per organisation: every one is partial on live (not deleted) rows and leads
 * with `org_id`, the filter of every query.
 */
export class ClientsInitial1763900000001 implements MigrationInterface {
  name = 'ClientsInitial1763900000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        name text NOT NULL,
        name_initials text NOT NULL,
        gender text NOT NULL CHECK (gender IN ('male', 'female')),
        birth_date date NOT NULL,
        id_type text CHECK (id_type IN ('resident_id', 'passport', 'hk_macao_resident_permit', 'taiwan_resident_permit', 'foreign_permanent_resident')),
        id_number_cipher text,
        id_number_hash char(64),
        id_number_masked text,
        phone_cipher text,
        phone_hash char(64),
        phone_masked text,
        address text,
        emergency_contact jsonb,
        source_channel text,
        manager_id uuid REFERENCES staff_user (id),
        notes text,
        deleted_at timestamptz,
        deleted_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT client_id_number_complete CHECK ((id_number_cipher IS NULL) = (id_number_hash IS NULL) AND (id_number_hash IS NULL) = (id_type IS NULL)),
        CONSTRAINT client_phone_complete CHECK ((phone_cipher IS NULL) = (phone_hash IS NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX client_org_id_number_unique ON client (org_id, id_number_hash) WHERE deleted_at IS NULL AND id_number_hash IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX client_org_phone_idx ON client (org_id, phone_hash) WHERE deleted_at IS NULL AND phone_hash IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX client_org_initials_idx ON client (org_id, name_initials text_pattern_ops) WHERE deleted_at IS NULL`,
    );
    await db.query(`CREATE INDEX client_org_name_idx ON client (org_id, name text_pattern_ops) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX client_org_manager_idx ON client (org_id, manager_id) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX client_org_birth_date_idx ON client (org_id, birth_date) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX client_org_created_idx ON client (org_id, created_at, id) WHERE deleted_at IS NULL`);
    // Substring search of names needs trigrams. The embedded database (PGlite) ships without
    // pg_trgm, so there the index is skipped and substring search scans the organisation's rows.
    await db.query(`
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX client_name_trgm_idx ON client USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable: client name substring search is not indexed';
      END
      $$`);

    await db.query(`
      CREATE TABLE client_consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        kind text NOT NULL CHECK (kind IN ('health_data', 'reminders')),
        version text NOT NULL,
        granted boolean NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL
      )`);
    await db.query(`CREATE INDEX client_consent_client_idx ON client_consent (client_id, kind, recorded_at DESC)`);

    await db.query(`
      CREATE TABLE client_unmask (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX client_unmask_client_idx ON client_unmask (client_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE client_unmask`);
    await db.query(`DROP TABLE client_consent`);
    await db.query(`DROP TABLE client`);
  }
}
