import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the platform concludes about a client from its data:
 * - `client_facts`: the snapshot tag rules, risk models and advice read (one row per client,
 *   rebuilt on report, archive and card events);
 * - `tag` (a manual tag, or a rule tag when `rule_condition` is set) with `tag_rule_version`;
 * - `client_tag` (current tags with the evidence that set them) and `client_tag_change` (every
 *   add and remove, so evidence outlives the tag);
 * - `risk_assessment`: every result per model; `is_current` marks the latest per client and model.
 */
export class ClientInsights1764900000001 implements MigrationInterface {
  name = 'ClientInsights1764900000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE client_facts (
        client_id uuid PRIMARY KEY REFERENCES client (id),
        org_id uuid NOT NULL REFERENCES organisation (id),
        facts jsonb NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        rebuilt_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX client_facts_org_idx ON client_facts (org_id, client_id)`);

    await db.query(`
      CREATE TABLE tag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        name text NOT NULL,
        name_en text,
        colour text NOT NULL,
        category text NOT NULL,
        description text,
        rule_condition jsonb,
        rule_version integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        seed_key text,
        reevaluation text NOT NULL DEFAULT 'idle' CHECK (reevaluation IN ('idle', 'queued', 'running', 'done')),
        reevaluation_total integer NOT NULL DEFAULT 0,
        reevaluation_done integer NOT NULL DEFAULT 0,
        reevaluation_added integer NOT NULL DEFAULT 0,
        reevaluation_removed integer NOT NULL DEFAULT 0,
        reevaluated_version integer NOT NULL DEFAULT 0,
        reevaluation_finished_at timestamptz,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX tag_name_unique ON tag (org_id, name) WHERE deleted_at IS NULL`);
    await db.query(`CREATE UNIQUE INDEX tag_seed_unique ON tag (org_id, seed_key) WHERE seed_key IS NOT NULL`);
    await db.query(`CREATE INDEX tag_reevaluation_idx ON tag (id) WHERE reevaluation IN ('queued', 'running')`);

    await db.query(`
      CREATE TABLE tag_rule_version (
        tag_id uuid NOT NULL REFERENCES tag (id),
        version integer NOT NULL CHECK (version > 0),
        org_id uuid NOT NULL REFERENCES organisation (id),
        condition jsonb NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tag_id, version)
      )`);

    await db.query(`
      CREATE TABLE client_tag (
        client_id uuid NOT NULL REFERENCES client (id),
        tag_id uuid NOT NULL REFERENCES tag (id),
        org_id uuid NOT NULL REFERENCES organisation (id),
        source text NOT NULL CHECK (source IN ('rule', 'manual')),
        rule_version integer,
        evidence jsonb NOT NULL DEFAULT '{}',
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, tag_id)
      )`);
    await db.query(`CREATE INDEX client_tag_tag_idx ON client_tag (tag_id, client_id)`);

    await db.query(`
      CREATE TABLE client_tag_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        tag_id uuid NOT NULL REFERENCES tag (id),
        change text NOT NULL CHECK (change IN ('added', 'removed')),
        source text NOT NULL CHECK (source IN ('rule', 'manual')),
        rule_version integer,
        evidence jsonb NOT NULL DEFAULT '{}',
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX client_tag_change_client_idx ON client_tag_change (client_id, created_at)`);

    await db.query(`
      CREATE TABLE risk_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        model text NOT NULL,
        rule_id text NOT NULL,
        version text NOT NULL,
        status text NOT NULL CHECK (status IN ('ok', 'missing', 'refused')),
        value double precision,
        unit text,
        display text,
        category text,
        category_label jsonb,
        details jsonb NOT NULL DEFAULT '{}',
        inputs jsonb NOT NULL DEFAULT '{}',
        refusals jsonb NOT NULL DEFAULT '[]',
        warnings jsonb NOT NULL DEFAULT '[]',
        trigger text NOT NULL,
        report_id uuid,
        is_current boolean NOT NULL DEFAULT true,
        assessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX risk_assessment_current_idx ON risk_assessment (client_id, model) WHERE is_current`);
    await db.query(`CREATE INDEX risk_assessment_history_idx ON risk_assessment (client_id, model, assessed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['risk_assessment', 'client_tag_change', 'client_tag', 'tag_rule_version', 'tag', 'client_facts'])
      await db.query(`DROP TABLE ${table}`);
  }
}
