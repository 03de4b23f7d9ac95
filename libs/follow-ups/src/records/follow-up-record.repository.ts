import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorType } from '@health/core';
import type { StoredFollowUpMeasurement } from '@health/archives';
import type { FollowUpMethod } from '../templates/follow-up-method';

export const RECORD_OUTCOMES = ['reached', 'not_reached', 'wrong_number', 'refused'] as const;
export type RecordOutcome = (typeof RECORD_OUTCOMES)[number];
export const NEXT_ACTIONS = ['close', 'schedule_extra', 'refer', 'escalate'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];
export const MEDICATION_ADHERENCE = ['good', 'partial', 'poor', 'not_applicable'] as const;
export type MedicationAdherence = (typeof MEDICATION_ADHERENCE)[number];

export interface FollowUpRecordRow {
  id: string;
  orgId: string;
  taskId: string;
  clientId: string;
  method: FollowUpMethod;
  outcome: RecordOutcome;
  durationSeconds: number | null;
  content: string | null;
  clientCondition: string | null;
  measuredValues: StoredFollowUpMeasurement[];
  medicationAdherence: MedicationAdherence | null;
  satisfaction: number | null;
  nextAction: NextAction;
  nextActionDate: string | null;
  extraTaskId: string | null;
  recordedByType: ActorType;
  recordedById: string | null;
  createdAt: Date;
}

export type NewRecord = Omit<FollowUpRecordRow, 'id' | 'createdAt'>;

const COLUMNS = `r.id, r.org_id AS "orgId", r.task_id AS "taskId", r.client_id AS "clientId", r.method, r.outcome,
  r.duration_seconds AS "durationSeconds", r.content, r.client_condition AS "clientCondition",
  r.measured_values AS "measuredValues", r.medication_adherence AS "medicationAdherence", r.satisfaction,
  r.next_action AS "nextAction", to_char(r.next_action_date, 'YYYY-MM-DD') AS "nextActionDate",
  r.extra_task_id AS "extraTaskId", r.recorded_by_type AS "recordedByType", r.recorded_by_id AS "recordedById",
  r.created_at AS "createdAt"`;

/** The only place that queries `follow_up_record`. */
@Injectable()
export class FollowUpRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, record: NewRecord): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO follow_up_record (org_id, task_id, client_id, method, outcome, duration_seconds, content, client_condition,
                                     measured_values, medication_adherence, satisfaction, next_action, next_action_date,
                                     extra_task_id, recorded_by_type, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        record.orgId,
        record.taskId,
        record.clientId,
        record.method,
        record.outcome,
        record.durationSeconds,
        record.content,
        record.clientCondition,
        JSON.stringify(record.measuredValues),
        record.medicationAdherence,
        record.satisfaction,
        record.nextAction,
        record.nextActionDate,
        record.extraTaskId,
        record.recordedByType,
        record.recordedById,
      ],
    );
    return id;
  }

  async find(orgId: string, id: string, manager?: EntityManager): Promise<FollowUpRecordRow | null> {
    const rows: FollowUpRecordRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM follow_up_record r WHERE r.org_id = $1 AND r.id = $2`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  ofTask(orgId: string, taskId: string): Promise<FollowUpRecordRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM follow_up_record r WHERE r.org_id = $1 AND r.task_id = $2 ORDER BY r.created_at DESC, r.id`,
      [orgId, taskId],
    );
  }

  /** The client's records, newest first (the client's 随访 tab and a task page's history). */
  ofClient(orgId: string, clientId: string, limit: number): Promise<FollowUpRecordRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM follow_up_record r WHERE r.org_id = $1 AND r.client_id = $2
        ORDER BY r.created_at DESC, r.id LIMIT $3`,
      [orgId, clientId, limit],
    );
  }
}
