import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ActorType } from '@health/core';
import type { AdviceItem, ItemChanges } from './advice-plan';

/** First key of the per-client advice locks (two-key advisory lock space, like the insight locks). */
const CLIENT_ADVICE_LOCK_CLASS = 46_031;

export interface AdviceSetRow {
  clientId: string;
  revision: number;
  finalizedRevision: number | null;
  finalizedAt: Date | null;
  finalizedActorType: ActorType | null;
  finalizedActorId: string | null;
  finalizedActorName: string | null;
  updatedAt: Date;
}

const ITEM_COLUMNS = `i.id, i.origin, i.template_id AS "templateId", i.template_version AS "templateVersion", i.category,
  i.text_zh AS "textZh", i.text_en AS "textEn", i.edited, i.hidden, i.position`;

/** The only place that queries `client_advice` and `client_advice_item`; every call runs in the caller's transaction. */
@Injectable()
export class AdviceSetRepository {
  /** Serialises changes to one client's advice set (an event handler and staff can meet); held until the transaction ends. */
  async lockClient(manager: EntityManager, clientId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [CLIENT_ADVICE_LOCK_CLASS, clientId]);
  }

  async find(manager: EntityManager, orgId: string, clientId: string): Promise<AdviceSetRow | null> {
    const rows: AdviceSetRow[] = await manager.query(
      `SELECT a.client_id AS "clientId", a.revision, a.finalized_revision AS "finalizedRevision", a.finalized_at AS "finalizedAt",
              a.finalized_actor_type AS "finalizedActorType", a.finalized_actor_id AS "finalizedActorId",
              coalesce(u.display_name, k.name) AS "finalizedActorName", a.updated_at AS "updatedAt"
         FROM client_advice a
         LEFT JOIN staff_user u ON a.finalized_actor_type = 'user' AND u.id::text = a.finalized_actor_id
         LEFT JOIN api_key k ON a.finalized_actor_type = 'api_key' AND k.id::text = a.finalized_actor_id
        WHERE a.org_id = $1 AND a.client_id = $2`,
      [orgId, clientId],
    );
    return rows[0] ?? null;
  }

  async create(manager: EntityManager, orgId: string, clientId: string): Promise<void> {
    await manager.query(`INSERT INTO client_advice (client_id, org_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING`, [
      clientId,
      orgId,
    ]);
  }

  /** Every item of the set, hidden ones included, in position order. */
  async items(manager: EntityManager, clientId: string): Promise<AdviceItem[]> {
    return manager.query(
      `SELECT ${ITEM_COLUMNS} FROM client_advice_item i WHERE i.client_id = $1 ORDER BY i.position, i.created_at`,
      [clientId],
    );
  }

  /** Writes the changes and moves the revision on (the set becomes a draft again). */
  async apply(manager: EntityManager, orgId: string, clientId: string, changes: ItemChanges): Promise<void> {
    if (changes.deletes.length > 0)
      await manager.query(`DELETE FROM client_advice_item WHERE client_id = $1 AND id = ANY($2::uuid[])`, [
        clientId,
        changes.deletes,
      ]);
    for (const item of changes.updates)
      await manager.query(
        `UPDATE client_advice_item SET template_version = $3, category = $4, text_zh = $5, text_en = $6, edited = $7, hidden = $8,
                position = $9, updated_at = now()
          WHERE client_id = $1 AND id = $2`,
        [
          clientId,
          item.id,
          item.templateVersion,
          item.category,
          item.textZh,
          item.textEn,
          item.edited,
          item.hidden,
          item.position,
        ],
      );
    if (changes.inserts.length > 0)
      await manager.query(
        `INSERT INTO client_advice_item
           (client_id, org_id, origin, template_id, template_version, category, text_zh, text_en, edited, hidden, position)
         SELECT $1::uuid, $2::uuid, s.origin, s."templateId", s."templateVersion", s.category, s."textZh", s."textEn", s.edited, s.hidden, s.position
           FROM jsonb_to_recordset($3::jsonb) AS s(origin text, "templateId" uuid, "templateVersion" int, category text,
                "textZh" text, "textEn" text, edited boolean, hidden boolean, position int)`,
        [clientId, orgId, JSON.stringify(changes.inserts)],
      );
    await manager.query(`UPDATE client_advice SET revision = revision + 1, updated_at = now() WHERE client_id = $1`, [clientId]);
  }

  async finalize(
    manager: EntityManager,
    clientId: string,
    revision: number,
    actorType: ActorType,
    actorId: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE client_advice SET finalized_revision = $2, finalized_at = now(), finalized_actor_type = $3, finalized_actor_id = $4
        WHERE client_id = $1`,
      [clientId, revision, actorType, actorId],
    );
  }
}
