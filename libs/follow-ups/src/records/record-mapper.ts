import type { FollowUpRecordDto } from './dto/follow-up-record.dto';
import type { FollowUpRecordRow } from './follow-up-record.repository';

export function toRecordDto(row: FollowUpRecordRow, names: ReadonlyMap<string, string>): FollowUpRecordDto {
  return {
    id: row.id,
    taskId: row.taskId,
    clientId: row.clientId,
    method: row.method,
    outcome: row.outcome,
    durationSeconds: row.durationSeconds,
    content: row.content,
    clientCondition: row.clientCondition,
    measuredValues: row.measuredValues,
    medicationAdherence: row.medicationAdherence,
    satisfaction: row.satisfaction,
    nextAction: row.nextAction,
    nextActionDate: row.nextActionDate,
    extraTaskId: row.extraTaskId,
    recordedBy: {
      type: row.recordedByType,
      id: row.recordedById,
      displayName: row.recordedByType === 'user' && row.recordedById ? (names.get(row.recordedById) ?? null) : null,
    },
    createdAt: row.createdAt.toISOString(),
  };
}

/** User ids whose display names the records show. */
export function recordAuthors(rows: readonly FollowUpRecordRow[]): string[] {
  return rows.filter((r) => r.recordedByType === 'user' && r.recordedById).map((r) => r.recordedById as string);
}
