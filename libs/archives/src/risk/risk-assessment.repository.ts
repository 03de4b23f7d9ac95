import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { BilingualText, Refusal } from '@health/clinical';

export type AssessmentStatus = 'ok' | 'missing' | 'refused';

export interface AssessmentValues {
  model: string;
  ruleId: string;
  version: string;
  status: AssessmentStatus;
  value: number | null;
  unit: string | null;
  display: string | null;
  category: string | null;
  categoryLabel: BilingualText | null;
  details: Record<string, unknown>;
  inputs: Record<string, unknown>;
  refusals: Refusal[];
  warnings: string[];
}

export interface AssessmentRow extends AssessmentValues {
  id: string;
  clientId: string;
  trigger: string;
  reportId: string | null;
  isCurrent: boolean;
  assessedAt: Date;
}

const COLUMNS = `id, client_id AS "clientId", model, rule_id AS "ruleId", version, status, value, unit, display, category,
  category_label AS "categoryLabel", details, inputs, refusals, warnings, trigger, report_id AS "reportId",
  is_current AS "isCurrent", assessed_at AS "assessedAt"`;

/** The only place that queries `risk_assessment`. */
@Injectable()
export class RiskAssessmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(clientId: string, manager?: EntityManager): Promise<AssessmentRow[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM risk_assessment WHERE client_id = $1 AND is_current ORDER BY model`,
      [clientId],
    );
  }

  /** Results of one model for the client, oldest first (the history chart). */
  async history(clientId: string, model: string, limit: number): Promise<AssessmentRow[]> {
    return this.dataSource.query(
      `SELECT * FROM (SELECT ${COLUMNS} FROM risk_assessment WHERE client_id = $1 AND model = $2
         ORDER BY assessed_at DESC, id DESC LIMIT $3) recent ORDER BY "assessedAt", id`,
      [clientId, model, limit],
    );
  }

  /** Stores a new result as the current one of its model. */
  async insertCurrent(
    manager: EntityManager,
    orgId: string,
    clientId: string,
    values: AssessmentValues,
    trigger: { type: string; reportId: string | null },
  ): Promise<string> {
    await manager.query(`UPDATE risk_assessment SET is_current = false WHERE client_id = $1 AND model = $2 AND is_current`, [
      clientId,
      values.model,
    ]);
    const [{ id }] = await manager.query(
      `INSERT INTO risk_assessment (org_id, client_id, model, rule_id, version, status, value, unit, display, category,
         category_label, details, inputs, refusals, warnings, trigger, report_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        orgId,
        clientId,
        values.model,
        values.ruleId,
        values.version,
        values.status,
        values.value,
        values.unit,
        values.display,
        values.category,
        values.categoryLabel === null ? null : JSON.stringify(values.categoryLabel),
        JSON.stringify(values.details),
        JSON.stringify(values.inputs),
        JSON.stringify(values.refusals),
        JSON.stringify(values.warnings),
        trigger.type,
        trigger.reportId,
      ],
    );
    return id;
  }
}
