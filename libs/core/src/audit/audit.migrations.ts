import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log. Append-only in the database too: a trigger refuses UPDATE, DELETE and TRUNCATE
 * for every role, so neither the application nor an administrator with its credentials can quietly
 * rewrite history (the hash chain catches anyone who bypasses the trigger as superuser).
 */
export class AuditLogInitial1763800000000 implements MigrationInterface {
  name = 'AuditLogInitial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL,
        org_id uuid,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'anonymous')),
        actor_id text,
        action text NOT NULL,
        target_type text,
        target_id text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        ip text,
        request_id text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT audit_event_seq_unique UNIQUE (seq)
      )`);
    await db.query(`CREATE INDEX audit_event_org_seq_idx ON audit_event (org_id, seq)`);
    await db.query(`CREATE INDEX audit_event_platform_seq_idx ON audit_event (seq) WHERE org_id IS NULL`);
    await db.query(`CREATE INDEX audit_event_org_actor_idx ON audit_event (org_id, actor_id)`);
    await db.query(`CREATE INDEX audit_event_org_target_idx ON audit_event (org_id, target_type, target_id)`);
    await db.query(`CREATE INDEX audit_event_org_occurred_idx ON audit_event (org_id, occurred_at)`);
    await db.query(`
      CREATE FUNCTION audit_event_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_reject_change()`);
    await db.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_reject_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP FUNCTION audit_event_reject_change()`);
  }
}

/**
 * Appending to a chain in one round trip. The chain's lock is held from here until the caller's
 * transaction commits, so taking it, reading the previous hash and inserting in one call (instead
 * of four statements from the application) is what lets audited writes run side by side. In a
 * volatile PL/pgSQL function every statement takes a new snapshot, so the previous hash is read
 * after the lock is granted. The hash is sha256(prev_hash || canonical fields), exactly as
 * `auditRowHash` computes it, so verification stays in TypeScript. (Replaced by the head-row
 * version in `AuditChainHeads1767200000001`.)
 */
export class AuditAppendFunction1763900400001 implements MigrationInterface {
  name = 'AuditAppendFunction1763900400001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION audit_append(
        p_id uuid, p_occurred_at timestamptz, p_org_id uuid, p_actor_type text, p_actor_id text, p_action text,
        p_target_type text, p_target_id text, p_outcome text, p_ip text, p_request_id text, p_canonical text, p_genesis text
      ) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        previous text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('audit_event:' || coalesce(p_org_id::text, 'platform')));
        IF p_org_id IS NULL THEN
          SELECT hash INTO previous FROM audit_event WHERE org_id IS NULL ORDER BY seq DESC LIMIT 1;
        ELSE
          SELECT hash INTO previous FROM audit_event WHERE org_id = p_org_id ORDER BY seq DESC LIMIT 1;
        END IF;
        previous := coalesce(previous, p_genesis);
        INSERT INTO audit_event (id, occurred_at, org_id, actor_type, actor_id, action, target_type, target_id, outcome, ip,
                                 request_id, prev_hash, hash)
        VALUES (p_id, p_occurred_at, p_org_id, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id, p_outcome, p_ip,
                p_request_id, previous, encode(sha256(convert_to(previous || p_canonical, 'UTF8')), 'hex'));
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION audit_append(uuid, timestamptz, uuid, text, text, text, text, text, text, text, text, text, text)`,
    );
  }
}

/**
 * The head of every chain in a row of its own. Appending used to find the previous hash with
 * `ORDER BY seq DESC LIMIT 1` under an advisory lock; PL/pgSQL keeps that statement's plan for the
 * life of a connection, and a plan made while the table was small could walk a whole
 * organisation's rows through another index on every append (measured: PostgreSQL CPU per audited
 * request grew by about 0.45 ms per 2,000 rows). Locking and reading one head row, and moving it
 * on, costs the same at any size. `FOR UPDATE` on the head serialises appends to one chain until
 * the appending transaction ends, as the advisory lock did; the hash is unchanged.
 */
export class AuditChainHeads1767200000001 implements MigrationInterface {
  name = 'AuditChainHeads1767200000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_chain_head (
        chain text PRIMARY KEY,
        last_hash char(64) NOT NULL
      )`);
    await db.query(`COMMENT ON TABLE audit_chain_head IS
      'Last hash of each audit chain (chain = organisation id, or platform). Moved on by audit_append only.'`);
    // A process still running the old function may append meanwhile (a rolling upgrade): appends
    // wait from here until the new function is in place (migrations run one transaction each).
    await db.query(`LOCK TABLE audit_event IN SHARE ROW EXCLUSIVE MODE`);
    await db.query(`
      INSERT INTO audit_chain_head (chain, last_hash)
      SELECT DISTINCT ON (org_id) coalesce(org_id::text, 'platform'), hash FROM audit_event ORDER BY org_id, seq DESC`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_append(
        p_id uuid, p_occurred_at timestamptz, p_org_id uuid, p_actor_type text, p_actor_id text, p_action text,
        p_target_type text, p_target_id text, p_outcome text, p_ip text, p_request_id text, p_canonical text, p_genesis text
      ) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        chain_key text := coalesce(p_org_id::text, 'platform');
        previous text;
        next_hash text;
      BEGIN
        SELECT last_hash INTO previous FROM audit_chain_head WHERE chain = chain_key FOR UPDATE;
        IF NOT FOUND THEN
          -- A new chain: a concurrent first append waits here for the other to commit, then reads its head.
          INSERT INTO audit_chain_head (chain, last_hash) VALUES (chain_key, p_genesis) ON CONFLICT (chain) DO NOTHING;
          SELECT last_hash INTO previous FROM audit_chain_head WHERE chain = chain_key FOR UPDATE;
        END IF;
        next_hash := encode(sha256(convert_to(previous || p_canonical, 'UTF8')), 'hex');
        INSERT INTO audit_event (id, occurred_at, org_id, actor_type, actor_id, action, target_type, target_id, outcome, ip,
                                 request_id, prev_hash, hash)
        VALUES (p_id, p_occurred_at, p_org_id, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id, p_outcome, p_ip,
                p_request_id, previous, next_hash);
        UPDATE audit_chain_head SET last_hash = next_hash WHERE chain = chain_key;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await new AuditAppendFunction1763900400001().down(db);
    await new AuditAppendFunction1763900400001().up(db);
    await db.query(`DROP TABLE audit_chain_head`);
  }
}

/**
 * Appends a whole batch of rows in one call: the heads of its chains are locked once, in chain
 * order (two batches touching the same chains never wait on each other crosswise), the hashes are
 * computed in a loop, the rows go in with one INSERT and each head moves once. Called once per row,
 * `audit_append` locked, read and moved the head for every row: at the batch sizes of concurrent
 * requests (about six rows) this costs PostgreSQL about a quarter less CPU per row. Hashes, order
 * (`seq` follows the batch) and the serialisation of appends per chain are unchanged.
 */
export class AuditAppendMany1767400000000 implements MigrationInterface {
  name = 'AuditAppendMany1767400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION audit_append_many(
        p_id uuid[], p_occurred_at timestamptz[], p_org_id uuid[], p_actor_type text[], p_actor_id text[], p_action text[],
        p_target_type text[], p_target_id text[], p_outcome text[], p_ip text[], p_request_id text[], p_canonical text[],
        p_genesis text
      ) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        chains text[] := ARRAY(SELECT DISTINCT coalesce(o::text, 'platform') FROM unnest(p_org_id) AS o ORDER BY 1);
        heads text[];
        prev_hashes text[] := '{}';
        hashes text[] := '{}';
        k int;
      BEGIN
        heads := ARRAY(SELECT h.last_hash FROM unnest(chains) WITH ORDINALITY AS c(chain, n)
                         JOIN audit_chain_head h ON h.chain = c.chain ORDER BY c.n FOR UPDATE OF h);
        IF cardinality(heads) < cardinality(chains) THEN
          -- New chains: a concurrent first append waits here for the other to commit, then reads its head.
          INSERT INTO audit_chain_head (chain, last_hash)
            SELECT c, p_genesis FROM unnest(chains) AS c ORDER BY c ON CONFLICT (chain) DO NOTHING;
          heads := ARRAY(SELECT h.last_hash FROM unnest(chains) WITH ORDINALITY AS c(chain, n)
                           JOIN audit_chain_head h ON h.chain = c.chain ORDER BY c.n FOR UPDATE OF h);
        END IF;
        FOR i IN 1 .. cardinality(p_id) LOOP
          k := array_position(chains, coalesce(p_org_id[i]::text, 'platform'));
          prev_hashes[i] := heads[k];
          heads[k] := encode(sha256(convert_to(heads[k] || p_canonical[i], 'UTF8')), 'hex');
          hashes[i] := heads[k];
        END LOOP;
        INSERT INTO audit_event (id, occurred_at, org_id, actor_type, actor_id, action, target_type, target_id, outcome, ip,
                                 request_id, prev_hash, hash)
          SELECT t.id, t.occurred_at, t.org_id, t.actor_type, t.actor_id, t.action, t.target_type, t.target_id, t.outcome,
                 t.ip, t.request_id, t.prev_hash, t.hash
            FROM unnest(p_id, p_occurred_at, p_org_id, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id,
                        p_outcome, p_ip, p_request_id, prev_hashes, hashes) WITH ORDINALITY
                 AS t(id, occurred_at, org_id, actor_type, actor_id, action, target_type, target_id, outcome, ip, request_id,
                      prev_hash, hash, n)
           ORDER BY t.n;
        UPDATE audit_chain_head h SET last_hash = c.last_hash
          FROM unnest(chains, heads) AS c(chain, last_hash) WHERE h.chain = c.chain;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION audit_append_many(uuid[], timestamptz[], uuid[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text)`,
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const AUDIT_MIGRATIONS: Function[] = [
  AuditLogInitial1763800000000,
  AuditAppendFunction1763900400001,
  AuditChainHeads1767200000001,
  AuditAppendMany1767400000000,
];
