import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FollowUpRecordAccess, FollowUpRecordRef } from './follow-up-record-access';

/** First key of the per-record upload locks (two-key advisory lock space shared by the domains). */
const RECORDING_UPLOAD_LOCK_CLASS = 46_041;

export interface FollowUpRecording {
  id: string;
  orgId: string;
  recordId: string;
  storageKey: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  durationMs: number | null;
  uploadedByType: 'user' | 'api_key';
  uploadedById: string;
  createdAt: Date;
  updatedAt: Date;
}

export type NewFollowUpRecording = Omit<FollowUpRecording, 'createdAt' | 'updatedAt'>;

const COLUMNS = `id, org_id AS "orgId", record_id AS "recordId", storage_key AS "storageKey", mime,
  size_bytes::float8 AS "sizeBytes", sha256, duration_ms AS "durationMs", uploaded_by_type AS "uploadedByType",
  uploaded_by_id AS "uploadedById", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The only place that queries `follow_up_recording` (and reads `follow_up_record` for the org check). */
@Injectable()
export class FollowUpRecordingRepository implements FollowUpRecordAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findRecord(orgId: string, recordId: string): Promise<FollowUpRecordRef | null> {
    const rows: FollowUpRecordRef[] = await this.dataSource.query(
      `SELECT id, client_id AS "clientId", task_id AS "taskId" FROM follow_up_record WHERE org_id = $1 AND id = $2`,
      [orgId, recordId],
    );
    return rows[0] ?? null;
  }

  async findByRecord(orgId: string, recordId: string, manager?: EntityManager): Promise<FollowUpRecording | null> {
    const rows: FollowUpRecording[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM follow_up_recording WHERE org_id = $1 AND record_id = $2`,
      [orgId, recordId],
    );
    return rows[0] ?? null;
  }

  /** Serialises uploads to one record until the transaction ends, so the replaced object is known exactly. */
  async lockRecordUploads(manager: EntityManager, recordId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [RECORDING_UPLOAD_LOCK_CLASS, recordId]);
  }

  /** Inserts the record's recording, or replaces the one it had: the row then describes the new upload. */
  async save(manager: EntityManager, recording: NewFollowUpRecording): Promise<FollowUpRecording> {
    const rows: FollowUpRecording[] = await manager.query(
      `INSERT INTO follow_up_recording
         (id, org_id, record_id, storage_key, mime, size_bytes, sha256, duration_ms, uploaded_by_type, uploaded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (record_id) DO UPDATE SET
         id = EXCLUDED.id, storage_key = EXCLUDED.storage_key, mime = EXCLUDED.mime, size_bytes = EXCLUDED.size_bytes,
         sha256 = EXCLUDED.sha256, duration_ms = EXCLUDED.duration_ms, uploaded_by_type = EXCLUDED.uploaded_by_type,
         uploaded_by_id = EXCLUDED.uploaded_by_id, created_at = now(), updated_at = now()
       RETURNING ${COLUMNS}`,
      [
        recording.id,
        recording.orgId,
        recording.recordId,
        recording.storageKey,
        recording.mime,
        recording.sizeBytes,
        recording.sha256,
        recording.durationMs,
        recording.uploadedByType,
        recording.uploadedById,
      ],
    );
    return rows[0];
  }
}
