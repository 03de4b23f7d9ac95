import type { AdviceCategory, AdviceTemplate } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import { ADVICE_CATEGORIES } from '@/views/clients/advice/advice.schema';

/** A condition that holds for every adult: the starting point of a new template (a bare `true` is refused). */
export const ADULT_CONDITION = { '>=': [{ var: 'age' }, 18] };

export const categoryOptions = (): FieldOption[] =>
  ADVICE_CATEGORIES.map((category) => ({ value: category, label: t(`advice.categories.${category}`) }));

export const adviceTemplateColumns: TableColumn<AdviceTemplate>[] = [
  { key: 'category', labelKey: 'advice.templates.category', width: 110, slot: true },
  { key: 'textZh', labelKey: 'advice.textZh', minWidth: 260, slot: true },
  { key: 'condition', labelKey: 'advice.templates.condition', minWidth: 220, slot: true },
  { key: 'priority', labelKey: 'advice.templates.priority', width: 90, align: 'right' },
  { key: 'active', labelKey: 'common.status', width: 90, slot: true },
  { key: 'version', labelKey: 'advice.templates.version', width: 70, align: 'right' },
  { key: 'updatedAt', labelKey: 'advice.templates.updatedAt', width: 150, text: (row) => formatDateTime(row.updatedAt) },
  { key: 'actions', labelKey: 'common.actions', width: 130, fixed: 'right', slot: true },
];

export interface AdviceTemplateFormModel {
  category: AdviceCategory;
  textZh: string;
  textEn: string;
  /** The condition as JSON text, parsed on save. */
  conditionText: string;
  priority: number;
  active: boolean;
}

export function adviceTemplateFormModel(template?: AdviceTemplate | null): AdviceTemplateFormModel {
  return {
    category: template?.category ?? 'diet',
    textZh: template?.textZh ?? '',
    textEn: template?.textEn ?? '',
    conditionText: JSON.stringify(template?.condition ?? ADULT_CONDITION, null, 2),
    priority: template?.priority ?? 50,
    active: template?.active ?? true,
  };
}

/**
 * The condition typed in the form: a JSON object, or the i18n key of what is wrong with it. The
 * API checks operators and fact names (400 ADVICE_CONDITION_INVALID with the path).
 */
export function parseCondition(text: string): { condition: Record<string, unknown> } | { problemKey: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problemKey: 'advice.templates.conditionNotJson' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { problemKey: 'advice.templates.conditionNotObject' };
  return { condition: value as Record<string, unknown> };
}

/** One line for the table: the tags a condition names, or its JSON. */
export function conditionSummary(condition: Record<string, unknown>): string {
  const json = JSON.stringify(condition);
  const tags = [...json.matchAll(/\{"in":\["([^"]+)",\{"var":"tags"\}\]\}/g)].map((m) => m[1]);
  return tags.length > 0 ? tags.join(' / ') : json;
}
