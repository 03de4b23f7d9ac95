import type { Tag, TagReevaluation } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { t } from '@/i18n';

export type TagKind = Tag['kind'];

/** Same bounds as the API's DTO; the API decides, these only save a round trip. */
export const TAG_NAME_MAX = 40;
export const TAG_NAME_EN_MAX = 60;
export const TAG_CATEGORY_MAX = 40;
export const TAG_DESCRIPTION_MAX = 500;
export const TAG_COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** The colour picker's swatches: Element Plus' status colours and a few calmer ones. */
export const TAG_COLOURS = ['#f56c6c', '#e6a23c', '#67c23a', '#409eff', '#909399', '#b37feb', '#13c2c2', '#eb2f96'];

export const tagKindOptions = (): FieldOption[] => [
  { value: 'rule', label: t('tags.kinds.rule') },
  { value: 'manual', label: t('tags.kinds.manual') },
];

export const tagColumns: TableColumn<Tag>[] = [
  { key: 'name', labelKey: 'tags.name', minWidth: 140, slot: true },
  { key: 'category', labelKey: 'tags.category', width: 100 },
  { key: 'kind', labelKey: 'tags.kind', width: 90, text: (row) => t(`tags.kinds.${row.kind}`) },
  { key: 'condition', labelKey: 'tags.condition', minWidth: 220, slot: true },
  { key: 'clientCount', labelKey: 'tags.clientCount', width: 80, align: 'right' },
  {
    key: 'ruleVersion',
    labelKey: 'tags.ruleVersion',
    width: 80,
    align: 'center',
    text: (row) => (row.kind === 'rule' ? t('tags.versionValue', { version: row.ruleVersion }) : '—'),
  },
  { key: 'active', labelKey: 'tags.active', width: 70, align: 'center', slot: true },
  { key: 'reevaluation', labelKey: 'tags.reevaluation', width: 170, slot: true },
  { key: 'actions', labelKey: 'common.actions', width: 200, fixed: 'right', slot: true },
];

/** A worker is re-evaluating every client against the rule: the list keeps polling. */
export function isReevaluating(tag: Pick<Tag, 'reevaluation'>): boolean {
  return tag.reevaluation.state === 'queued' || tag.reevaluation.state === 'running';
}

export function reevaluationPercent(run: TagReevaluation): number {
  if (run.state === 'done') return 100;
  return run.total > 0 ? Math.min(100, Math.floor((run.done / run.total) * 100)) : 0;
}

/** The line beside the progress bar or the outcome of the last run. */
export function reevaluationText(run: TagReevaluation): string {
  switch (run.state) {
    case 'queued':
      return t('tags.reevaluationQueued');
    case 'running':
      return t('tags.reevaluationRunning', { done: run.done, total: run.total });
    case 'done':
      return t('tags.reevaluationDone', { added: run.added, removed: run.removed });
    default:
      return '—';
  }
}

export interface TagFormModel {
  name: string;
  nameEn: string;
  colour: string;
  category: string;
  description: string;
  kind: TagKind;
  active: boolean;
}

export function tagFormModel(tag?: Tag | null): TagFormModel {
  return {
    name: tag?.name ?? '',
    nameEn: tag?.nameEn ?? '',
    colour: tag?.colour ?? TAG_COLOURS[0]!,
    category: tag?.category ?? '',
    description: tag?.description ?? '',
    kind: tag?.kind ?? 'rule',
    active: tag?.active ?? true,
  };
}

/**
 * The body of a create or an update. An update replaces every field, so the optional ones are sent
 * as they are (blank → absent → cleared).
 */
export function tagBody(model: TagFormModel, condition: Record<string, unknown> | null) {
  return {
    name: model.name.trim(),
    nameEn: model.nameEn.trim() || undefined,
    colour: model.colour.toLowerCase(),
    category: model.category.trim(),
    description: model.description.trim() || undefined,
    condition: model.kind === 'rule' ? condition : null,
    active: model.active,
  };
}

/** The same tag with only `active` changed (the list's switch). */
export function tagWithActive(tag: Tag, active: boolean) {
  return tagBody({ ...tagFormModel(tag), active }, tag.condition);
}
