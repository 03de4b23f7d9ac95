import type { FollowUpStep, FollowUpTemplateDefinition, FollowUpTrigger } from '@/api/types';
import { t } from '@/i18n';
import { DEFAULT_MAX_REPORT_AGE_DAYS, triggerKey } from './follow-up-templates.schema';
import type { TriggerNames } from './trigger-catalogues';

/**
 * The version history of a template in words: what each version changed against the one before
 * (name, trigger, condition, card rule, and steps by position, as plans number their tasks by
 * step), and each version's trigger and steps. `active` is not versioned, so it never shows here.
 */

/** Step fields compared between versions; the window counts as one field (before and after). */
export const STEP_FIELDS = [
  'title',
  'offset',
  'rrule',
  'window',
  'method',
  'assignee',
  'reminderLeadMinutes',
  'clientChannels',
  'questionnaireId',
  'condition',
] as const;
export type StepField = (typeof STEP_FIELDS)[number];

export type TemplateChange =
  | { kind: 'created' }
  | { kind: 'name'; from: string; to: string }
  | { kind: 'trigger'; from: FollowUpTrigger; to: FollowUpTrigger }
  | { kind: 'condition'; change: 'added' | 'removed' | 'changed' }
  | { kind: 'stopWhenCardEnds'; to: boolean }
  | { kind: 'stepAdded'; index: number; title: string }
  | { kind: 'stepRemoved'; index: number; title: string }
  | { kind: 'stepChanged'; index: number; title: string; fields: StepField[]; before: FollowUpStep; after: FollowUpStep };

/** JSON with keys in order, so `{a, b}` and `{b, a}` compare equal; absent and null are the same. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function stepValue(step: FollowUpStep, field: StepField): unknown {
  if (field === 'window') return [step.windowDaysBefore, step.windowDaysAfter];
  if (field === 'clientChannels') return [...(step.clientChannels ?? [])].sort();
  return step[field];
}

function stepChanges(before: readonly FollowUpStep[], after: readonly FollowUpStep[]): TemplateChange[] {
  const changes: TemplateChange[] = [];
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const old = before[index];
    const now = after[index];
    if (!old && now) changes.push({ kind: 'stepAdded', index, title: now.title });
    else if (old && !now) changes.push({ kind: 'stepRemoved', index, title: old.title });
    else if (old && now) {
      const fields = STEP_FIELDS.filter((field) => !same(stepValue(old, field), stepValue(now, field)));
      if (fields.length > 0) changes.push({ kind: 'stepChanged', index, title: now.title, fields, before: old, after: now });
    }
  }
  return changes;
}

/** What `version` changed against `previous` (the version before it); the first version was created. */
export function versionChanges(
  version: FollowUpTemplateDefinition,
  previous: FollowUpTemplateDefinition | undefined,
): TemplateChange[] {
  if (!previous) return [{ kind: 'created' }];
  const changes: TemplateChange[] = [];
  if (version.name !== previous.name) changes.push({ kind: 'name', from: previous.name, to: version.name });
  if (!same(version.trigger, previous.trigger)) changes.push({ kind: 'trigger', from: previous.trigger, to: version.trigger });
  if (!same(version.condition, previous.condition))
    changes.push({
      kind: 'condition',
      change: previous.condition == null ? 'added' : version.condition == null ? 'removed' : 'changed',
    });
  if (version.stopWhenCardEnds !== previous.stopWhenCardEnds)
    changes.push({ kind: 'stopWhenCardEnds', to: version.stopWhenCardEnds });
  changes.push(...stepChanges(previous.steps, version.steps));
  return changes;
}

const list = (items: readonly string[]) => items.join(t('common.listSeparator'));

/** `添加标签：高血压、糖尿病`, `开卡：任何会员卡`, `风险变化：China-PAR 高危`. */
export function triggerSummary(trigger: FollowUpTrigger, names: TriggerNames): string {
  const type = t(triggerKey(trigger.type));
  const detail = (() => {
    switch (trigger.type) {
      case 'card.opened':
        return trigger.cardTypeIds?.length ? list(trigger.cardTypeIds.map(names.cardType)) : t('followUps.versions.anyCardType');
      case 'report.ingested': {
        const codes = trigger.abnormalCodes?.length ? list(trigger.abnormalCodes) : t('followUps.versions.anyAbnormal');
        // Only a limit other than the default is worth a word.
        return trigger.maxReportAgeDays !== undefined && trigger.maxReportAgeDays !== DEFAULT_MAX_REPORT_AGE_DAYS
          ? `${codes}${t('followUps.versions.reportAge', { days: trigger.maxReportAgeDays })}`
          : codes;
      }
      case 'tag.added':
        return list((trigger.tagIds ?? []).map(names.tag));
      case 'risk.changed': {
        const model = trigger.model ?? '';
        return `${names.riskModel(model)} ${list((trigger.categories ?? []).map((code) => names.riskCategory(model, code)))}`;
      }
      case 'survey.completed':
        return trigger.bands?.length
          ? t('followUps.versions.surveyBands', { questionnaire: trigger.questionnaireId ?? '', bands: list(trigger.bands) })
          : (trigger.questionnaireId ?? '');
      default:
        return '';
    }
  })();
  return detail ? `${type}${t('followUps.versions.colon')}${detail}` : type;
}

/** `检后1周随访 · P7D · 电话`; a recurring step shows its first offset and its rule. */
export function stepSummary(step: FollowUpStep): string {
  const schedule = [step.offset, step.rrule].filter(Boolean).join(' + ');
  return [step.title, schedule, t(`followUps.methods.${step.method}`)].filter(Boolean).join(' · ');
}

/** A step field's value in words; null for what does not read well inline (conditions, ids). */
function stepFieldValue(step: FollowUpStep, field: StepField): string | null {
  switch (field) {
    case 'title':
      return step.title;
    case 'offset':
    case 'rrule':
      return step[field] || '—';
    case 'window':
      return t('followUps.versions.windowValue', { before: step.windowDaysBefore, after: step.windowDaysAfter });
    case 'method':
      return t(`followUps.methods.${step.method}`);
    case 'assignee':
      return step.assignee === 'client_manager' ? t('followUps.versions.clientManager') : step.assignee;
    case 'reminderLeadMinutes':
      return t('followUps.versions.minutes', { n: step.reminderLeadMinutes });
    case 'clientChannels':
      return step.clientChannels?.length ? list(step.clientChannels) : '—';
    default:
      return null;
  }
}

function stepFieldChange(field: StepField, before: FollowUpStep, after: FollowUpStep): string {
  const label = t(`followUps.versions.fields.${field}`);
  const from = stepFieldValue(before, field);
  const to = stepFieldValue(after, field);
  return from === null || to === null
    ? t('followUps.versions.fieldEdited', { field: label })
    : t('followUps.versions.fieldChanged', { field: label, from, to });
}

export function changeText(change: TemplateChange, names: TriggerNames): string {
  switch (change.kind) {
    case 'created':
      return t('followUps.versions.created');
    case 'name':
      return t('followUps.versions.renamed', { from: change.from, to: change.to });
    case 'trigger':
      return t('followUps.versions.triggerChanged', {
        from: triggerSummary(change.from, names),
        to: triggerSummary(change.to, names),
      });
    case 'condition':
      return t(`followUps.versions.condition.${change.change}`);
    case 'stopWhenCardEnds':
      return t(change.to ? 'followUps.versions.stopWhenCardEndsOn' : 'followUps.versions.stopWhenCardEndsOff');
    case 'stepAdded':
      return t('followUps.versions.stepAdded', { n: change.index + 1, title: change.title });
    case 'stepRemoved':
      return t('followUps.versions.stepRemoved', { n: change.index + 1, title: change.title });
    case 'stepChanged':
      return t('followUps.versions.stepChanged', {
        n: change.index + 1,
        title: change.title,
        changes: change.fields
          .map((field) => stepFieldChange(field, change.before, change.after))
          .join(t('followUps.versions.detailSeparator')),
      });
  }
}
