import { defineJob } from '@health/core';

/**
 * At `remind_at` (due time − reminder lead): the task becomes due and reminders are requested.
 * Job id `<taskId>.due`, so enqueueing it again (reconciler, rescheduling) never makes a second one.
 */
export const FollowUpTaskDueJob = defineJob<{ taskId: string }>({ queue: 'follow-ups', name: 'task-due' });

/** At `window_end`: an open task is missed and escalated to the client's manager. Job id `<taskId>.missed`. */
export const FollowUpTaskMissedJob = defineJob<{ taskId: string }>({ queue: 'follow-ups', name: 'task-missed' });

export const dueJobId = (taskId: string): string => `${taskId}.due`;
export const missedJobId = (taskId: string): string => `${taskId}.missed`;

/** The task id in a job id of either job. */
export const taskIdOfJob = (jobId: string): string => jobId.slice(0, jobId.lastIndexOf('.'));
