import { FOLLOW_UP_METHOD_LABELS } from '../templates/follow-up-method';
import type { FollowUpTaskDto } from './dto/follow-up-task.dto';
import type { FollowUpTaskRow } from './follow-up-task.repository';

/** Overdue, the one definition: the window has ended and the task was neither completed nor cancelled. */
export function isOverdue(task: Pick<FollowUpTaskRow, 'status' | 'windowEnd'>, now: Date): boolean {
  return task.status !== 'completed' && task.status !== 'cancelled' && task.windowEnd.getTime() < now.getTime();
}

export function toTaskDto(row: FollowUpTaskRow, names: ReadonlyMap<string, string>, now: Date): FollowUpTaskDto {
  return {
    id: row.id,
    clientId: row.clientId,
    clientName: row.clientName,
    planId: row.planId,
    planName: row.planName,
    planStatus: row.planStatus,
    title: row.title,
    method: row.method,
    methodLabel: FOLLOW_UP_METHOD_LABELS[row.method],
    questionnaireId: row.questionnaireId,
    assigneeRule: row.assigneeRule,
    assignee: row.assigneeUserId ? { id: row.assigneeUserId, displayName: names.get(row.assigneeUserId) ?? '' } : null,
    status: row.status,
    overdue: isOverdue(row, now),
    dueAt: row.dueAt.toISOString(),
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    remindAt: row.remindAt.toISOString(),
    attempts: row.attempts,
    completedAt: row.completedAt?.toISOString() ?? null,
    cancelledReason: row.cancelledReason,
  };
}
