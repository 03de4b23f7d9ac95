import type { FollowUpStep, FollowUpTemplate, FollowUpTemplateCreate, FollowUpTrigger } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';

export type TriggerType = FollowUpTrigger['type'];
export const TRIGGER_TYPES: readonly TriggerType[] = [
  'manual',
  'card.opened',
  'report.ingested',
  'tag.added',
  'risk.changed',
  'survey.completed',
];

/** i18n keys cannot hold dots inside a segment: `report.ingested` → `report_ingested`. */
export const triggerKey = (type: TriggerType) => `followUps.templates.triggers.${type.replace('.', '_')}`;
export const triggerOptions = (): FieldOption[] => TRIGGER_TYPES.map((value) => ({ value, label: t(triggerKey(value)) }));

export const templateColumns: TableColumn<FollowUpTemplate>[] = [
  { key: 'name', labelKey: 'followUps.templates.name', minWidth: 160 },
  { key: 'trigger', labelKey: 'followUps.templates.trigger', width: 150, text: (row) => t(triggerKey(row.trigger.type)) },
  { key: 'steps', labelKey: 'followUps.templates.steps', width: 90, align: 'right', text: (row) => String(row.steps.length) },
  { key: 'version', labelKey: 'followUps.templates.version', width: 80, align: 'right' },
  { key: 'active', labelKey: 'common.status', width: 90, slot: true },
  { key: 'updatedAt', labelKey: 'followUps.templates.updatedAt', width: 150, text: (row) => formatDateTime(row.updatedAt) },
  { key: 'actions', labelKey: 'common.actions', width: 180, fixed: 'right', slot: true },
];

/** A step as the editor holds it: schedule fields are text, empty meaning "not used". */
export interface StepModel {
  title: string;
  offset: string;
  rrule: string;
  windowDaysBefore: number;
  windowDaysAfter: number;
  method: FollowUpStep['method'];
  /** `client_manager` or `role:<code>`. */
  assignee: string;
  reminderLeadMinutes: number;
  clientChannels: FollowUpStep['clientChannels'];
  questionnaireId: string | null;
  /** Kept as it came: the editor does not change step conditions. */
  condition?: FollowUpStep['condition'];
}

/** The API's default for `report.ingested` templates that do not say (libs/follow-ups, template-trigger.ts). */
export const DEFAULT_MAX_REPORT_AGE_DAYS = 30;

export interface TemplateModel {
  name: string;
  description: string;
  active: boolean;
  stopWhenCardEnds: boolean;
  trigger: Required<Pick<FollowUpTrigger, 'abnormalCodes' | 'cardTypeIds' | 'tagIds' | 'categories' | 'bands'>> & {
    type: TriggerType;
    model: string;
    /** Typed by hand: there is no questionnaire list yet. */
    questionnaireId: string;
    /** `report.ingested`: reports of older exams (imported history) start nothing. */
    maxReportAgeDays: number;
  };
  /** JSON Logic as typed; empty: every client the trigger names. */
  conditionText: string;
  steps: StepModel[];
}

export const emptyStep = (): StepModel => ({
  title: '',
  offset: 'P7D',
  rrule: '',
  windowDaysBefore: 0,
  windowDaysAfter: 3,
  method: 'phone',
  assignee: 'client_manager',
  reminderLeadMinutes: 60,
  clientChannels: [],
  questionnaireId: null,
});

export function templateModel(template: FollowUpTemplate | null): TemplateModel {
  const trigger = template?.trigger;
  return {
    name: template?.name ?? '',
    description: template?.description ?? '',
    active: template?.active ?? true,
    stopWhenCardEnds: template?.stopWhenCardEnds ?? true,
    trigger: {
      type: trigger?.type ?? 'manual',
      abnormalCodes: [...(trigger?.abnormalCodes ?? [])],
      cardTypeIds: [...(trigger?.cardTypeIds ?? [])],
      tagIds: [...(trigger?.tagIds ?? [])],
      categories: [...(trigger?.categories ?? [])],
      model: trigger?.model ?? '',
      bands: [...(trigger?.bands ?? [])],
      questionnaireId: trigger?.questionnaireId ?? '',
      maxReportAgeDays: trigger?.maxReportAgeDays ?? DEFAULT_MAX_REPORT_AGE_DAYS,
    },
    conditionText: template?.condition ? JSON.stringify(template.condition, null, 2) : '',
    steps: template
      ? template.steps.map((step) => ({ ...emptyStep(), ...step, offset: step.offset ?? '', rrule: step.rrule ?? '' }))
      : [emptyStep()],
  };
}

/** The editor's steps as the API's: an empty offset or rule is left out. */
export function stepsBody(steps: StepModel[]): FollowUpStep[] {
  return steps.map(({ offset, rrule, title, assignee, ...rest }) => ({
    ...rest,
    title: title.trim(),
    assignee: assignee.trim(),
    offset: offset.trim() || undefined,
    rrule: rrule.trim() || undefined,
  }));
}

/** Only the parameters of the chosen trigger type are sent. */
export function triggerBody(trigger: TemplateModel['trigger']): FollowUpTrigger {
  switch (trigger.type) {
    case 'card.opened':
      return { type: trigger.type, cardTypeIds: trigger.cardTypeIds };
    case 'report.ingested':
      return { type: trigger.type, abnormalCodes: trigger.abnormalCodes, maxReportAgeDays: trigger.maxReportAgeDays };
    case 'tag.added':
      return { type: trigger.type, tagIds: trigger.tagIds };
    case 'risk.changed':
      return { type: trigger.type, model: trigger.model.trim(), categories: trigger.categories };
    case 'survey.completed':
      return {
        type: trigger.type,
        questionnaireId: trigger.questionnaireId.trim(),
        bands: trigger.bands.map((band) => band.trim()).filter(Boolean),
      };
    default:
      return { type: trigger.type };
  }
}

/** The condition text: `null` when empty, the parsed object, or an i18n key when it is not a JSON object. */
export function parseTemplateCondition(text: string): { condition: Record<string, unknown> | null } | { problemKey: string } {
  if (!text.trim()) return { condition: null };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return { condition: parsed as Record<string, unknown> };
  } catch {
    // Reported below like any other non-object.
  }
  return { problemKey: 'followUps.templates.conditionInvalid' };
}

export function templateBody(model: TemplateModel, condition: Record<string, unknown> | null): FollowUpTemplateCreate {
  return {
    name: model.name.trim(),
    description: model.description.trim() || undefined,
    active: model.active,
    stopWhenCardEnds: model.stopWhenCardEnds,
    trigger: triggerBody(model.trigger),
    condition,
    steps: stepsBody(model.steps),
  };
}
