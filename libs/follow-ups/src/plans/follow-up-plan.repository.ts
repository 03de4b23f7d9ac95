import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorType } from '@health/core';

export const PLAN_STATUSES = ['active', 'paused', 'stopped', 'completed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface FollowUpPlanRow {
  id: string;
  orgId: string;
  clientId: string;
  templateId: string | null;
  templateVersion: number | null;
  name: string;
  triggerType: string;
  triggerKey: string;
  cardId: string | null;
  anchorAt: Date;
  status: PlanStatus;
  stopReason: string | null;
  stoppedAt: Date | null;
  createdByType: ActorType;
  createdById: string | null;
  createdAt: Date;
}

export type NewPlan = Pick<
  FollowUpPlanRow,
  | 'orgId'
  | 'clientId'
  | 'templateId'
  | 'templateVersion'
  | 'name'
  | 'triggerType'
  | 'triggerKey'
  | 'cardId'
  | 'anchorAt'
  | 'createdByType'
  | 'createdById'
>;

const COLUMNS = `p.id, p.org_id AS "orgId", p.client_id AS "clientId", p.template_id AS "templateId",
  p.template_version AS "templateVersion", p.name, p.trigger_type AS "triggerType", p.trigger_key AS "triggerKey",
  p.card_id AS "cardId", p.anchor_at AS "anchorAt", p.status, p.stop_reason AS "stopReason", p.stopped_at AS "stoppedAt",
  p.created_by_type AS "createdByType", p.created_by_id AS "createdById", p.created_at AS "createdAt"`;

/** The only place that queries `follow_up_plan`. */
@Injectable()
export class FollowUpPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Inserts the plan unless this (client, template, trigger key) already has one: returns its id, or null. */
  async insertOnce(manager: EntityManager, plan: NewPlan): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO follow_up_plan (org_id, client_id, template_id, template_version, name, trigger_type, trigger_key, card_id,
                                   anchor_at, created_by_type, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (org_id, client_id, template_id, trigger_key) DO NOTHING RETURNING id`,
      [
        plan.orgId,
        plan.clientId,
        plan.templateId,
        plan.templateVersion,
        plan.name,
        plan.triggerType,
        plan.triggerKey,
        plan.cardId,
        plan.anchorAt,
        plan.createdByType,
        plan.createdById,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Whether the client already follows this template (an active or paused plan): recurring triggers start no second one. */
  /**
   * Days from a report's exam date to `arrivedAt` (a calendar day of the organisation), or null when
   * the report is not found. Reads archives' table, as follow-ups reads other domains' rows.
   */
  async reportAgeDays(manager: EntityManager, reportId: string, arrivedAt: Date): Promise<number | null> {
    const rows: { age: number }[] = await manager.query(
      `SELECT (($2::timestamptz AT TIME ZONE o.timezone)::date - r.exam_date) AS age
         FROM exam_report r JOIN organisation o ON o.id = r.org_id
        WHERE r.id = $1`,
      [reportId, arrivedAt],
    );
    return rows.length > 0 ? Number(rows[0].age) : null;
  }

  async hasRunningPlan(manager: EntityManager, clientId: string, templateId: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM follow_up_plan WHERE client_id = $1 AND template_id = $2 AND status IN ('active', 'paused') LIMIT 1`,
      [clientId, templateId],
    );
    return rows.length > 0;
  }

  async find(orgId: string, id: string, manager?: EntityManager): Promise<FollowUpPlanRow | null> {
    const rows: FollowUpPlanRow[] = await this.m(manager).query(
      `SELECT ${COLUMNS} FROM follow_up_plan p WHERE p.org_id = $1 AND p.id = $2`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async lock(manager: EntityManager, orgId: string, id: string): Promise<FollowUpPlanRow | null> {
    const rows: FollowUpPlanRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM follow_up_plan p WHERE p.org_id = $1 AND p.id = $2 FOR UPDATE`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async setStatus(manager: EntityManager, id: string, status: PlanStatus, stopReason: string | null = null): Promise<void> {
    await manager.query(
      `UPDATE follow_up_plan SET status = $2, stop_reason = $3,
              stopped_at = CASE WHEN $2 = 'stopped' THEN now() ELSE stopped_at END, updated_at = now()
        WHERE id = $1`,
      [id, status, stopReason],
    );
  }

  /** Stops every running plan of the client (client deleted); returns their ids. */
  async stopAllOfClient(manager: EntityManager, orgId: string, clientId: string, reason: string): Promise<string[]> {
    const [rows] = await manager.query(
      `UPDATE follow_up_plan SET status = 'stopped', stop_reason = $3, stopped_at = now(), updated_at = now()
        WHERE org_id = $1 AND client_id = $2 AND status IN ('active', 'paused') RETURNING id`,
      [orgId, clientId, reason],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  /** An active plan whose tasks are all closed is completed. */
  async completeIfFinished(manager: EntityManager, planId: string): Promise<void> {
    await manager.query(
      `UPDATE follow_up_plan p SET status = 'completed', updated_at = now()
        WHERE p.id = $1 AND p.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM follow_up_task t WHERE t.plan_id = p.id AND t.status IN ('pending', 'due', 'in_progress'))`,
      [planId],
    );
  }

  /**
   * Running plans a card ending stops: those the card started, and, when the client has no other
   * current card, the client's other plans. Only templates that say so (`stop_when_card_ends`).
   */
  async stoppedByCardEnd(manager: EntityManager, orgId: string, clientId: string, cardId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT p.id FROM follow_up_plan p JOIN follow_up_template t ON t.id = p.template_id
        WHERE p.org_id = $1 AND p.client_id = $2 AND p.status IN ('active', 'paused') AND t.stop_when_card_ends
          AND (p.card_id = $3 OR NOT EXISTS (
                SELECT 1 FROM card c WHERE c.client_id = $2 AND c.id <> $3 AND c.status IN ('issued', 'active', 'frozen')))
        ORDER BY p.id`,
      [orgId, clientId, cardId],
    );
    return rows.map((r) => r.id);
  }

  forClient(orgId: string, clientId: string): Promise<FollowUpPlanRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM follow_up_plan p WHERE p.org_id = $1 AND p.client_id = $2 ORDER BY p.created_at DESC, p.id`,
      [orgId, clientId],
    );
  }
}
