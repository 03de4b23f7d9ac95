import { RRule } from 'rrule';
import type { ErrorDetail } from '@health/core';
import { conditionProblems, evaluateCondition, type Condition } from '@health/archives';
import { addIsoDuration, parseIsoDuration } from './iso-duration';
import { CLIENT_REMINDER_CHANNELS, FOLLOW_UP_METHODS, type ClientReminderChannel, type FollowUpMethod } from './follow-up-method';

/** `client_manager`: the client's assigned manager; `role:<code>`: the least busy active user with that role. */
export type AssigneeRule = 'client_manager' | `role:${string}`;

/**
 * One step of a template. Either `offset` alone (one task at trigger + offset) or `rrule` (a task
 * per occurrence, starting at trigger + `offset`, default at the trigger itself). The task's window
 * runs from `windowDaysBefore` days before its due time to `windowDaysAfter` days after: after the
 * window it is overdue (missed), the one definition of overdue everywhere.
 */
export interface FollowUpStep {
  title: string;
  offset?: string;
  rrule?: string;
  windowDaysBefore: number;
  windowDaysAfter: number;
  method: FollowUpMethod;
  questionnaireId: string | null;
  assignee: AssigneeRule;
  /** The task becomes due and reminders go out this long before `dueAt`. */
  reminderLeadMinutes: number;
  /** Client reminder channels; empty: only the assigned staff member is reminded. */
  clientChannels: ClientReminderChannel[];
  /** The step applies only to clients whose facts satisfy it (e.g. monthly for high risk only). */
  condition?: Condition;
}

export interface PlannedTask {
  stepIndex: number;
  title: string;
  method: FollowUpMethod;
  questionnaireId: string | null;
  assignee: AssigneeRule;
  clientChannels: ClientReminderChannel[];
  dueAt: Date;
  windowStart: Date;
  windowEnd: Date;
  remindAt: Date;
}

export const MAX_STEPS = 20;
/** Occurrences one recurring step may produce: a bounded plan, and a bounded insert. */
export const MAX_OCCURRENCES = 60;
const MAX_WINDOW_DAYS = 365;
const MAX_LEAD_MINUTES = 30 * 24 * 60;
const ROLE_RULE = /^role:[a-z][a-z0-9_-]{0,49}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

/** Checks the steps as sent (every problem names `steps[i].field`); returns them normalised. */
export function readSteps(raw: unknown): { ok: true; steps: FollowUpStep[] } | { ok: false; problems: ErrorDetail[] } {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_STEPS)
    return { ok: false, problems: [{ field: 'steps', code: 'arraySize', message: `steps must hold 1 to ${MAX_STEPS} steps` }] };
  const problems: ErrorDetail[] = [];
  const steps = raw.map((entry: unknown, index): FollowUpStep => {
    const at = (field: string) => `steps[${index}].${field}`;
    const problem = (field: string, code: string, message: string) =>
      problems.push({ field: at(field), index, code, message: `${at(field)} ${message}` });
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ field: `steps[${index}]`, index, code: 'isObject', message: `steps[${index}] must be an object` });
      return undefined as unknown as FollowUpStep;
    }
    const s = entry as Record<string, unknown>;
    const known = new Set([
      'title',
      'offset',
      'rrule',
      'windowDaysBefore',
      'windowDaysAfter',
      'method',
      'questionnaireId',
      'assignee',
      'reminderLeadMinutes',
      'clientChannels',
      'condition',
    ]);
    for (const key of Object.keys(s)) if (!known.has(key)) problem(key, 'unknownField', 'is not a step field');

    if (typeof s.title !== 'string' || s.title.trim() === '' || s.title.length > 100)
      problem('title', 'invalid', 'must be 1 to 100 characters');
    if (s.offset !== undefined && (typeof s.offset !== 'string' || parseIsoDuration(s.offset) === null))
      problem('offset', 'isoDuration', 'must be an ISO-8601 duration such as P7D, P1M or PT30S');
    if (s.rrule !== undefined) {
      const error = typeof s.rrule === 'string' ? rruleProblem(s.rrule) : 'must be a string';
      if (error) problem('rrule', 'rrule', error);
    }
    if (s.offset === undefined && s.rrule === undefined) problem('offset', 'required', 'or rrule is required');
    const int = (field: string, min: number, max: number, fallback: number): number => {
      const value = s[field] ?? fallback;
      if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
        problem(field, 'range', `must be a whole number from ${min} to ${max}`);
      return value as number;
    };
    const windowDaysBefore = int('windowDaysBefore', 0, MAX_WINDOW_DAYS, 0);
    const windowDaysAfter = int('windowDaysAfter', 0, MAX_WINDOW_DAYS, 3);
    const reminderLeadMinutes = int('reminderLeadMinutes', 0, MAX_LEAD_MINUTES, 0);
    if (!FOLLOW_UP_METHODS.includes(s.method as FollowUpMethod))
      problem('method', 'isIn', `must be one of ${FOLLOW_UP_METHODS.join(', ')}`);
    const questionnaireId = s.questionnaireId ?? null;
    if (questionnaireId !== null && (typeof questionnaireId !== 'string' || !UUID.test(questionnaireId)))
      problem('questionnaireId', 'isUuid', 'must be a questionnaire id or null');
    const assignee = s.assignee ?? 'client_manager';
    if (assignee !== 'client_manager' && (typeof assignee !== 'string' || !ROLE_RULE.test(assignee)))
      problem('assignee', 'assigneeRule', 'must be client_manager or role:<role code>');
    const channels = s.clientChannels ?? [];
    if (!Array.isArray(channels) || !channels.every((c) => CLIENT_REMINDER_CHANNELS.includes(c as ClientReminderChannel)))
      problem('clientChannels', 'isIn', `must be a list of ${CLIENT_REMINDER_CHANNELS.join(', ')}`);
    if (s.condition !== undefined && s.condition !== null)
      for (const p of conditionProblems(s.condition, at('condition'))) problems.push({ ...p, index });

    return {
      title: typeof s.title === 'string' ? s.title.trim() : '',
      ...(s.offset === undefined ? {} : { offset: s.offset as string }),
      ...(s.rrule === undefined ? {} : { rrule: s.rrule as string }),
      windowDaysBefore,
      windowDaysAfter,
      method: s.method as FollowUpMethod,
      questionnaireId: questionnaireId as string | null,
      assignee: assignee as AssigneeRule,
      reminderLeadMinutes,
      clientChannels: Array.isArray(channels) ? [...new Set(channels as ClientReminderChannel[])] : [],
      ...(s.condition === undefined || s.condition === null ? {} : { condition: s.condition as Condition }),
    };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, steps };
}

/**
 * Only what a recurrence needs: a frequency, and a COUNT or UNTIL that bounds it. DTSTART is the
 * plan's own start, so it may not be written into the rule.
 */
function rruleProblem(text: string): string | null {
  let options: ReturnType<typeof RRule.parseString>;
  try {
    if (/DTSTART|\n|RRULE:/i.test(text)) return 'must be the rule alone, e.g. FREQ=MONTHLY;COUNT=12 (the plan sets the start)';
    options = RRule.parseString(text);
  } catch (err) {
    return `is not an RFC 5545 rule: ${(err as Error).message}`;
  }
  if (options.freq === undefined) return 'needs FREQ';
  if (options.count === undefined && !options.until) return 'needs COUNT or UNTIL so the plan ends';
  if (options.count !== undefined && options.count !== null) {
    if (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_OCCURRENCES)
      return `COUNT must be a whole number from 1 to ${MAX_OCCURRENCES}`;
  }
  if (options.interval !== undefined && (!Number.isInteger(options.interval) || options.interval < 1))
    return 'INTERVAL must be a whole number of at least 1';
  if (options.freq > RRule.DAILY) return 'FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY';
  return null;
}

/** Due moments of one step from the trigger moment: one for an offset, each occurrence for a rule. */
export function dueMoments(step: FollowUpStep, anchor: Date): Date[] {
  const start = step.offset ? addIsoDuration(anchor, parseIsoDuration(step.offset)!) : anchor;
  if (!step.rrule) return [start];
  const rule = new RRule({ ...RRule.parseString(step.rrule), dtstart: start });
  return rule.all((_, i) => i < MAX_OCCURRENCES);
}

/**
 * The tasks a plan gets: every step whose condition holds on the client's facts (a step with a
 * condition is left out when the facts are unknown), each occurrence with its window and reminder
 * moment, in due order.
 */
export function planTasks(steps: readonly FollowUpStep[], anchor: Date, facts: object | null): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  steps.forEach((step, stepIndex) => {
    if (step.condition && (facts === null || !evaluateCondition(step.condition, facts))) return;
    for (const dueAt of dueMoments(step, anchor)) {
      tasks.push({
        stepIndex,
        title: step.title,
        method: step.method,
        questionnaireId: step.questionnaireId,
        assignee: step.assignee,
        clientChannels: step.clientChannels,
        dueAt,
        windowStart: new Date(dueAt.getTime() - step.windowDaysBefore * DAY_MS),
        windowEnd: new Date(dueAt.getTime() + step.windowDaysAfter * DAY_MS),
        remindAt: new Date(dueAt.getTime() - step.reminderLeadMinutes * 60_000),
      });
    }
  });
  return tasks.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.stepIndex - b.stepIndex);
}
