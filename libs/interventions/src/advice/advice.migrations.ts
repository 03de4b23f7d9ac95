import { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORY_CHECK = `CHECK (category IN ('diet', 'exercise', 'mental', 'tcm', 'medical'))`;
const ACTOR_CHECK = `CHECK (actor_type IN ('user', 'api_key', 'system'))`;

/**
 * The advice library (健康建议):
 * - `advice_template` (org-scoped; `seed_key` on seeded rows, so seeding is idempotent and never
 *   brings back what staff deleted) with `advice_template_version` (text and condition history);
 * - `client_advice`: one set per client; `revision` moves on every change, and the set is final
 *   while `finalized_revision` equals it;
 * - `client_advice_item`: the items, hidden ones included (they keep their template out).
 */
export class AdviceLibrary1765100000001 implements MigrationInterface {
  name = 'AdviceLibrary1765100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE advice_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        seed_key text,
        category text NOT NULL ${CATEGORY_CHECK},
        text_zh text NOT NULL,
        text_en text NOT NULL,
        condition jsonb NOT NULL,
        priority integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX advice_template_seed_unique ON advice_template (org_id, seed_key) WHERE seed_key IS NOT NULL`,
    );
    await db.query(`CREATE INDEX advice_template_org_idx ON advice_template (org_id, category) WHERE deleted_at IS NULL`);

    await db.query(`
      CREATE TABLE advice_template_version (
        template_id uuid NOT NULL REFERENCES advice_template (id),
        version integer NOT NULL CHECK (version > 0),
        org_id uuid NOT NULL REFERENCES organisation (id),
        text_zh text NOT NULL,
        text_en text NOT NULL,
        condition jsonb NOT NULL,
        actor_type text NOT NULL ${ACTOR_CHECK},
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (template_id, version)
      )`);

    await db.query(`
      CREATE TABLE client_advice (
        client_id uuid PRIMARY KEY REFERENCES client (id),
        org_id uuid NOT NULL REFERENCES organisation (id),
        revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
        finalized_revision integer,
        finalized_at timestamptz,
        finalized_actor_type text CHECK (finalized_actor_type IN ('user', 'api_key', 'system')),
        finalized_actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX client_advice_org_idx ON client_advice (org_id)`);

    await db.query(`
      CREATE TABLE client_advice_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES client_advice (client_id),
        org_id uuid NOT NULL REFERENCES organisation (id),
        origin text NOT NULL CHECK (origin IN ('template', 'staff')),
        template_id uuid REFERENCES advice_template (id),
        template_version integer,
        category text NOT NULL ${CATEGORY_CHECK},
        text_zh text NOT NULL,
        text_en text,
        edited boolean NOT NULL DEFAULT false,
        hidden boolean NOT NULL DEFAULT false,
        position integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT client_advice_item_origin CHECK ((origin = 'template') = (template_id IS NOT NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX client_advice_item_template_unique ON client_advice_item (client_id, template_id) WHERE template_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX client_advice_item_client_idx ON client_advice_item (client_id, position)`);
    await db.query(
      `CREATE INDEX client_advice_item_template_idx ON client_advice_item (template_id) WHERE template_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE client_advice_item`);
    await db.query(`DROP TABLE client_advice`);
    await db.query(`DROP TABLE advice_template_version`);
    await db.query(`DROP TABLE advice_template`);
  }
}
