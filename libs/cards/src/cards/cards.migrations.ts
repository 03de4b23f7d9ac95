import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Card types, cards, their remaining service quantities, history and the per-organisation card
 * number sequence. Runs after the clients migration (cards reference clients).
 */
export class CardsInitial1763900100001 implements MigrationInterface {
  name = 'CardsInitial1763900100001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE card_type (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        name text NOT NULL,
        description text,
        validity_months integer NOT NULL CHECK (validity_months BETWEEN 1 AND 120),
        price_cents integer CHECK (price_cents >= 0),
        services jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'inactive')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX card_type_org_idx ON card_type (org_id, created_at)`);

    // One row per organisation; opening a card increments it in the opening transaction, so
    // numbers never repeat and concurrent openings in one organisation queue on this row only.
    await db.query(`
      CREATE TABLE card_number_sequence (
        org_id uuid PRIMARY KEY REFERENCES organisation (id),
        last_value bigint NOT NULL
      )`);

    await db.query(`
      CREATE TABLE card (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        number text NOT NULL,
        client_id uuid NOT NULL REFERENCES client (id),
        card_type_id uuid NOT NULL REFERENCES card_type (id),
        status text NOT NULL CHECK (status IN ('issued', 'active', 'frozen', 'expired', 'cancelled')),
        start_date date NOT NULL,
        expiry_date date NOT NULL,
        activated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT card_org_number_unique UNIQUE (org_id, number),
        CONSTRAINT card_dates_ordered CHECK (expiry_date >= start_date)
      )`);
    await db.query(`CREATE INDEX card_org_client_idx ON card (org_id, client_id, created_at)`);
    await db.query(`CREATE INDEX card_org_created_idx ON card (org_id, created_at, id)`);
    // The daily job looks for cards to activate and to expire; only those statuses are indexed.
    await db.query(`CREATE INDEX card_issued_start_idx ON card (start_date) WHERE status = 'issued'`);
    await db.query(`CREATE INDEX card_current_expiry_idx ON card (expiry_date) WHERE status IN ('active', 'frozen')`);

    // Remaining quantities live in rows of their own so that consuming is a single guarded
    // UPDATE (remaining >= quantity); the CHECK is the last line against going negative.
    await db.query(`
      CREATE TABLE card_service (
        card_id uuid NOT NULL REFERENCES card (id) ON DELETE CASCADE,
        code text NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        total integer NOT NULL CHECK (total >= 1),
        remaining integer NOT NULL CHECK (remaining >= 0 AND remaining <= total),
        PRIMARY KEY (card_id, code)
      )`);

    await db.query(`
      CREATE TABLE card_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        card_id uuid NOT NULL REFERENCES card (id),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        action text NOT NULL,
        from_status text,
        to_status text,
        reason text,
        service_code text,
        quantity integer,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id uuid
      )`);
    await db.query(`CREATE INDEX card_history_card_idx ON card_history (card_id, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['card_history', 'card_service', 'card', 'card_number_sequence', 'card_type']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
