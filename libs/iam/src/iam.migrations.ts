import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, staff users, roles, API keys, refresh tokens and the login rate-limit counters. */
export class IamInitial1763800100000 implements MigrationInterface {
  name = 'IamInitial1763800100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        code text NOT NULL,
        timezone text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        is_platform boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisation_code_unique UNIQUE (code)
      )`);
    await db.query(`CREATE UNIQUE INDEX organisation_single_platform_idx ON organisation (is_platform) WHERE is_platform`);

    await db.query(`
      CREATE TABLE staff_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        username text NOT NULL,
        display_name text NOT NULL,
        email text,
        password_hash text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        must_change_password boolean NOT NULL DEFAULT false,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        is_platform_admin boolean NOT NULL DEFAULT false,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT staff_user_username_unique UNIQUE (username),
        CONSTRAINT staff_user_username_lower CHECK (username = lower(username))
      )`);
    await db.query(`CREATE INDEX staff_user_org_idx ON staff_user (org_id, created_at)`);

    await db.query(`
      CREATE TABLE role (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        code text NOT NULL,
        name text NOT NULL,
        name_en text,
        built_in boolean NOT NULL DEFAULT false,
        permissions text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT role_org_code_unique UNIQUE (org_id, code)
      )`);

    await db.query(`
      CREATE TABLE user_role (
        user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES role (id),
        PRIMARY KEY (user_id, role_id)
      )`);
    await db.query(`CREATE INDEX user_role_role_idx ON user_role (role_id)`);

    await db.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash char(64) NOT NULL,
        scopes text[] NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_by uuid NOT NULL REFERENCES staff_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_key_prefix_unique UNIQUE (prefix)
      )`);
    await db.query(`CREATE INDEX api_key_org_idx ON api_key (org_id, created_at)`);

    await db.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refresh_token_hash_unique UNIQUE (token_hash)
      )`);
    await db.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await db.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id, expires_at)`);

    // Keyed by client IP before anyone is known, so it belongs to no organisation.
    await db.query(`
      CREATE TABLE login_rate_limit (
        bucket text NOT NULL,
        window_start timestamptz NOT NULL,
        attempts integer NOT NULL,
        PRIMARY KEY (bucket, window_start)
      )`);
    await db.query(`CREATE INDEX login_rate_limit_window_idx ON login_rate_limit (window_start)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['login_rate_limit', 'refresh_token', 'api_key', 'user_role', 'role', 'staff_user', 'organisation']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}

/**
 * Audit chain verifications run as jobs: recomputing a chain takes about 20 s a million rows, too
 * long for a request. At most one queued or running verification per organisation.
 */
export class AuditVerifications1767300000000 implements MigrationInterface {
  name = 'AuditVerifications1767300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_verification (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES organisation(id),
        requested_by_type text NOT NULL CHECK (requested_by_type IN ('user', 'api_key')),
        requested_by text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        rows_total bigint NOT NULL DEFAULT 0,
        checked bigint NOT NULL DEFAULT 0,
        valid boolean,
        first_broken_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX audit_verification_one_active_idx ON audit_verification (org_id) WHERE status IN ('queued', 'running')`,
    );
    await db.query(`CREATE INDEX audit_verification_org_created_idx ON audit_verification (org_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_verification`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const IAM_MIGRATIONS: Function[] = [IamInitial1763800100000, AuditVerifications1767300000000];
