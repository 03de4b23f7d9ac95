import type { ErrorDetail } from '@health/core';

export const TRIGGER_TYPES = [
  'manual',
  'card.opened',
  'report.ingested',
  'tag.added',
  'risk.changed',
  'survey.completed',
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/**
 * A report whose exam is older than this when it arrives (history being imported) starts no plan
 * from a `report.ingested` template that does not set `maxReportAgeDays`: a call "one week after the
 * exam" makes no sense for an exam of years ago.
 */
export const DEFAULT_MAX_REPORT_AGE_DAYS = 30;
const MAX_REPORT_AGE_DAYS_LIMIT = 3650;

/**
 * What starts a plan. Lists are "any of"; an empty or absent list on `card.opened` means every card
 * type, on `report.ingested` any abnormal item (`abnormalCodes` narrows to those indicator codes;
 * `maxReportAgeDays`, default `DEFAULT_MAX_REPORT_AGE_DAYS`, skips reports of older exams).
 * `survey.completed` starts on the questionnaire's responses; `bands` narrows to responses in any
 * of those result bands.
 */
export type TemplateTrigger =
  | { type: 'manual' }
  | { type: 'card.opened'; cardTypeIds?: string[] }
  | { type: 'report.ingested'; abnormalCodes?: string[]; maxReportAgeDays?: number }
  | { type: 'tag.added'; tagIds: string[] }
  | { type: 'risk.changed'; model: string; categories: string[] }
  | { type: 'survey.completed'; questionnaireId: string; bands?: string[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INDICATOR_CODE = /^[A-Z][A-Z0-9_]*$/;
const MODEL = /^[a-z0-9-]+$/;
const CATEGORY = /^[a-z0-9_:-]+$/;
const MAX_LIST = 100;

type Check = (value: unknown) => boolean;

/** Checks a trigger as sent; returns it normalised (only known keys) or the problems, each naming `trigger.<field>`. */
export function readTrigger(raw: unknown): { ok: true; trigger: TemplateTrigger } | { ok: false; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, problems: [{ field: 'trigger', code: 'isObject', message: 'trigger must be an object' }] };
  const body = raw as Record<string, unknown>;
  const type = body.type as TriggerType;
  if (!TRIGGER_TYPES.includes(type))
    return {
      ok: false,
      problems: [{ field: 'trigger.type', code: 'isIn', message: `trigger.type must be one of ${TRIGGER_TYPES.join(', ')}` }],
    };
  const list = (field: string, check: Check, required: boolean, what: string): string[] | undefined => {
    const value = body[field];
    if (value === undefined && !required) return undefined;
    if (!Array.isArray(value) || (required && value.length === 0) || value.length > MAX_LIST || !value.every(check)) {
      problems.push({
        field: `trigger.${field}`,
        code: 'invalidList',
        message: `trigger.${field} must be a list of ${required ? '1' : '0'} to ${MAX_LIST} ${what}`,
      });
      return undefined;
    }
    return [...new Set(value as string[])];
  };
  const text = (field: string, pattern: RegExp, what: string): string => {
    const value = body[field];
    if (typeof value !== 'string' || !pattern.test(value))
      problems.push({ field: `trigger.${field}`, code: 'invalid', message: `trigger.${field} must be ${what}` });
    return value as string;
  };
  const isUuid: Check = (v) => typeof v === 'string' && UUID.test(v);
  let trigger: TemplateTrigger;
  switch (type) {
    case 'manual':
      trigger = { type };
      break;
    case 'card.opened':
      trigger = { type, cardTypeIds: list('cardTypeIds', isUuid, false, 'card type ids') };
      break;
    case 'report.ingested': {
      const maxAge = body.maxReportAgeDays;
      if (
        maxAge !== undefined &&
        (!Number.isInteger(maxAge) || (maxAge as number) < 0 || (maxAge as number) > MAX_REPORT_AGE_DAYS_LIMIT)
      )
        problems.push({
          field: 'trigger.maxReportAgeDays',
          code: 'invalid',
          message: `trigger.maxReportAgeDays must be a whole number of days from 0 to ${MAX_REPORT_AGE_DAYS_LIMIT}`,
        });
      trigger = {
        type,
        abnormalCodes: list('abnormalCodes', (v) => typeof v === 'string' && INDICATOR_CODE.test(v), false, 'indicator codes'),
        maxReportAgeDays: maxAge as number | undefined,
      };
      break;
    }
    case 'tag.added':
      trigger = { type, tagIds: list('tagIds', isUuid, true, 'tag ids') ?? [] };
      break;
    case 'risk.changed':
      trigger = {
        type,
        model: text('model', MODEL, 'a risk model result name such as china-par'),
        categories: list('categories', (v) => typeof v === 'string' && CATEGORY.test(v), true, 'category codes') ?? [],
      };
      break;
    case 'survey.completed':
      trigger = {
        type,
        questionnaireId: text('questionnaireId', UUID, 'a questionnaire id'),
        bands: list('bands', (v) => typeof v === 'string' && v.length > 0 && v.length <= 50, false, 'result bands'),
      };
      break;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, trigger: withoutUndefined(trigger) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
