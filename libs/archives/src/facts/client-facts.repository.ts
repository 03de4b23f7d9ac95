import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ClientFacts } from './client-facts';

/** First key of the per-client insight locks (two-key advisory lock space, like the mapping locks). */
const CLIENT_INSIGHTS_LOCK_CLASS = 46_022;

export interface StoredFacts {
  clientId: string;
  facts: ClientFacts;
}

/** The only place that queries `client_facts`. */
@Injectable()
export class ClientFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serialises rebuilds of one client's facts, risks and tags (two events for one client can be
   * handled at once by two workers); held until the transaction ends.
   */
  async lockClient(manager: EntityManager, clientId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [CLIENT_INSIGHTS_LOCK_CLASS, clientId]);
  }

  async find(orgId: string, clientId: string, manager?: EntityManager): Promise<ClientFacts | null> {
    const rows: { facts: ClientFacts }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT facts FROM client_facts WHERE org_id = $1 AND client_id = $2`,
      [orgId, clientId],
    );
    return rows[0]?.facts ?? null;
  }

  /** Stores the facts; the version moves only when they changed. */
  async save(manager: EntityManager, orgId: string, facts: ClientFacts): Promise<void> {
    await manager.query(
      `INSERT INTO client_facts (client_id, org_id, facts, version) VALUES ($1, $2, $3, 1)
       ON CONFLICT (client_id) DO UPDATE
         SET facts = EXCLUDED.facts, version = client_facts.version + 1, rebuilt_at = now()
       WHERE client_facts.facts IS DISTINCT FROM EXCLUDED.facts`,
      [facts.clientId, orgId, JSON.stringify(facts)],
    );
  }

  async remove(manager: EntityManager, clientId: string): Promise<void> {
    await manager.query(`DELETE FROM client_facts WHERE client_id = $1`, [clientId]);
  }

  /** A page of the organisation's stored facts in client id order, for rule previews and re-evaluation. */
  async page(orgId: string, afterClientId: string | null, limit: number): Promise<StoredFacts[]> {
    const rows: { client_id: string; facts: ClientFacts }[] = await this.dataSource.query(
      `SELECT f.client_id, f.facts FROM client_facts f
         JOIN client c ON c.id = f.client_id AND c.deleted_at IS NULL
        WHERE f.org_id = $1 AND ($2::uuid IS NULL OR f.client_id > $2::uuid)
        ORDER BY f.client_id LIMIT $3`,
      [orgId, afterClientId, limit],
    );
    return rows.map((r) => ({ clientId: r.client_id, facts: r.facts }));
  }

  async count(orgId: string): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM client_facts f JOIN client c ON c.id = f.client_id AND c.deleted_at IS NULL
        WHERE f.org_id = $1`,
      [orgId],
    );
    return n;
  }

  /** Live clients of the organisation that have no facts yet (never had a report or archive event). */
  async clientsWithoutFacts(orgId: string, afterClientId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM client c
        WHERE c.org_id = $1 AND c.deleted_at IS NULL AND ($2::uuid IS NULL OR c.id > $2::uuid)
          AND NOT EXISTS (SELECT 1 FROM client_facts f WHERE f.client_id = c.id)
        ORDER BY c.id LIMIT $3`,
      [orgId, afterClientId, limit],
    );
    return rows.map((r) => r.id);
  }
}
