import type { FollowUpPlan, FollowUpPlanCreate, FollowUpTaskCreate } from '@/api/types';
import type { FollowUpMethod } from '@/views/follow-ups/follow-ups.schema';

export type PlanStatus = FollowUpPlan['status'];
/** The hand operations on a plan, each its own endpoint (`POST /follow-up-plans/{id}/<action>`). */
export type PlanAction = 'pause' | 'resume' | 'stop';

export const planStatusTag: Record<PlanStatus, 'success' | 'warning' | 'info' | 'primary'> = {
  active: 'primary',
  paused: 'warning',
  stopped: 'info',
  completed: 'success',
};

/**
 * From which statuses an action is offered: the API's own table (anything else is refused with 409
 * FOLLOW_UP_PLAN_INVALID_TRANSITION). Stopped and completed plans are history.
 */
const ACTIONS_BY_STATUS: Record<PlanStatus, PlanAction[]> = {
  active: ['pause', 'stop'],
  paused: ['resume', 'stop'],
  stopped: [],
  completed: [],
};

/** Pausing, resuming and stopping plans take `follow-ups:manage`. */
export function planActions(status: PlanStatus, canManage: boolean): PlanAction[] {
  return canManage ? ACTIONS_BY_STATUS[status] : [];
}

/** What staff can start by hand: a template's plan (`follow-ups:manage`) or one task (`follow-ups:write`). */
export type NewFollowUpKind = 'plan' | 'task';

export function newFollowUpKinds(can: (permission: string) => boolean): NewFollowUpKind[] {
  const kinds: NewFollowUpKind[] = [];
  if (can('follow-ups:manage')) kinds.push('plan');
  if (can('follow-ups:write')) kinds.push('task');
  return kinds;
}

export interface PlanFormModel {
  templateId: string;
  /** Empty: the steps count from now. */
  startAt: Date | null;
}

export interface TaskFormModel {
  title: string;
  method: FollowUpMethod;
  dueAt: Date | null;
  windowDaysAfter: number;
  /** Empty: the client's manager. */
  assigneeUserId: string;
}

export const DEFAULT_WINDOW_DAYS = 3;

export const emptyPlanForm = (): PlanFormModel => ({ templateId: '', startAt: null });

/** Office hours of the next day, in the browser's time zone: the usual "call tomorrow". */
export function tomorrowMorning(now = new Date()): Date {
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  next.setHours(9, 0, 0, 0);
  return next;
}

export const emptyTaskForm = (now = new Date()): TaskFormModel => ({
  title: '',
  method: 'phone',
  dueAt: tomorrowMorning(now),
  windowDaysAfter: DEFAULT_WINDOW_DAYS,
  assigneeUserId: '',
});

export function planBody(clientId: string, model: PlanFormModel): FollowUpPlanCreate {
  return { clientId, templateId: model.templateId, startAt: model.startAt?.toISOString() };
}

export function taskBody(clientId: string, model: TaskFormModel & { dueAt: Date }): FollowUpTaskCreate {
  return {
    clientId,
    title: model.title.trim(),
    method: model.method,
    dueAt: model.dueAt.toISOString(),
    windowDaysAfter: model.windowDaysAfter,
    assigneeUserId: model.assigneeUserId || undefined,
  };
}
