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

  /**
   * Stores new results as the current ones of their models, in two statements whatever their
   * number (a first assessment stores a dozen). Returns the new ids in the order given.
   */
  async insertCurrent(
    manager: EntityManager,
    orgId: string,
    clientId: string,
    results: readonly AssessmentValues[],
    trigger: { type: string; reportId: string | null },
  ): Promise<string[]> {
    if (results.length === 0) return [];
    await manager.query(
      `UPDATE risk_assessment SET is_current = false WHERE client_id = $1 AND model = ANY ($2::text[]) AND is_current`,
      [clientId, results.map((r) => r.model)],
    );
    const rows: { id: string; model: string }[] = await manager.query(
      `INSERT INTO risk_assessment (org_id, client_id, model, rule_id, version, status, value, unit, display, category,
         category_label, details, inputs, refusals, warnings, trigger, report_id)
       SELECT $1, $2, r.model, r.rule_id, r.version, r.status, r.value, r.unit, r.display, r.category,
              r.category_label, r.details, r.inputs, r.refusals, r.warnings, $3, $4
         FROM jsonb_to_recordset($5::jsonb) AS r (model text, rule_id text, version text, status text, value double precision,
              unit text, display text, category text, category_label jsonb, details jsonb, inputs jsonb, refusals jsonb,
              warnings jsonb)
       RETURNING id, model`,
      [
        orgId,
        clientId,
        trigger.type,
        trigger.reportId,
        JSON.stringify(
          results.map((v) => ({
            model: v.model,
            rule_id: v.ruleId,
            version: v.version,
            status: v.status,
            value: v.value,
            unit: v.unit,
            display: v.display,
            category: v.category,
            category_label: v.categoryLabel,
            details: v.details,
            inputs: v.inputs,
            refusals: v.refusals,
            warnings: v.warnings,
          })),
        ),
      ],
    );
    const idByModel = new Map(rows.map((r) => [r.model, r.id]));
    return results.map((r) => idByModel.get(r.model)!);
  }
}
